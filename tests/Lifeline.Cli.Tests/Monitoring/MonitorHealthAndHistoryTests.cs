using System.Net;
using Lifeline.Cli.Tests.Fleet;

namespace Lifeline.Cli.Tests.Monitoring;

/// <summary><c>health NR</c> from the monitor and <c>sensors NR --history</c> against a fake service: requests, rendering, exit statuses.</summary>
public sealed class MonitorHealthAndHistoryTests : IDisposable
{
    private readonly FleetCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static object Node(string node, string health, string bmc = "up", string primary = "up", bool oob = false, params object[] reasons) =>
        new { node, health, checked_at = "2026-05-01T08:00:00Z", bmc, primary, out_of_band_only = oob, reasons };

    private static object Reason(string severity, string subject, string message) => new { severity, source = "sensor", subject, message };

    private void ServeHealth(int critical, params object[] nodes) => _cli.Service.OnJson("GET", "monitoring/health", new
    {
        summary = new { ok = 3, warning = 1, critical, unknown = 0, out_of_band_only = 1 },
        rollup = new[] { new { kind = "group", name = "rack2", ok = 1, warning = 0, critical, unknown = 0 }, new { kind = "group", name = "rack1", ok = 2, warning = 1, critical = 0, unknown = 0 } },
        nodes,
    });

    [Fact]
    public async Task HealthAsksTheMonitorAndFoldsNodesInTheSameStateWorstFirst()
    {
        ServeHealth(0,
            Node("n2", "ok"), Node("n1", "ok"), Node("n3", "ok"),
            Node("n4", "warning", "up", "down", true,
                Reason("info", "CPU1 Temp", "CPU1 Temp rising 0.5 C/min"),
                Reason("warning", "Fan3", "Fan3 falling 95 RPM/min; lower critical 1000 RPM in ~42 min")));

        Assert.Equal(0, await _cli.RunAsync("health", "n[1-4]"));

        var request = Assert.Single(_cli.Service.Requests);
        Assert.Equal(("GET", "monitoring/health", "noderange=n[1-4]&group_by=group"), (request.Method, request.Path, request.Query));
        Assert.Equal(
        [
            "NODE    HEALTH   PATHS                           REASONS",
            "n4      warning  OOB ONLY: bmc up, primary down  warning: Fan3 falling 95 RPM/min; lower critical 1000 RPM in ~42 min; info: CPU1 Temp rising 0.5 C/min",
            "n[1-3]  ok       bmc up, primary up              -",
            "GROUP  OK  WARNING  CRITICAL  UNKNOWN",
            "rack1  2   1        0         0",
            "rack2  1   0        0         0",
            "4 nodes: 3 ok, 1 warning, 0 critical, 0 unknown; 1 OUT-OF-BAND ONLY (primary path lost, BMC answers)",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task AnyCriticalNodeMakesTheExitStatusOne()
    {
        ServeHealth(1, Node("n1", "critical", reasons: Reason("critical", "Fan3", "Fan3 0 RPM below lower critical 1000")), Node("n2", "ok"));

        Assert.Equal(1, await _cli.RunAsync("health", "n[1-2]"));
        Assert.Contains("n1    critical  bmc up, primary up  critical: Fan3 0 RPM below lower critical 1000", _cli.OutputLines);
    }

    [Fact]
    public async Task ByRollsUpPerSiteAndJsonPassesTheAnswerThrough()
    {
        ServeHealth(0, Node("n1", "ok"));

        Assert.Equal(0, await _cli.RunAsync("health", "all", "--by", "site", "-o", "json"));

        Assert.Equal("noderange=all&group_by=site", _cli.Service.Requests.Single().Query);
        var line = Assert.Single(_cli.OutputLines);
        Assert.StartsWith("""{"summary":{"ok":3,"warning":1,"critical":0,"unknown":0,"out_of_band_only":1},"rollup":[""", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveKeepsTheOperationAndRejectsByOrCached()
    {
        _cli.Service.OnOps("health", FakeFleetService.Ok("n1", new { health = "ok", reasons = Array.Empty<string>() }));
        Assert.Equal(0, await _cli.RunAsync("health", "n1", "--live"));
        Assert.Equal("ops/health", _cli.Service.Requests.Single().Path);

        Assert.Equal(2, await _cli.RunAsync("health", "n1", "--live", "--cached"));
        Assert.Equal(2, await _cli.RunAsync("health", "n1", "--live", "--by", "site"));
        Assert.Equal(2, await _cli.RunAsync("health", "n1", "--by", "rack"));
        Assert.Contains("--by 'rack': expected group or site", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProblemFromTheServiceIsShownWithItsNextStep()
    {
        _cli.Service.On("GET", "monitoring/health", _ => FakeFleetService.Problem(HttpStatusCode.ServiceUnavailable, "Monitoring is off",
            "health monitoring is disabled on this service", "set Lifeline:Monitoring:Enabled=true, or use lifeline health NR --live"));

        Assert.Equal(1, await _cli.RunAsync("health", "n1"));

        Assert.Contains("lifeline: health monitoring is disabled on this service (next: set Lifeline:Monitoring:Enabled=true, or use lifeline health NR --live)",
            _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    private static object Pt(int minute, double? value, int count = 1) =>
        new { time = $"2026-05-01T08:{minute:D2}:00Z", min = value, avg = value, max = value, count = value is null ? 0 : count };

    [Fact]
    public async Task SensorHistoryAsksForTheSpanAndDrawsOneLinePerNodeAndSensor()
    {
        _cli.Service.OnJson("GET", "monitoring/sensors/history", new object[]
        {
            new { node = "n2", sensor = "Fan3", type = "Fan", unit = "RPM", resolution = "raw", points = new[] { Pt(0, 8000), Pt(1, null), Pt(2, 8100) } },
            new { node = "n1", sensor = "Fan1", type = "Fan", unit = "RPM", resolution = "raw", points = new[] { Pt(0, 4000), Pt(1, 4000) } },
        });

        Assert.Equal(0, await _cli.RunAsync("sensors", "n[1-2]", "--history", "1h", "--sensor", "Fan", "--resolution", "raw"));

        var request = Assert.Single(_cli.Service.Requests);
        Assert.Equal(("GET", "monitoring/sensors/history", "noderange=n[1-2]&sensor=Fan&since=1h&resolution=raw"), (request.Method, request.Path, request.Query));
        Assert.Equal(
        [
            "NODE  SENSOR  UNIT  MIN/AVG/MAX     TREND",
            "n1    Fan1    RPM   4000/4000/4000  ▄▄",
            "n2    Fan3    RPM   8000/8050/8100  ▁·█ (gaps: 1)",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task SensorHistoryAsJsonPassesEachSeriesThroughAndTheDefaultResolutionIsAuto()
    {
        _cli.Service.OnJson("GET", "monitoring/sensors/history", new object[]
        {
            new { node = "n1", sensor = "Fan1", type = "Fan", unit = "RPM", resolution = "five-minutes", points = new[] { Pt(0, 4000, 5) } },
        });

        Assert.Equal(0, await _cli.RunAsync("sensors", "n1", "--history", "7d", "-o", "json"));

        Assert.Equal("noderange=n1&since=7d&resolution=auto", _cli.Service.Requests.Single().Query);
        Assert.Equal(["""{"node":"n1","sensor":"Fan1","type":"Fan","unit":"RPM","resolution":"five-minutes","points":[{"time":"2026-05-01T08:00:00Z","min":4000,"avg":4000,"max":4000,"count":5}]}"""],
            _cli.OutputLines);
    }

    [Theory]
    [InlineData("--history", "1x", "--history '1x': expected a duration such as 90s, 15m, 1h, 7d or 1w")]
    [InlineData("--resolution", "1h", "--sensor, --resolution and --width go with --history DURATION")]
    public async Task BadSensorArgumentsFailBeforeAnyRequestWithAClearMessage(string option, string value, string message)
    {
        Assert.Equal(2, await _cli.RunAsync("sensors", "n1", option, value));

        Assert.Contains(message, _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Service.Requests);
    }

    [Fact]
    public async Task ABadResolutionNamesTheChoices()
    {
        Assert.Equal(2, await _cli.RunAsync("sensors", "n1", "--history", "1h", "--resolution", "hourly"));
        Assert.Contains("--resolution 'hourly': expected auto, raw or 5m", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SensorsWithoutHistoryStillReadTheBmcs()
    {
        _cli.Service.OnOps("sensors", FakeFleetService.Ok("n1", new { sensors = Array.Empty<object>() }));
        Assert.Equal(0, await _cli.RunAsync("sensors", "n1"));
        Assert.Equal("ops/sensors", _cli.Service.Requests.Single().Path);
    }
}
