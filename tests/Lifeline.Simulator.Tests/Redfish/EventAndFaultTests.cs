using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Simulator.Tests.Redfish;

public sealed class EventAndFaultTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task TheSseStreamDeliversAPowerEventAndTheSelRecordsBehindIt()
    {
        await using var h = await RedfishHarness.StartAsync();
        var service = await h.GetAsync("EventService");
        string sse = service["ServerSentEventUri"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, h.Url(sse));
        request.Headers.Authorization = RedfishHarness.Basic();
        using var cts = new CancellationTokenSource(Deadline);
        using var stream = await h.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cts.Token));

        using var off = await h.SendAsync(HttpMethod.Post, "Systems/1/Actions/ComputerSystem.Reset", new JsonObject { ["ResetType"] = "ForceOff" });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);

        string? line;
        JsonObject? ev = null;
        while ((line = await reader.ReadLineAsync(cts.Token)) is not null)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                ev = (JsonObject)JsonNode.Parse(line["data: ".Length..])!;
                break;
            }
        }
        Assert.NotNull(ev);
        var records = ev!["Events"]!.AsArray();
        var power = records.First(r => r!["OriginOfCondition"]!["@odata.id"]!.GetValue<string>() == "/redfish/v1/Systems/1")!;
        Assert.Equal("Off", power["MessageArgs"]![0]!.GetValue<string>());
        Assert.Contains(records, r => r!["Message"]!.GetValue<string>().Contains("Power off/down"));
    }

    [Fact]
    public async Task AChangeMadeOutsideRedfishReachesTheStreamWithTheNextPoll()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, h.Url("EventService/SSE"));
        request.Headers.Authorization = RedfishHarness.Basic();
        using var cts = new CancellationTokenSource(Deadline);
        using var stream = await h.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cts.Token));
        h.Model().PowerOff(); // as IPMI chassis control would
        h.Clock.Advance(TimeSpan.FromSeconds(1)); // the poll timer
        string? line;
        while ((line = await reader.ReadLineAsync(cts.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
        }
        Assert.Contains("\"Off\"", line);
    }

    [Theory]
    [InlineData("http://192.0.2.10/events")]
    [InlineData("https://example.com/redfish-events")]
    [InlineData("http://10.1.2.3:8080/")]
    public async Task SubscriptionsToDestinationsOffTheHostAreRefused(string destination)
    {
        await using var h = await RedfishHarness.StartAsync();
        using var r = await h.SendAsync(HttpMethod.Post, "EventService/Subscriptions",
            new JsonObject { ["Destination"] = destination, ["Protocol"] = "Redfish" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("Base.1.16.0.PropertyValueIncorrect", await RedfishHarness.MessageIdAsync(r));
        Assert.Equal(0, (await h.GetAsync("EventService/Subscriptions"))["Members@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ALoopbackSubscriptionReceivesEventsAndCanBeDeleted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var h = await RedfishHarness.StartAsync();
        using var create = await h.SendAsync(HttpMethod.Post, "EventService/Subscriptions",
            new JsonObject { ["Destination"] = $"http://127.0.0.1:{port}/events", ["Protocol"] = "Redfish", ["Context"] = "ctx-42" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var location = create.Headers.Location!.ToString();

        h.Model().PowerOff();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        using var cts = new CancellationTokenSource(Deadline);
        using var client = await listener.AcceptTcpClientAsync(cts.Token);
        var stream = client.GetStream();
        var buffer = new byte[65536];
        var text = "";
        while (!text.Contains("ctx-42", StringComparison.Ordinal) || !text.TrimEnd().EndsWith('}'))
        {
            int n = await stream.ReadAsync(buffer, cts.Token);
            Assert.True(n > 0, "the delivery connection closed early: " + text);
            text += System.Text.Encoding.UTF8.GetString(buffer, 0, n);
        }
        Assert.StartsWith("POST /events", text);
        Assert.Contains("\"Off\"", text);
        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), cts.Token);

        using var delete = await h.SendAsync(HttpMethod.Delete, location);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, (await h.GetAsync("EventService/Subscriptions"))["Members@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnErrorBurstAnswers503WithRetryAfterThenRecovers()
    {
        await using var h = await RedfishHarness.StartAsync();
        h.Face[0].Faults = RedfishFaults.None with { Burst = new ErrorBurst(503, 2, 10, TimeSpan.FromSeconds(3)) };
        using var first = await h.SendAsync(HttpMethod.Get, "Systems/1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter!.Delta);
        Assert.Equal("Base.1.16.0.ServiceTemporarilyUnavailable", await RedfishHarness.MessageIdAsync(first));
        using var second = await h.SendAsync(HttpMethod.Get, "Systems/1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        using var third = await h.SendAsync(HttpMethod.Get, "Systems/1");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);

        h.Face[0].Faults = RedfishFaults.None with { Burst = new ErrorBurst(429, 1, 0, TimeSpan.FromSeconds(1)) };
        using var throttled = await h.SendAsync(HttpMethod.Get, "Systems/1");
        Assert.Equal(HttpStatusCode.OK, throttled.StatusCode); // the request count goes on: the one-time burst is over
    }

    [Fact]
    public async Task SessionExhaustionIsAFaultOfItsOwn()
    {
        await using var h = await RedfishHarness.StartAsync();
        h.Face[0].Faults = RedfishFaults.None with { SessionsExhausted = true };
        using var login = await h.SendAsync(HttpMethod.Post, "SessionService/Sessions",
            new JsonObject { ["UserName"] = "admin", ["Password"] = RedfishHarness.Password }, anonymous: true);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
    }

    [Fact]
    public async Task ABmcRebootDropsConnectionsThenComesBackWithoutSessionsOrSubscriptions()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var login = await h.SendAsync(HttpMethod.Post, "SessionService/Sessions",
            new JsonObject { ["UserName"] = "admin", ["Password"] = RedfishHarness.Password }, anonymous: true);
        string token = login.Headers.GetValues("X-Auth-Token").Single();
        using var sub = await h.SendAsync(HttpMethod.Post, "EventService/Subscriptions",
            new JsonObject { ["Destination"] = "http://127.0.0.1:9/events", ["Protocol"] = "Redfish" }, token: token);
        Assert.Equal(HttpStatusCode.Created, sub.StatusCode);

        using var reset = await h.SendAsync(HttpMethod.Post, "Managers/1/Actions/Manager.Reset", new JsonObject { ["ResetType"] = "GracefulRestart" }, token: token);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.False(h.Model().IsBmcAvailable);
        await Assert.ThrowsAsync<HttpRequestException>(() => h.SendAsync(HttpMethod.Get, "Systems/1", token: token));

        h.Clock.Advance(h.Model().Options.Timings.BmcRebootDuration);
        using var after = await h.SendAsync(HttpMethod.Get, "Systems/1", token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(0, (await h.GetAsync("EventService/Subscriptions"))["Members@odata.count"]!.GetValue<int>());
    }
}
