namespace Lifeline.Interop.Tests.Infrastructure;

/// <summary>
/// One OpenIPMI ipmi_sim BMC started with ../shared/peers/ipmi/start-peers.sh on its own UDP port and run folder,
/// shared by a test class (xunit class fixture). Stopped with stop-peers.sh, which kills only the pids it recorded.
/// </summary>
public sealed class IpmiSimPeer : IAsyncLifetime
{
    private static int s_nextPort = 19600 + (Environment.ProcessId % 50) * 10;

    public int Port { get; } = Interlocked.Add(ref s_nextPort, 1);
    public string RunDirectory { get; } = Path.Combine(Path.GetTempPath(), $"lifeline-ipmisim-{Environment.ProcessId}-{Guid.NewGuid():N}");
    public string User => "admin";
    public string Password => "password";
    public int SolConsolePort => Port + 100;
    public int EmulatorPort => Port + 200;
    public string? UnavailableReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (Peers.Find("ipmi_sim") is null)
        {
            UnavailableReason = "ipmi_sim is not installed (apt-get install -y openipmi)";
            return;
        }
        var script = Path.Combine(Peers.SharedFolder, "peers", "ipmi", "start-peers.sh");
        var result = await ProcessRunner.RunAsync("/bin/bash", [script, "--sim", Port.ToString(), "--run", RunDirectory], TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            UnavailableReason = "start-peers.sh failed: " + result;
        }
    }

    /// <summary>Fails (CI) or skips (elsewhere) when the peer could not be started.</summary>
    public void EnsureAvailable()
    {
        if (UnavailableReason is null)
        {
            return;
        }
        if (Peers.InCi)
        {
            throw new InvalidOperationException(UnavailableReason);
        }
        Skip.If(true, UnavailableReason);
    }

    /// <summary>Sends commands to ipmi_sim's emulator console (ipmi_sim_cmd(5)) through the peers' emu-cmd.sh.</summary>
    public async Task<string> EmulatorCommandAsync(params string[] commands)
    {
        var script = Path.Combine(Peers.SharedFolder, "peers", "ipmi", "sim", "emu-cmd.sh");
        var result = await ProcessRunner.RunAsync("/bin/bash", [script, Port.ToString(), .. commands], TimeSpan.FromSeconds(15));
        return result.StandardOutput;
    }

    public async Task DisposeAsync()
    {
        var script = Path.Combine(Peers.SharedFolder, "peers", "ipmi", "stop-peers.sh");
        if (File.Exists(script) && Directory.Exists(RunDirectory))
        {
            await ProcessRunner.RunAsync("/bin/bash", [script, "--run", RunDirectory], TimeSpan.FromSeconds(30));
        }
    }
}
