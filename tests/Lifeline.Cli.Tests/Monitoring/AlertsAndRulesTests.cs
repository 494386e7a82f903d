using System.Net;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Tests.Fleet;

namespace Lifeline.Cli.Tests.Monitoring;

/// <summary><c>alerts …</c> and <c>rules …</c> against a fake service: paths, bodies, output, problem details, exit statuses.</summary>
public sealed class AlertsAndRulesTests : IDisposable
{
    private readonly FleetCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static object Alert(long id, string node, string state = "firing", string severity = "warning") => new
    {
        id, fingerprint = $"fan-low/{node}/Fan3", rule = "fan-low", node, subject = "Fan3", severity, state, summary = "Fan3 1800 RPM below 2000",
        evidence = "{}", first_seen = "2026-05-01T08:00:00Z", last_seen = "2026-05-01T08:05:00Z", occurrences = 3, flaps = 0,
        acknowledged_by = (string?)null, acknowledged_at = (string?)null, resolved_by = (string?)null, resolved_at = (string?)null, comment = (string?)null,
    };

    private static object Rule(string name, bool builtin = false, bool enabled = true) => new
    {
        name, kind = "threshold", severity = "warning", enabled, nodes = (string?)null, description = "fans too slow", sensor = "Fan", sensor_type = (string?)null,
        above = (double?)null, below = 2000.0, status = (string?)null, trend = (string?)null, event_severity = (string?)null, match = (string?)null,
        path = (string?)null, @for = "00:05:00", channels = new[] { "ops" }, builtin,
    };

    [Fact]
    public async Task AlertsListAsksForOpenAlertsByDefaultAndShowsATable()
    {
        _cli.Service.OnJson("GET", "alerts", new[] { Alert(12, "n7", severity: "critical") });

        Assert.Equal(0, await _cli.RunAsync("alerts", "list"));

        Assert.Equal(("GET", "alerts", "state=open&limit=100"), (_cli.Service.Requests.Single().Method, _cli.Service.Requests.Single().Path, _cli.Service.Requests.Single().Query));
        Assert.Equal(
        [
            "ID  SEVERITY  STATE   NODE  RULE     SUBJECT  LAST SEEN             COUNT  SUMMARY",
            "12  critical  firing  n7    fan-low  Fan3     2026-05-01 08:05:00Z  3      Fan3 1800 RPM below 2000",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task AlertsListPassesNoderangeStateSeverityAndRule()
    {
        _cli.Service.OnJson("GET", "alerts", Array.Empty<object>());

        Assert.Equal(0, await _cli.RunAsync("alerts", "list", "rack1", "--state", "all", "--severity", "critical", "--rule", "fan-low", "--limit", "5"));

        Assert.Equal("state=all&noderange=rack1&severity=critical&rule=fan-low&limit=5", _cli.Service.Requests.Single().Query);
        Assert.Contains("no alerts match", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(2, await _cli.RunAsync("alerts", "list", "--state", "closed"));
        Assert.Contains("--state 'closed': expected open, firing, acknowledged, resolved or all", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AckPostsTheCommentForEachIdAndOneFailureDoesNotStopTheOthers()
    {
        _cli.Service.OnJson("POST", "alerts/12/ack", Alert(12, "n7", "acknowledged"));
        _cli.Service.On("POST", "alerts/13/ack", _ => FakeFleetService.Problem(HttpStatusCode.NotFound, "Not found", "no alert 13", "lifeline alerts list shows the ids"));

        Assert.Equal(1, await _cli.RunAsync("alerts", "ack", "12", "13", "--comment", "replacing the fan"));

        var requests = _cli.Service.Requests.ToArray();
        Assert.Equal(["alerts/12/ack", "alerts/13/ack"], requests.Select(r => r.Path));
        Assert.Equal("replacing the fan", requests[0].Json.GetProperty("comment").GetString());
        Assert.Equal(["alert 12 acknowledged: n7 Fan3 1800 RPM below 2000"], _cli.OutputLines);
        Assert.Contains("lifeline: alert 13: no alert 13 (next: lifeline alerts list shows the ids)", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolvePostsToResolveAndABadIdIsAUsageError()
    {
        _cli.Service.OnJson("POST", "alerts/5/resolve", Alert(5, "n1", "resolved"));

        Assert.Equal(0, await _cli.RunAsync("alerts", "resolve", "5"));
        Assert.Equal("alerts/5/resolve", _cli.Service.Requests.Single().Path);

        Assert.Equal(2, await _cli.RunAsync("alerts", "resolve", "five"));
        Assert.Contains("alert id 'five': expected a number as shown by lifeline alerts list", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilenceSendsTheNoderangeDurationAndComment()
    {
        _cli.Service.OnJson("POST", "silences", new
        {
            id = 7, nodes = "rack1", rule = (string?)null, starts_at = "2026-05-01T08:00:00Z", ends_at = "2026-05-01T10:00:00Z", created_by = "alice",
            comment = "maintenance", created_at = "2026-05-01T08:00:00Z",
        }, HttpStatusCode.Created);

        Assert.Equal(0, await _cli.RunAsync("alerts", "silence", "rack1", "--for", "2h", "--comment", "maintenance"));

        var body = _cli.Service.Requests.Single().Json;
        Assert.Equal("""{"noderange":"rack1","rule":null,"duration":"2h","comment":"maintenance"}""", body.GetRawText());
        Assert.Equal(["silence 7: rack1, every rule until 2026-05-01 10:00:00Z (lifeline alerts unsilence 7 ends it)"], _cli.OutputLines);
    }

    [Theory]
    [InlineData(new[] { "alerts", "silence", "rack1", "--for", "2h" }, "--comment TEXT is required")]
    [InlineData(new[] { "alerts", "silence", "--for", "2h", "--comment", "x" }, "name the nodes to silence")]
    [InlineData(new[] { "alerts", "silence", "rack1", "--all", "--for", "2h", "--comment", "x" }, "name the nodes to silence")]
    [InlineData(new[] { "alerts", "silence", "rack1", "--comment", "x" }, "say how long")]
    [InlineData(new[] { "alerts", "silence", "rack1", "--for", "1x", "--comment", "x" }, "--for '1x': expected a duration such as 90s, 15m, 1h, 7d or 1w")]
    [InlineData(new[] { "alerts", "silence", "rack1", "--until", "2001-01-01T00:00Z", "--comment", "x" }, "is in the past")]
    public async Task SilenceArgumentErrorsSayWhatIsMissing(string[] args, string message)
    {
        Assert.Equal(2, await _cli.RunAsync(args));
        Assert.Contains(message, _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Service.Requests);
    }

    [Fact]
    public async Task SilenceAllSendsANullNoderangeAndUntilSendsEndsAt()
    {
        _cli.Service.OnJson("POST", "silences", new
        {
            id = 8, nodes = (string?)null, rule = "fan-low", starts_at = "2026-05-01T08:00:00Z", ends_at = "2099-01-01T00:00:00Z", created_by = "admin",
            comment = "x", created_at = "2026-05-01T08:00:00Z",
        });

        Assert.Equal(0, await _cli.RunAsync("alerts", "silence", "--all", "--rule", "fan-low", "--until", "2099-01-01T00:00Z", "--comment", "x"));

        Assert.Equal("""{"noderange":null,"rule":"fan-low","ends_at":"2099-01-01T00:00:00+00:00","comment":"x"}""", _cli.Service.Requests.Single().Json.GetRawText());
    }

    [Fact]
    public async Task SilencesAreListedAndUnsilenceDeletesOne()
    {
        _cli.Service.OnJson("GET", "silences", new[]
        {
            new { id = 7, nodes = "rack1", rule = (string?)null, starts_at = "2026-05-01T08:00:00Z", ends_at = "2026-05-01T10:00:00Z", created_by = "alice", comment = "maintenance", created_at = "2026-05-01T08:00:00Z" },
        });
        _cli.Service.On("DELETE", "silences/7", _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal(0, await _cli.RunAsync("alerts", "silences"));
        Assert.Equal(0, await _cli.RunAsync("alerts", "unsilence", "7"));

        Assert.Equal(["GET silences", "DELETE silences/7"], _cli.Service.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(
        [
            "ID  NODES  RULE   STARTS                ENDS                  BY     COMMENT",
            "7   rack1  (all)  2026-05-01 08:00:00Z  2026-05-01 10:00:00Z  alice  maintenance",
            "silence 7 removed",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task RulesListShowsTheConditionAndMarksBuiltIns()
    {
        _cli.Service.OnJson("GET", "rules", new[] { Rule("fan-low"), Rule("bmc-lost", builtin: true, enabled: false) });

        Assert.Equal(0, await _cli.RunAsync("rules", "list"));

        Assert.Equal(
        [
            "NAME                 KIND       SEVERITY  ENABLED  NODES  FOR  CHANNELS  CONDITION",
            "fan-low              threshold  warning   yes      (all)  5m   ops       sensor ~Fan below 2000",
            "bmc-lost (built-in)  threshold  warning   no       (all)  5m   ops       sensor ~Fan below 2000",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task RulesShowPrintsTheFieldsThatAreSet()
    {
        _cli.Service.OnJson("GET", "rules/fan-low", Rule("fan-low"));

        Assert.Equal(0, await _cli.RunAsync("rules", "show", "fan-low"));

        Assert.Equal(["name: fan-low", "kind: threshold", "severity: warning", "enabled: true", "description: fans too slow", "sensor: Fan", "below: 2000",
            "for: 00:05:00", "channels: ops", "builtin: false"], _cli.OutputLines);
    }

    [Fact]
    public async Task RulesSetCreatesANewRuleFromTheOptions()
    {
        _cli.Service.On("GET", "rules/fan-low", _ => FakeFleetService.Problem(HttpStatusCode.NotFound, "Not found", "no rule fan-low", "lifeline rules list"));
        _cli.Service.OnJson("PUT", "rules/fan-low", Rule("fan-low"));

        Assert.Equal(0, await _cli.RunAsync("rules", "set", "fan-low", "--kind", "threshold", "--sensor", "Fan", "--below", "2000", "--severity", "warning",
            "--for", "5m", "--channel", "ops", "--channel", "pager"));

        var put = _cli.Service.Requests.Last();
        Assert.Equal(("PUT", "rules/fan-low"), (put.Method, put.Path));
        Assert.Equal("""{"kind":"threshold","severity":"warning","sensor":"Fan","below":2000,"for":"00:05:00","channels":["ops","pager"]}""", put.Json.GetRawText());
        Assert.Equal(["rule fan-low: threshold warning, enabled: sensor ~Fan below 2000"], _cli.OutputLines);
    }

    [Fact]
    public async Task RulesSetKeepsTheFieldsNotGivenOfAnExistingRule()
    {
        _cli.Service.OnJson("GET", "rules/bmc-lost", Rule("bmc-lost", builtin: true));
        _cli.Service.OnJson("PUT", "rules/bmc-lost", Rule("bmc-lost", builtin: true, enabled: false));

        Assert.Equal(0, await _cli.RunAsync("rules", "set", "bmc-lost", "--disable"));

        var body = _cli.Service.Requests.Last().Json;
        Assert.False(body.GetProperty("enabled").GetBoolean());
        Assert.Equal(2000, body.GetProperty("below").GetDouble());
        Assert.False(body.TryGetProperty("name", out _));
        Assert.False(body.TryGetProperty("builtin", out _));
    }

    [Fact]
    public async Task RulesSetReadsAYamlFile()
    {
        string file = Path.Combine(_cli.ConfigHome, "rule.yaml");
        await File.WriteAllTextAsync(file, "kind: threshold\nsensor: Fan\nbelow: 2000\nenabled: true\nnodes: 'rack1'\nchannels: [ops]\n");
        _cli.Service.OnJson("PUT", "rules/fan-low", Rule("fan-low"));

        Assert.Equal(0, await _cli.RunAsync("rules", "set", "fan-low", "--file", file));

        Assert.Equal("""{"kind":"threshold","sensor":"Fan","below":2000,"enabled":true,"nodes":"rack1","channels":["ops"]}""", _cli.Service.Requests.Single().Json.GetRawText());
    }

    [Fact]
    public async Task AnInvalidRuleShowsTheServicesDetail()
    {
        _cli.Service.On("GET", "rules/hot", _ => FakeFleetService.Problem(HttpStatusCode.NotFound, "Not found", "no rule hot", "lifeline rules list"));
        _cli.Service.On("PUT", "rules/hot", _ => FakeFleetService.Problem(HttpStatusCode.BadRequest, "Invalid rule",
            "a threshold rule needs --above or --below (or --status)", "lifeline rules set hot --kind threshold --sensor Temp --above 90"));

        Assert.Equal(2, await _cli.RunAsync("rules", "set", "hot", "--kind", "threshold", "--sensor", "Temp"));

        Assert.Contains("lifeline: a threshold rule needs --above or --below (or --status) (next: lifeline rules set hot --kind threshold --sensor Temp --above 90)",
            _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesSetArgumentErrors()
    {
        _cli.Service.On("GET", "rules/new", _ => FakeFleetService.Problem(HttpStatusCode.NotFound, "Not found", "no rule new", "lifeline rules list"));

        Assert.Equal(2, await _cli.RunAsync("rules", "set", "new", "--sensor", "Fan"));
        Assert.Contains("rule 'new' does not exist yet: give --kind", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(2, await _cli.RunAsync("rules", "set", "new"));
        Assert.Contains("say what to set", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(2, await _cli.RunAsync("rules", "set", "new", "--kind", "threshold", "--for", "1x"));
        Assert.Contains("--for '1x': expected a duration", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(2, await _cli.RunAsync("rules", "set", "new", "--kind", "weird"));
        Assert.Contains("--kind 'weird': expected threshold, trend, event, console or reachability", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(_cli.Service.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task RemovingABuiltInRuleShowsTheConflict()
    {
        _cli.Service.On("DELETE", "rules/bmc-lost", _ => FakeFleetService.Problem(HttpStatusCode.Conflict, "Built-in rule",
            "bmc-lost is built in and cannot be removed", "disable it: lifeline rules set bmc-lost --disable"));
        _cli.Service.On("DELETE", "rules/fan-low", _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal(2, await _cli.RunAsync("rules", "remove", "bmc-lost"));
        Assert.Contains("bmc-lost is built in and cannot be removed (next: disable it: lifeline rules set bmc-lost --disable)", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await _cli.RunAsync("rules", "remove", "fan-low"));
        Assert.Equal(["rule fan-low removed"], _cli.OutputLines);
    }

    [Theory]
    [InlineData("alerts", "list")]
    [InlineData("rules", "list")]
    public void AlertsAndRulesAreFleetCommandsThatRoutingLeavesAsTheyAre(string branch, string command)
    {
        Assert.Equal([branch, command], ModeRouting.Route([branch, command], CliApp.ValueOptions));
    }

    [Theory]
    [InlineData("alerts")]
    [InlineData("alerts list")]
    [InlineData("alerts ack")]
    [InlineData("alerts resolve")]
    [InlineData("alerts silence")]
    [InlineData("alerts silences")]
    [InlineData("alerts unsilence")]
    [InlineData("rules")]
    [InlineData("rules list")]
    [InlineData("rules show")]
    [InlineData("rules set")]
    [InlineData("rules remove")]
    [InlineData("fleet health")]
    [InlineData("fleet sensors")]
    [InlineData("fleet events")]
    public async Task HelpRendersWithoutError(string command)
    {
        int exit = await _cli.RunAsync([.. command.Split(' '), "--help"]);
        Assert.True(exit == 0, $"exit {exit}: {_cli.Terminal.Errors}");
        Assert.Contains("USAGE:", _cli.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsAloneShowsItsSubcommandsAndFailsAsAUsageError()
    {
        Assert.Equal(2, await _cli.RunAsync("alerts"));
        Assert.Contains("silence", _cli.Terminal.Output, StringComparison.Ordinal);
    }
}
