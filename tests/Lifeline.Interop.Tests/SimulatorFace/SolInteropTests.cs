using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.SimulatorFace;

/// <summary>Nodes for SOL, on the real clock (the SOL pump polls the console every 50 ms).</summary>
public sealed class SolFleet() : SimulatedFleetFixture(subnet: 74, nodes: 4);

/// <summary>
/// Serial over LAN through a real terminal: ipmitool `sol activate` and FreeIPMI `ipmiconsole` in tmux see the
/// simulated host's login prompt, log in, run a command and see its output, then leave with their escape sequence.
/// </summary>
public sealed class SolInteropTests(SolFleet fleet) : IClassFixture<SolFleet>
{
    private static readonly TimeSpan Screen = TimeSpan.FromSeconds(10);

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task IpmitoolSolActivateShowsTheConsoleAndEchoesTypedText(int suite)
    {
        int node = suite == 3 ? 0 : 1;
        var ipmitool = Peers.Require("ipmitool", "ipmitool");
        await using var terminal = await TmuxTerminal.StartAsync(
            [ipmitool, "-I", "lanplus", "-H", fleet.Host(node), "-p", fleet.Port.ToString(), "-U", SimulatedFleetFixture.User, "-E",
             "-C", suite.ToString(), "sol", "activate"],
            new Dictionary<string, string> { ["IPMI_PASSWORD"] = SimulatedFleetFixture.Password });
        await terminal.WaitForAsync("[SOL Session operational", Screen, $"ipmitool -C {suite} sol activate");
        Assert.NotNull(fleet.Face.DispatcherOf(fleet.Model(node)).Sol.ActiveSession);

        // a second console is refused while this one holds the payload (Activate Payload 80h)
        var second = await IpmiTool.RunAsync(fleet, node, suite, "sol", "activate");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("SOL payload already active on another session", second.StandardError + second.StandardOutput, StringComparison.Ordinal);

        await LogInAndRunAsync(terminal, fleet.Model(node), $"ipmitool -C {suite}");

        await terminal.TypeAsync("~.");
        await terminal.WaitForAsync("[exited", Screen, "ipmitool leaving SOL with ~.");
        await WaitForDeactivationAsync(node);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task IpmiconsoleShowsTheConsoleAndEchoesTypedText(int suite)
    {
        int node = suite == 3 ? 2 : 3;
        var ipmiconsole = Peers.Require("ipmiconsole", "freeipmi-tools");
        await using var terminal = await TmuxTerminal.StartAsync(
            [ipmiconsole, "-h", fleet.FreeIpmiHost(node), "-u", SimulatedFleetFixture.User, "-p", SimulatedFleetFixture.Password,
             "-I", suite.ToString()]);
        await terminal.WaitForAsync("[SOL established]", Screen, $"ipmiconsole -I {suite}");

        await LogInAndRunAsync(terminal, fleet.Model(node), $"ipmiconsole -I {suite}");

        await terminal.TypeAsync("&.");
        await terminal.WaitForAsync("[exited", Screen, "ipmiconsole leaving with &.");
        await WaitForDeactivationAsync(node);
    }

    private static async Task LogInAndRunAsync(TmuxTerminal terminal, BmcModel model, string peer)
    {
        await terminal.TypeAsync("\r");
        await terminal.WaitForAsync($"{model.Name} login:", Screen, $"{peer}: the login prompt after Enter");
        await terminal.TypeAsync("root\r");
        await terminal.WaitForAsync("Password:", Screen, $"{peer}: the password prompt");
        await terminal.TypeAsync("not-checked\r");
        await terminal.WaitForAsync($"root@{model.Name}:~#", Screen, $"{peer}: the shell prompt");
        string marker = $"typed-through-{peer.Replace(' ', '-')}";
        await terminal.TypeAsync($"echo {marker}\r");
        // the command line is echoed, then the shell prints the text on a line of its own
        var screen = await terminal.WaitForAsync($"\n{marker}", Screen, $"{peer}: the echo command's output", after: $"echo {marker}");
        Assert.Contains($"root@{model.Name}:~# echo {marker}", screen, StringComparison.Ordinal);
        Assert.Equal(HostStage.Shell, model.HostStage);
    }

    private async Task WaitForDeactivationAsync(int node)
    {
        var sol = fleet.Face.DispatcherOf(fleet.Model(node)).Sol;
        var deadline = DateTime.UtcNow + Screen;
        while (sol.ActiveSession is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Null(sol.ActiveSession);
    }
}
