using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Drivers;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests.Apis;

/// <summary>Operations over noderanges (NDJSON and SSE), single-node endpoints and their status mapping, cached state.</summary>
[Collection(FleetCollection.Name)]
public sealed class OperationsApiTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    internal static async Task<List<JsonElement>> StreamAsync(HttpClient client, string verb, object body, bool sse = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"ops/{verb}") { Content = JsonContent.Create(body) };
        if (sse)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{verb}: {(int)response.StatusCode} {text}");
        Assert.Equal(sse ? "text/event-stream" : "application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = sse
            ? text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block => Assert.Single(block.Split('\n'), l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])
            : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PowerStatusStreamsOneLinePerNode(bool sse)
    {
        using var client = Host.Client(fleet.ViewerToken);
        var lines = await StreamAsync(client, "power", new { noderange = "rackA,b1", action = "status" }, sse);
        Assert.Equal(["a1", "a2", "b1"], lines.Select(l => l.GetProperty("node").GetString()!).Order().ToArray());
        Assert.All(lines, l =>
        {
            Assert.True(l.GetProperty("ok").GetBoolean());
            Assert.Equal(JsonValueKind.Null, l.GetProperty("error").ValueKind);
            Assert.Contains(l.GetProperty("result").GetProperty("state").GetString(), new[] { "on", "off" });
        });
    }

    [Fact]
    public async Task EveryVerbRunsAndAnswersItsResultShape()
    {
        using var client = Host.Client(fleet.OperatorToken);
        var expectations = new (string Verb, object Body, string Member)[]
        {
            ("boot", new { noderange = "a1", device = "pxe", persistent = true, efi = true }, "device"),
            ("boot-status", new { noderange = "a1" }, "device"),
            ("sensors", new { noderange = "a1" }, "sensors"),
            ("health", new { noderange = "a1" }, "health"),
            ("events", new { noderange = "a1" }, "events"),
            ("events-clear", new { noderange = "a1" }, "summary"),
            ("inventory", new { noderange = "a1" }, "summary"),
            ("bmc-info", new { noderange = "a1" }, "summary"),
            ("identify", new { noderange = "a1", mode = "seconds", seconds = 30 }, "summary"),
            ("power", new { noderange = "a1", action = "cycle" }, "action"),
        };
        foreach (var (verb, body, member) in expectations)
        {
            var line = Assert.Single(await StreamAsync(client, verb, body));
            Assert.True(line.GetProperty("result").TryGetProperty(member, out _), $"{verb}: {line}");
        }

        var boot = Host.Fleet.Reached.Last(r => r.Operation.Kind == Lifeline.Fleet.Operations.OperationKind.BootSet).Operation.Boot!;
        Assert.Equal(new BootRequest(BootDevice.Pxe, true, true), boot);
    }

    [Fact]
    public async Task AFailedNodeCarriesCategoryMessageAndNext()
    {
        Host.Fleet.Failures["a2"] = new NodeError("timeout", "a2: no answer after 3 tries", "check the BMC's network");
        try
        {
            using var client = Host.Client(fleet.ViewerToken);
            var lines = await StreamAsync(client, "sensors", new { noderange = "rackA" });
            var a2 = lines.Single(l => l.GetProperty("node").GetString() == "a2");
            Assert.False(a2.GetProperty("ok").GetBoolean());
            Assert.Equal(JsonValueKind.Null, a2.GetProperty("result").ValueKind);
            Assert.Equal("timeout", a2.GetProperty("error").GetProperty("category").GetString());
            Assert.Equal("check the BMC's network", a2.GetProperty("error").GetProperty("next").GetString());
            Assert.True(lines.Single(l => l.GetProperty("node").GetString() == "a1").GetProperty("ok").GetBoolean());
        }
        finally
        {
            Host.Fleet.Failures.TryRemove("a2", out _);
        }
    }

    [Fact]
    public async Task WhenTheFleetItselfFailsEveryNodeStillGetsALine()
    {
        Host.Fleet.ThrowAt = "a2";
        try
        {
            using var client = Host.Client(fleet.AdminToken);
            var lines = await StreamAsync(client, "power", new { noderange = "a1,a2,b1", action = "on" });
            Assert.Equal(["a1", "a2", "b1"], lines.Select(l => l.GetProperty("node").GetString()!).Order().ToArray());
            Assert.True(lines.Single(l => l.GetProperty("node").GetString() == "a1").GetProperty("ok").GetBoolean());
            Assert.Equal("internal", lines.Single(l => l.GetProperty("node").GetString() == "b1").GetProperty("error").GetProperty("category").GetString());
        }
        finally
        {
            Host.Fleet.ThrowAt = null;
        }
    }

    [Theory]
    [InlineData("power", """{"noderange":"a1","action":"explode"}""", 400)]
    [InlineData("boot", """{"noderange":"a1"}""", 400)]
    [InlineData("identify", """{"noderange":"a1","mode":"seconds","seconds":999}""", 400)]
    [InlineData("frobnicate", """{"noderange":"a1"}""", 404)]
    [InlineData("power", """{"action":"status"}""", 400)]
    [InlineData("power", """{"noderange":"a[1-","action":"status"}""", 400)]
    public async Task BadOperationRequestsAreRefusedBeforeAnythingRuns(string verb, string body, int status)
    {
        int before = Host.Fleet.Reached.Count;
        using var client = Host.Client(fleet.AdminToken);
        using var response = await client.PostAsync($"ops/{verb}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, Host.Fleet.Reached.Count);
    }

    [Theory]
    [InlineData("timeout", 504)]
    [InlineData("unreachable", 504)]
    [InlineData("bad-password", 502)]
    [InlineData("unknown-user", 502)]
    [InlineData("completion-code", 502)]
    [InlineData("not-supported", 501)]
    [InlineData("internal", 500)]
    [InlineData("not-configured", 409)]
    [InlineData("invalid-request", 400)]
    public async Task SingleNodeStatusFollowsTheFailureCategory(string category, int status)
    {
        Host.Fleet.Failures["b2"] = new NodeError(category, $"b2: {category}", "do something");
        try
        {
            using var client = Host.Client(fleet.AdminToken);
            using var response = await client.GetAsync("nodes/b2/power");
            Assert.Equal(status, (int)response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(category, problem.GetProperty("category").GetString());
            Assert.Equal("do something", problem.GetProperty("next").GetString());
        }
        finally
        {
            Host.Fleet.Failures.TryRemove("b2", out _);
        }
    }

    [Fact]
    public async Task SingleNodeEndpointsAnswerTheirResults()
    {
        using var client = Host.Client(fleet.OperatorToken);
        using var off = await client.PostAsync("nodes/b1/power/off", null);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        var power = JsonDocument.Parse(await client.GetStringAsync("nodes/b1/power")).RootElement;
        Assert.Equal("off", power.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await client.GetStringAsync("nodes/b1/sensors")).RootElement.GetProperty("sensors").ValueKind);
        Assert.Equal("ok", JsonDocument.Parse(await client.GetStringAsync("nodes/b1/health")).RootElement.GetProperty("health").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("nodes/b1/power/status", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("nodes/zz9/power")).StatusCode);
        await client.PostAsync("nodes/b1/power/on", null);
    }

    [Fact]
    public async Task StateAnswersTheCachedStateOfVisibleNodes()
    {
        using var client = Host.Client(fleet.ScopedUserToken);
        var states = JsonDocument.Parse(await client.GetStringAsync("state")).RootElement;
        var nodes = states.EnumerateArray().Select(s => s.GetProperty("node").GetString()).ToList();
        Assert.Contains("a1", nodes);
        Assert.Contains("b1", nodes);
        Assert.DoesNotContain("c1", nodes);
        var first = states[0];
        foreach (var field in new[] { "protocol", "power", "health", "reachability", "checked_at", "last_error" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
    }
}
