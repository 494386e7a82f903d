using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Server.Tests.Apis;

/// <summary>
/// The monitoring, alert, silence and rule endpoints over a store the tests seed themselves (monitoring does not poll
/// in the test host). Each test uses nodes of its own (group <c>monrack</c>) so what others seed cannot change its answers.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class MonitoringApiTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    private IMonitoringStore Store => Host.App.Services.GetRequiredService<IMonitoringStore>();

    [Fact]
    public async Task HistoryAnswersTheSeededRawSeriesWithTheFailedPollAsAGapOfCountZero()
    {
        await EnsureNodesAsync("mon-hist1");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        await Store.WriteSamplesAsync(
        [
            new SensorSnapshot("mon-hist1", t0, [Fan("HistFan3", 8010), new SensorPoint("HistInlet", "Temperature", "degrees C", 24, SensorStatus.Ok)]),
            new SensorSnapshot("mon-hist1", t0.AddMinutes(1), [], "timeout: the BMC did not answer"),
            new SensorSnapshot("mon-hist1", t0.AddMinutes(2), [Fan("HistFan3", 7900)]),
        ], default);
        using var viewer = Host.Client(fleet.ViewerToken);

        var series = await GetJsonAsync(viewer, "monitoring/sensors/history?noderange=mon-hist1&sensor=histfan&since=1h&resolution=raw");

        var fan = Assert.Single(series.EnumerateArray());
        Assert.Equal("mon-hist1", fan.GetProperty("node").GetString());
        Assert.Equal("HistFan3", fan.GetProperty("sensor").GetString());
        Assert.Equal("Fan", fan.GetProperty("type").GetString());
        Assert.Equal("RPM", fan.GetProperty("unit").GetString());
        Assert.Equal("raw", fan.GetProperty("resolution").GetString());
        var points = fan.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([1, 0, 1], points.Select(p => p.GetProperty("count").GetInt32()));
        Assert.Equal(8010, points[0].GetProperty("avg").GetDouble());
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("avg").ValueKind);
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("min").ValueKind);
        Assert.Equal(7900, points[2].GetProperty("max").GetDouble());

        // an exact type selects too
        var temperatures = await GetJsonAsync(viewer, "monitoring/sensors/history?noderange=mon-hist1&sensor=Temperature&since=1h&resolution=raw");
        Assert.Equal("HistInlet", Assert.Single(temperatures.EnumerateArray()).GetProperty("sensor").GetString());
    }

    [Theory]
    [InlineData("since=yesterday")]
    [InlineData("since=-1h")]
    [InlineData("resolution=hourly")]
    public async Task HistoryWithABadTimeOrResolutionIs400SayingWhatToWrite(string query)
    {
        using var viewer = Host.Client(fleet.ViewerToken);
        await AssertProblemAsync(await viewer.GetAsync($"monitoring/sensors/history?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EventsAreNewestFirstAndFilterBySeverityTextSourceAndLimit()
    {
        await EnsureNodesAsync("mon-ev1");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Store.AppendEventsAsync(
        [
            new NewEvent("mon-ev1", t0, Severity.Info, EventSources.Sel, "evtest power on", "Power", "evtest-1"),
            new NewEvent("mon-ev1", t0.AddMinutes(1), Severity.Warning, EventSources.Redfish, "evtest fan slow", "Fan2", "evtest-2"),
            new NewEvent("mon-ev1", t0.AddMinutes(2), Severity.Critical, EventSources.Sel, "evtest psu lost", "PSU1", "evtest-3", Raw: "0100020304", Kind: "psu-failure"),
        ], null, default);
        using var viewer = Host.Client(fleet.ViewerToken);

        Assert.Equal(["evtest psu lost", "evtest fan slow", "evtest power on"], await MessagesAsync(viewer, "noderange=mon-ev1&text=evtest"));
        Assert.Equal(["evtest psu lost", "evtest fan slow"], await MessagesAsync(viewer, "noderange=mon-ev1&text=evtest&severity=warning"));
        Assert.Equal(["evtest psu lost", "evtest power on"], await MessagesAsync(viewer, "noderange=mon-ev1&text=evtest&source=sel"));
        Assert.Equal(["evtest fan slow"], await MessagesAsync(viewer, "noderange=mon-ev1&text=FAN SLOW"));
        Assert.Equal(["evtest psu lost"], await MessagesAsync(viewer, "noderange=mon-ev1&text=evtest&limit=1"));
        Assert.Equal(["evtest psu lost"], await MessagesAsync(viewer, $"noderange=mon-ev1&text=evtest&since={Uri.EscapeDataString(t0.AddSeconds(90).ToString("O"))}&severity=critical"));

        var newest = (await GetJsonAsync(viewer, "monitoring/events?noderange=mon-ev1&text=evtest&limit=1"))[0];
        Assert.True(newest.GetProperty("id").GetInt64() > 0);
        Assert.Equal("critical", newest.GetProperty("severity").GetString());
        Assert.Equal("sel", newest.GetProperty("source").GetString());
        Assert.Equal("PSU1", newest.GetProperty("sensor").GetString());
        Assert.Equal("psu-failure", newest.GetProperty("kind").GetString());
        Assert.Equal("0100020304", newest.GetProperty("raw").GetString());
        Assert.True(newest.TryGetProperty("received_at", out _));

        await AssertProblemAsync(await viewer.GetAsync("monitoring/events?severity=loud"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await viewer.GetAsync("monitoring/events?limit=0"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task FollowingEventsSendsTheBacklogOldestFirstThenANewEventAsItIsStored()
    {
        await EnsureNodesAsync("mon-follow1");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-2);
        await Store.AppendEventsAsync(
        [
            new NewEvent("mon-follow1", t0, Severity.Info, EventSources.Monitor, "followtest first", null, "followtest-1"),
            new NewEvent("mon-follow1", t0.AddSeconds(1), Severity.Warning, EventSources.Monitor, "followtest second", null, "followtest-2"),
        ], null, default);
        using var viewer = Host.Client(fleet.ViewerToken);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await viewer.GetAsync("monitoring/events?noderange=mon-follow1&text=followtest&follow=true", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        Assert.Equal("followtest first", Message(await NextEventLineAsync(reader, "the first backlog line")));
        Assert.Equal("followtest second", Message(await NextEventLineAsync(reader, "the second backlog line")));

        await Store.AppendEventsAsync([new NewEvent("mon-follow1", DateTimeOffset.UtcNow, Severity.Critical, EventSources.Sel, "followtest third", null, "followtest-3")], null, default);
        Assert.Equal("followtest third", Message(await NextEventLineAsync(reader, "the event appended while following")));

        static string? Message(JsonElement line) => line.GetProperty("message").GetString();
    }

    [Fact]
    public async Task AnAlertIsListedAcknowledgedOnceAndResolvedWithWhoAndWhenAndEachChangeIsAudited()
    {
        await EnsureNodesAsync("mon-al1");
        var rule = $"altest-{Guid.NewGuid():N}"[..20];
        var seeded = await SeedAlertAsync("mon-al1", rule);
        using var viewer = Host.Client(fleet.ViewerToken);
        using var operatorClient = Host.Client(fleet.OperatorToken);

        var listed = Assert.Single((await GetJsonAsync(viewer, $"alerts?rule={rule}")).EnumerateArray());
        Assert.Equal(seeded.Id, listed.GetProperty("id").GetInt64());
        Assert.Equal("firing", listed.GetProperty("state").GetString());
        Assert.Equal("mon-al1", listed.GetProperty("node").GetString());
        Assert.Equal("HistFan3", (await GetJsonAsync(viewer, $"alerts/{seeded.Id}")).GetProperty("subject").GetString());

        var acked = await PostJsonAsync(operatorClient, $"alerts/{seeded.Id}/ack", new { comment = "looking at it" }, HttpStatusCode.OK);
        Assert.Equal("acknowledged", acked.GetProperty("state").GetString());
        Assert.Equal("operator", acked.GetProperty("acknowledged_by").GetString());
        Assert.True(acked.GetProperty("acknowledged_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal("looking at it", acked.GetProperty("comment").GetString());
        await AssertProblemAsync(await operatorClient.PostAsJsonAsync($"alerts/{seeded.Id}/ack", new { }), HttpStatusCode.Conflict);
        Assert.Equal("acknowledged", Assert.Single((await GetJsonAsync(viewer, $"alerts?rule={rule}&state=acknowledged")).EnumerateArray()).GetProperty("state").GetString());

        var resolved = await PostJsonAsync(operatorClient, $"alerts/{seeded.Id}/resolve", new { comment = "fan replaced" }, HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());
        Assert.Equal("operator", resolved.GetProperty("resolved_by").GetString());
        Assert.NotEqual(JsonValueKind.Null, resolved.GetProperty("resolved_at").ValueKind);
        await AssertProblemAsync(await operatorClient.PostAsync($"alerts/{seeded.Id}/resolve", null), HttpStatusCode.Conflict);
        Assert.Empty((await GetJsonAsync(viewer, $"alerts?rule={rule}")).EnumerateArray());
        Assert.Single((await GetJsonAsync(viewer, $"alerts?rule={rule}&state=resolved")).EnumerateArray());
        Assert.Single((await GetJsonAsync(viewer, $"alerts?rule={rule}&state=all")).EnumerateArray());

        var audit = await Host.Store.QueryAuditAsync(new AuditQuery(ActionPrefix: "alerts.", Actor: "operator", Limit: 1000), default);
        Assert.Contains(audit, e => e.Action == "alerts.ack" && e.Target == "node:mon-al1" && e.Details!.Contains($"\"alert\":{seeded.Id}", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "alerts.resolve" && e.Target == "node:mon-al1" && e.Details!.Contains("fan replaced", StringComparison.Ordinal));

        await AssertProblemAsync(await viewer.GetAsync("alerts/999999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await viewer.GetAsync("alerts?state=sleeping"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ASilenceIsAddedListedAndEndedAndAudited()
    {
        await EnsureNodesAsync("mon-si1");
        using var operatorClient = Host.Client(fleet.OperatorToken);

        using var created = await operatorClient.PostAsJsonAsync("silences", new { noderange = "mon-si1", rule = "bmc-lost", duration = "2h", comment = "sitest maintenance" });
        var body = await Host.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var silence = JsonDocument.Parse(body).RootElement;
        long id = silence.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/silences/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("mon-si1", silence.GetProperty("nodes").GetString());
        Assert.Equal("bmc-lost", silence.GetProperty("rule").GetString());
        Assert.Equal("operator", silence.GetProperty("created_by").GetString());
        var lasts = silence.GetProperty("ends_at").GetDateTimeOffset() - silence.GetProperty("starts_at").GetDateTimeOffset();
        Assert.InRange(lasts, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(5), TimeSpan.FromHours(2) + TimeSpan.FromSeconds(5));

        Assert.Contains((await GetJsonAsync(operatorClient, "silences")).EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
        using (var ended = await operatorClient.DeleteAsync($"silences/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        Assert.DoesNotContain((await GetJsonAsync(operatorClient, "silences")).EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
        await AssertProblemAsync(await operatorClient.DeleteAsync($"silences/{id}"), HttpStatusCode.NotFound);

        var audit = await Host.Store.QueryAuditAsync(new AuditQuery(ActionPrefix: "silences.", Actor: "operator", Limit: 1000), default);
        Assert.Contains(audit, e => e.Action == "silences.add" && e.Target == "noderange:mon-si1" && e.Details!.Contains("sitest maintenance", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "silences.end" && e.Target == "noderange:mon-si1" && e.Details!.Contains($"\"silence\":{id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"duration\":\"2 hours\"")]
    [InlineData("\"duration\":\"0s\"")]
    [InlineData("\"duration\":\"-1h\"")]
    [InlineData("\"duration\":\"\"")]
    [InlineData("\"duration\":null")]
    [InlineData("\"ends_at\":\"2001-01-01T00:00:00Z\"")]
    public async Task ASilenceWithABadDurationOrAPastEndIs400SayingWhatToGive(string end)
    {
        await EnsureNodesAsync("mon-si1");
        using var operatorClient = Host.Client(fleet.OperatorToken);
        using var content = new StringContent($"{{\"noderange\":\"mon-si1\",{end},\"comment\":\"bad\"}}", System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(await operatorClient.PostAsync("silences", content), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ASilenceWithoutAComment400()
    {
        await EnsureNodesAsync("mon-si1");
        using var operatorClient = Host.Client(fleet.OperatorToken);
        await AssertProblemAsync(await operatorClient.PostAsJsonAsync("silences", new { noderange = "mon-si1", duration = "1h" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RulesListTheBuiltinsAndAStoredRuleIsPutReadAndDeletedWithAudit()
    {
        using var admin = Host.Client(fleet.AdminToken);
        var rules = (await GetJsonAsync(admin, "rules")).EnumerateArray().ToList();
        foreach (var builtin in new[] { "fan-critical", "temperature-critical", "critical-event", "console-panic", "bmc-lost", "primary-lost", "trend-fan-falling" })
        {
            Assert.Contains(rules, r => r.GetProperty("name").GetString() == builtin && r.GetProperty("builtin").GetBoolean());
        }

        var put = await PutJsonAsync(admin, "rules/ruletest-fan-slow",
            new { kind = "threshold", sensor_type = "Fan", below = 1500.0, severity = "critical", @for = "00:05:00", description = "a slow fan" }, HttpStatusCode.OK);
        Assert.Equal("ruletest-fan-slow", put.GetProperty("name").GetString());
        Assert.Equal("threshold", put.GetProperty("kind").GetString());
        Assert.Equal(1500.0, put.GetProperty("below").GetDouble());
        Assert.Equal("00:05:00", put.GetProperty("for").GetString());
        Assert.False(put.GetProperty("builtin").GetBoolean());
        Assert.Equal("critical", (await GetJsonAsync(admin, "rules/ruletest-fan-slow")).GetProperty("severity").GetString());

        using (var deleted = await admin.DeleteAsync("rules/ruletest-fan-slow"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await AssertProblemAsync(await admin.GetAsync("rules/ruletest-fan-slow"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await admin.DeleteAsync("rules/ruletest-fan-slow"), HttpStatusCode.NotFound);

        var audit = await Host.Store.QueryAuditAsync(new AuditQuery(ActionPrefix: "rules.", Actor: "admin", Limit: 1000), default);
        Assert.Contains(audit, e => e.Action == "rules.set" && e.Target == "rule:ruletest-fan-slow");
        Assert.Contains(audit, e => e.Action == "rules.remove" && e.Target == "rule:ruletest-fan-slow");
    }

    [Fact]
    public async Task AnInvalidRuleIs400WithTheValidatorsMessage()
    {
        using var admin = Host.Client(fleet.AdminToken);
        var problem = await AssertProblemAsync(await admin.PutAsJsonAsync("rules/ruletest-invalid", new { kind = "threshold", sensor_type = "Fan" }), HttpStatusCode.BadRequest);
        Assert.Contains("a threshold rule needs above, below or status", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        problem = await AssertProblemAsync(await admin.PutAsJsonAsync("rules/ruletest-invalid", new { kind = "trend", trend = "fan-exploding" }), HttpStatusCode.BadRequest);
        Assert.Contains("trend \"fan-exploding\" is unknown", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(await admin.GetAsync("rules/ruletest-invalid"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABuiltinRuleCannotBeDeletedButCanBeDisabledAndRestored()
    {
        using var admin = Host.Client(fleet.AdminToken);
        var problem = await AssertProblemAsync(await admin.DeleteAsync("rules/console-panic"), HttpStatusCode.Conflict);
        Assert.Contains("enabled", problem.GetProperty("next").GetString(), StringComparison.Ordinal);

        var disabled = await PutJsonAsync(admin, "rules/console-panic", new { kind = "console", severity = "critical", enabled = false, match = "panic" }, HttpStatusCode.OK);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.True(disabled.GetProperty("builtin").GetBoolean());

        // deleting the stored replacement brings the built-in back
        using (var restored = await admin.DeleteAsync("rules/console-panic"))
        {
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }

        Assert.True((await GetJsonAsync(admin, "rules/console-panic")).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task HealthOfNeverPolledNodesIsUnknownWithSummaryRollupAndPaths()
    {
        await EnsureNodesAsync("mon-he1", "mon-he2");
        using var viewer = Host.Client(fleet.ViewerToken);

        var health = await GetJsonAsync(viewer, "monitoring/health?noderange=mon-he1,mon-he2");

        var summary = health.GetProperty("summary");
        Assert.Equal((0, 0, 0, 2, 0), (summary.GetProperty("ok").GetInt32(), summary.GetProperty("warning").GetInt32(), summary.GetProperty("critical").GetInt32(),
            summary.GetProperty("unknown").GetInt32(), summary.GetProperty("out_of_band_only").GetInt32()));
        var rollup = Assert.Single(health.GetProperty("rollup").EnumerateArray());
        Assert.Equal(("group", "monrack", 2), (rollup.GetProperty("kind").GetString(), rollup.GetProperty("name").GetString(), rollup.GetProperty("unknown").GetInt32()));
        var nodes = health.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("node").GetString()!);
        Assert.Equal(["mon-he1", "mon-he2"], nodes.Keys.Order(StringComparer.Ordinal));
        foreach (var node in nodes.Values)
        {
            Assert.Equal("unknown", node.GetProperty("health").GetString());
            Assert.Equal(JsonValueKind.Null, node.GetProperty("checked_at").ValueKind);
            Assert.Equal("unknown", node.GetProperty("bmc").GetString());
            Assert.False(node.GetProperty("out_of_band_only").GetBoolean());
            Assert.Equal(JsonValueKind.Array, node.GetProperty("reasons").ValueKind);
        }

        Assert.Equal("unknown", nodes["mon-he1"].GetProperty("primary").GetString()); // it has an in-band address, never probed
        Assert.Equal("none", nodes["mon-he2"].GetProperty("primary").GetString());

        var bySite = await GetJsonAsync(viewer, "monitoring/health?noderange=mon-he1,mon-he2&group_by=site");
        Assert.Equal(("site", "mon-site"), (bySite.GetProperty("rollup")[0].GetProperty("kind").GetString(), bySite.GetProperty("rollup")[0].GetProperty("name").GetString()));
        await AssertProblemAsync(await viewer.GetAsync("monitoring/health?group_by=rack"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PredictionsAreEmptyAndNoChannelIsConfigured()
    {
        using var admin = Host.Client(fleet.AdminToken);
        Assert.Equal(0, (await GetJsonAsync(admin, "monitoring/predictions")).GetArrayLength());
        // no channel is configured: only names that have rows in the outbox (seeded by other tests) may be listed, none enabled
        Assert.All((await GetJsonAsync(admin, "monitoring/channels")).EnumerateArray(), c =>
        {
            Assert.False(c.GetProperty("enabled").GetBoolean());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("kind").ValueKind);
        });
    }

    [Fact]
    public async Task NotificationsListTheOutboxWithoutPayloadsAndFilterByState()
    {
        await EnsureNodesAsync("mon-al1");
        var now = DateTimeOffset.UtcNow;
        var alert = new Alert
        {
            Fingerprint = $"nottest/{Guid.NewGuid():N}", Rule = "nottest", Node = "mon-al1", Severity = Severity.Critical, State = AlertState.Firing,
            Summary = "nottest alert", FirstSeen = now, LastSeen = now,
        };
        var saved = await Store.SaveAlertAsync(alert, [("nottest-hook", AlertTransition.Firing, AlertPayload.Create(alert, AlertTransition.Firing, now, "test").ToJson())], now, default);
        using var admin = Host.Client(fleet.AdminToken);

        var row = Assert.Single((await GetJsonAsync(admin, "monitoring/notifications?state=pending&limit=1000")).EnumerateArray(), n => n.GetProperty("alert_id").GetInt64() == saved.Id);
        Assert.Equal("nottest-hook", row.GetProperty("channel").GetString());
        Assert.Equal("firing", row.GetProperty("transition").GetString());
        Assert.Equal("pending", row.GetProperty("state").GetString());
        Assert.Equal(0, row.GetProperty("attempts").GetInt32());
        Assert.False(row.TryGetProperty("payload", out _));
        Assert.DoesNotContain((await GetJsonAsync(admin, "monitoring/notifications?state=delivered&limit=1000")).EnumerateArray(), n => n.GetProperty("alert_id").GetInt64() == saved.Id);
        await AssertProblemAsync(await admin.GetAsync("monitoring/notifications?state=lost"), HttpStatusCode.BadRequest);

        // a channel that is not configured but has rows waiting is listed, not delivering, with its backlog
        var channel = Assert.Single((await GetJsonAsync(admin, "monitoring/channels")).EnumerateArray(), c => c.GetProperty("name").GetString() == "nottest-hook");
        Assert.False(channel.GetProperty("enabled").GetBoolean());
        Assert.True(channel.GetProperty("pending").GetInt32() >= 1);
    }

    private static SensorPoint Fan(string name, double rpm) => new(name, "Fan", "RPM", rpm, SensorStatus.Ok);

    private Task<Alert> SeedAlertAsync(string node, string rule)
    {
        var now = DateTimeOffset.UtcNow;
        return Store.SaveAlertAsync(new Alert
        {
            Fingerprint = $"{rule}/{node}/HistFan3", Rule = rule, Node = node, Subject = "HistFan3", Severity = Severity.Warning, State = AlertState.Firing,
            Summary = $"HistFan3 on {node} is slow", Evidence = "{\"rpm\":900}", FirstSeen = now, LastSeen = now,
        }, default);
    }

    /// <summary>Adds nodes of the group <c>monrack</c> at site <c>mon-site</c> (the first with an in-band address) unless they exist.</summary>
    private async Task EnsureNodesAsync(params string[] names)
    {
        using var admin = Host.Client(fleet.AdminToken);
        for (int i = 0; i < names.Length; i++)
        {
            var node = FleetFixture.Node(names[i], "monrack") with
            {
                InbandAddress = i == 0 ? "127.0.0.1" : null,
                Location = new Location(Site: "mon-site"),
            };
            using var response = await admin.PostAsJsonAsync("nodes", node, Lifeline.Fleet.Operations.FleetJson.Options);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await Host.ReadAsync(response));
        }
    }

    private async Task<List<string?>> MessagesAsync(HttpClient client, string query) =>
        [.. (await GetJsonAsync(client, $"monitoring/events?{query}")).EnumerateArray().Select(e => e.GetProperty("message").GetString())];

    private async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await Host.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> PostJsonAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await Host.ReadAsync(response);
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> PutJsonAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PutAsJsonAsync(path, body);
        var text = await Host.ReadAsync(response);
        Assert.True(response.StatusCode == expected, $"PUT {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and a problem with a detail and a next step; returns the problem.</summary>
    private async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await Host.ReadAsync(response);
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}, expected {(int)expected}: {body}");
            var problem = JsonDocument.Parse(body).RootElement.Clone();
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), body);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("next").GetString()), body);
            return problem;
        }
    }

    /// <summary>The next event line of a follow stream (heartbeats skipped), within 10 s.</summary>
    private static async Task<JsonElement> NextEventLineAsync(StreamReader reader, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"following events: {what} did not arrive within 10 s");
            }

            Assert.True(line is not null, $"following events: the stream ended before {what}");
            var element = JsonDocument.Parse(line).RootElement.Clone();
            if (!element.TryGetProperty("heartbeat", out _))
            {
                return element;
            }
        }
    }
}
