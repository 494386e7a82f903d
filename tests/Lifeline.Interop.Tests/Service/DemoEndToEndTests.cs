using System.Text.Json;
using Lifeline.Interop.Tests.Infrastructure;

namespace Lifeline.Interop.Tests.Service;

/// <summary>
/// The README's first command as an operator meets it: `lifeline demo` (the real executable) starts the service with a
/// simulated fleet; the real `lifeline` then logs in and drives power, boot, sensors, events and health over
/// noderanges, and the results follow the simulated BMCs (IPMI-only, Redfish-only and dual nodes, a dead BMC and a
/// failed fan). Ctrl-C stops everything and removes the temporary data directory.
/// </summary>
public sealed class DemoEndToEndTests : IAsyncLifetime
{
    private const string AdminPassword = "demo-e2e-Admin-pw-7";
    private static readonly int Port = 27000 + Environment.ProcessId % 1000;

    private readonly string _config = Directory.CreateTempSubdirectory("lifeline-demo-e2e-config-").FullName;
    private ServiceProcess? _demo;

    private Uri Url => new($"http://127.0.0.1:{Port}");

    public async Task InitializeAsync()
    {
        _demo = await ServiceProcess.StartAsync(
            ["demo", "--nodes", "9", "--listen", Url.ToString(), "--address", "127.0.77.1"],
            new Dictionary<string, string> { ["LIFELINE_ADMIN_PASSWORD"] = AdminPassword, ["Lifeline__Fleet__RefreshInterval"] = "00:00:00" },
            "Ctrl-C stops", TimeSpan.FromSeconds(90));
        var login = await CliAsync("login", Url.ToString());
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }
        Directory.Delete(_config, recursive: true);
    }

    private Task<ProcessResult> CliAsync(params string[] args)
    {
        var dotnet = ProcessRunner.Dotnet;
        return ProcessRunner.RunAsync(dotnet, [ServiceProcess.LifelineDll, .. args], TimeSpan.FromSeconds(90),
            new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = _config, ["LIFELINE_PASSWORD"] = AdminPassword });
    }

    private async Task<Dictionary<string, JsonElement>> JsonAsync(int expectedExit, params string[] args)
    {
        var r = await CliAsync([.. args, "-o", "json"]);
        Assert.True(r.ExitCode == expectedExit, r.ToString());
        return r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(j => j.GetProperty("node").GetString()!);
    }

    [Fact]
    public async Task TheDemoFleetIsDrivenOverNoderangesThroughTheService()
    {
        // every node answers but the dead BMC, which ends in an explicit error, and the CLI says "some failed"
        var power = await JsonAsync(1, "power", "all", "status");
        Assert.Equal(9, power.Count);
        Assert.All(power.Where(p => p.Key != "node09"), p => Assert.Equal("on", p.Value.GetProperty("state").GetString()));
        Assert.False(power["node09"].GetProperty("ok").GetBoolean());
        Assert.Contains(power["node09"].GetProperty("error").GetProperty("category").GetString(), new[] { "timeout", "unreachable" });

        // power off one IPMI-only and one Redfish-only node, read back through a range with an exclusion
        var off = await JsonAsync(0, "power", "node01,node02", "off");
        Assert.All(off.Values, o => Assert.True(o.GetProperty("ok").GetBoolean(), o.ToString()));
        var after = await JsonAsync(0, "power", "node[01-08],-node03", "status");
        Assert.Equal(7, after.Count);
        Assert.Equal("off", after["node01"].GetProperty("state").GetString());
        Assert.Equal("off", after["node02"].GetProperty("state").GetString());
        Assert.Equal("on", after["node04"].GetProperty("state").GetString());

        // boot override on the dual group (Redfish is used for them), read back
        var boot = await JsonAsync(0, "boot", "dual,-node09", "pxe");
        Assert.Equal(["node03", "node06"], boot.Keys.Order());
        var bootStatus = await JsonAsync(0, "boot", "dual@node0[1-6]", "status");
        Assert.All(bootStatus.Values, b => Assert.Equal("pxe", b.GetProperty("boot").GetProperty("device").GetString()));

        // sensors over both protocols, events of a node that was powered off
        var sensors = await JsonAsync(0, "sensors", "node04,node05");
        Assert.All(sensors.Values, s => Assert.True(s.GetProperty("sensors").GetArrayLength() > 5, s.ToString()));
        var events = await JsonAsync(0, "events", "node01");
        Assert.True(events["node01"].GetProperty("ok").GetBoolean());

        // the failed fan shows in health; the dead BMC is in the cached state without touching it
        var health = await JsonAsync(0, "health", "node08", "--live"); // a live read: the monitor may not have polled yet
        Assert.NotEqual("ok", health["node08"].GetProperty("health").GetString());
        var state = await JsonAsync(0, "state", "node09");
        Assert.NotEqual(JsonValueKind.Null, state["node09"].GetProperty("last_error").ValueKind);

        // the collated table folds node names back into noderanges
        var table = await CliAsync("power", "node[04-08]", "status");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("node[04-08]: on", table.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemosMonitorRaisesTheFailedFanAndExplainsTheNodesHealth()
    {
        // the demo polls every 15 s: the failed fan of node08 becomes an alert within a poll or two of the start
        ProcessResult alerts = null!;
        var deadline = DateTime.UtcNow.AddSeconds(75);
        do
        {
            await Task.Delay(2000);
            alerts = await CliAsync("alerts", "list", "all", "-o", "json");
            Assert.True(alerts.ExitCode == 0, alerts.ToString());
        }
        while (!alerts.StandardOutput.Contains("fan-critical", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        Assert.Contains("\"node\":\"node08\"", alerts.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("fan-critical", alerts.StandardOutput, StringComparison.Ordinal);

        // the monitor's health view names the reason; a critical node makes the command exit 1
        var health = await CliAsync("health", "node08");
        Assert.True(health.ExitCode == 1, health.ToString());
        Assert.Contains("critical", health.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Fan1", health.StandardOutput, StringComparison.Ordinal);

        // the history of the polls so far, as a sparkline per sensor
        var history = await CliAsync("sensors", "node07", "--history", "10m", "--sensor", "Fan");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Contains("Fan3", history.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlCStopsTheDemoAndRemovesItsTemporaryData()
    {
        var dataLine = _demo!.Output.Split('\n').First(l => l.TrimStart().StartsWith("data", StringComparison.Ordinal));
        var dataDir = dataLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.True(Directory.Exists(dataDir), dataLine);
        Assert.Equal(0, await _demo.InterruptAsync(TimeSpan.FromSeconds(60)));
        Assert.False(Directory.Exists(dataDir), $"{dataDir} still exists after the demo stopped");
        Assert.Contains("stopping", _demo.Output, StringComparison.Ordinal);
    }
}
