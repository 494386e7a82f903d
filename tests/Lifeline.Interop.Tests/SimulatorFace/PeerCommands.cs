using System.Diagnostics;
using Lifeline.Interop.Tests.Infrastructure;

namespace Lifeline.Interop.Tests.SimulatorFace;

/// <summary>ipmitool against one simulated node: lanplus, the given cipher suite, the password from IPMI_PASSWORD (-E).</summary>
public static class IpmiTool
{
    public static async Task<ProcessResult> RunAsync(SimulatedFleetFixture fleet, int node, int suite, params string[] command)
    {
        var ipmitool = Peers.Require("ipmitool", "ipmitool");
        string[] args = ["-I", "lanplus", "-H", fleet.Host(node), "-p", fleet.Port.ToString(), "-U", SimulatedFleetFixture.User, "-E",
            "-C", suite.ToString(), "-N", "1", "-R", "3", .. command];
        return await ProcessRunner.RunAsync(ipmitool, args, TimeSpan.FromSeconds(30),
            new Dictionary<string, string> { ["IPMI_PASSWORD"] = SimulatedFleetFixture.Password });
    }

    /// <summary>Runs and requires exit code 0, with the whole output in the failure message.</summary>
    public static async Task<string> OkAsync(SimulatedFleetFixture fleet, int node, int suite, params string[] command)
    {
        var result = await RunAsync(fleet, node, suite, command);
        Assert.True(result.ExitCode == 0, $"ipmitool -C {suite} {string.Join(' ', command)} against {fleet.EndPoint(node)}: {result}");
        return result.StandardOutput;
    }

    /// <summary>"Key : Value" lines as ipmitool prints them (first occurrence of each key wins).</summary>
    public static Dictionary<string, string> Fields(string output)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }
        return fields;
    }
}

/// <summary>FreeIPMI tools against one simulated node over LAN_2_0 with the given cipher suite.</summary>
public static class FreeIpmi
{
    public static async Task<ProcessResult> RunAsync(string tool, SimulatedFleetFixture fleet, string hosts, int suite, params string[] command)
    {
        var path = Peers.Require(tool, "freeipmi-tools");
        string[] args = ["-D", "LAN_2_0", "-h", hosts, "-u", SimulatedFleetFixture.User, "-p", SimulatedFleetFixture.Password,
            "-I", suite.ToString(), .. command];
        return await ProcessRunner.RunAsync(path, args, TimeSpan.FromSeconds(45));
    }

    public static async Task<string> OkAsync(string tool, SimulatedFleetFixture fleet, int node, int suite, params string[] command)
    {
        var result = await RunAsync(tool, fleet, fleet.FreeIpmiHost(node), suite, command);
        Assert.True(result.ExitCode == 0, $"{tool} -I {suite} {string.Join(' ', command)} against {fleet.EndPoint(node)}: {result}");
        return result.StandardOutput;
    }

    public static string[] SdrCache(SimulatedFleetFixture fleet) => ["--sdr-cache-directory", fleet.SdrCacheDirectory, "--quiet-cache"];

    /// <summary>Rows of a FreeIPMI table ("a | b | c"), header excluded, cells trimmed.</summary>
    public static List<string[]> Rows(string output) =>
        output.Split('\n')
            .Where(l => l.Contains('|', StringComparison.Ordinal) && !l.StartsWith("ID ", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
}

/// <summary>
/// A terminal for interactive peers (ipmitool sol activate, ipmiconsole): a detached tmux session on this test run's own
/// tmux server socket, driven with send-keys and read with capture-pane. Dispose ends that server only.
/// </summary>
public sealed class TmuxTerminal : IAsyncDisposable
{
    private static int s_next;
    private readonly string _tmux;
    private readonly string _name = $"t{Interlocked.Increment(ref s_next)}";
    // one tmux server per terminal: with a shared server, one test ending the last session could take the server down
    // while another test was starting its session on it ("server exited unexpectedly")
    private string Socket => $"lifeline-sim-{Environment.ProcessId}-{_name}";

    private TmuxTerminal(string tmux)
    {
        _tmux = tmux;
    }

    public static async Task<TmuxTerminal> StartAsync(string[] command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var terminal = new TmuxTerminal(Peers.Require("tmux", "tmux"));
        var args = new List<string> { "-L", terminal.Socket, "new-session", "-d", "-s", terminal._name, "-x", "200", "-y", "50" };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            args.AddRange(["-e", $"{k}={v}"]);
        }
        // keep the pane after the command exits so its last words can be read
        args.AddRange([string.Join(' ', command.Select(Quote)) + "; echo '[exited '$?']'; sleep 30"]);
        var result = await ProcessRunner.RunAsync(terminal._tmux, args, TimeSpan.FromSeconds(10));
        Assert.True(result.ExitCode == 0, "tmux new-session: " + result);
        return terminal;
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Types text literally (no key-name lookup); "\r" for Enter.</summary>
    public async Task TypeAsync(string text)
    {
        var result = await ProcessRunner.RunAsync(_tmux, ["-L", Socket, "send-keys", "-t", _name, "-l", text], TimeSpan.FromSeconds(10));
        Assert.True(result.ExitCode == 0, "tmux send-keys: " + result);
    }

    public async Task<string> CaptureAsync()
    {
        var result = await ProcessRunner.RunAsync(_tmux, ["-L", Socket, "capture-pane", "-p", "-t", _name, "-S", "-200"], TimeSpan.FromSeconds(10));
        return result.StandardOutput;
    }

    /// <summary>Polls the screen until <paramref name="text"/> appears (after <paramref name="after"/>, when given).</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan timeout, string what, string? after = null)
    {
        var deadline = Stopwatch.StartNew();
        string screen = "";
        while (deadline.Elapsed < timeout)
        {
            screen = await CaptureAsync();
            int from = after is null ? 0 : screen.IndexOf(after, StringComparison.Ordinal);
            if (from >= 0 && screen.IndexOf(text, from, StringComparison.Ordinal) >= 0)
            {
                return screen;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what}: '{text}' did not appear within {timeout.TotalSeconds} s; screen:\n{screen}");
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync(_tmux, ["-L", Socket, "kill-server"], TimeSpan.FromSeconds(10));
    }
}
