using System.Net;
using Lifeline.Cli.Commands.Monitoring;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Tests.Fleet;

namespace Lifeline.Cli.Tests.Monitoring;

/// <summary><c>events NR --since/--stored/--follow</c>: the monitor's stored events, the follow stream and its reconnects.</summary>
public sealed class StoredEventsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FleetCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static object Event(long id, string node, string severity, string message, string? sensor = "Fan3") => new
    {
        id, node, time = T0.AddSeconds(id), severity, source = "sel", message, sensor, kind = "threshold", raw = (string?)null, received_at = T0.AddSeconds(id),
    };

    private static string Line(long id, string node, string severity, string message, string sensor = "Fan3") =>
        StoredEvents.Line(new MonitoredEventItem(id, node, T0.AddSeconds(id), severity, "sel", message, sensor, "threshold", null, T0.AddSeconds(id)), colour: false);

    [Fact]
    public async Task SinceAndTheFiltersGoIntoTheQueryAndEachEventIsOneLine()
    {
        _cli.Service.OnJson("GET", "monitoring/events", new[] { Event(2, "n2", "critical", "Fan3 lower critical going low"), Event(1, "n1", "warning", "Fan3 lower non-critical") });

        Assert.Equal(0, await _cli.RunAsync("events", "n[1-2]", "--since", "1h", "--severity", "warning", "--grep", "Fan", "--source", "sel", "--limit", "50"));

        var request = Assert.Single(_cli.Service.Requests);
        Assert.Equal(("GET", "monitoring/events", "noderange=n[1-2]&since=1h&severity=warning&text=Fan&source=sel&limit=50"),
            (request.Method, request.Path, request.Query));
        Assert.Equal([Line(2, "n2", "critical", "Fan3 lower critical going low"), Line(1, "n1", "warning", "Fan3 lower non-critical")], _cli.OutputLines);
        Assert.Matches(@"^2026-05-01T\d\d:\d\d:02[+-]\d\d:\d\d  n2  critical  sel  Fan3  Fan3 lower critical going low$", _cli.OutputLines[0]);
    }

    [Fact]
    public void SeverityIsColouredOnATerminalOnly()
    {
        var item = new MonitoredEventItem(1, "n1", T0, "critical", "sel", "boom", null, null, null, null);
        Assert.Contains("\u001b[1;31mcritical", StoredEvents.Line(item, colour: true), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", StoredEvents.Line(item, colour: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredWithoutSinceListsTheNewestHundredAndJsonPassesEventsThrough()
    {
        _cli.Service.OnJson("GET", "monitoring/events", new[] { Event(7, "n1", "info", "power on") });

        Assert.Equal(0, await _cli.RunAsync("events", "n1", "--stored", "-o", "json"));

        Assert.Equal("noderange=n1&limit=100", _cli.Service.Requests.Single().Query);
        var line = Assert.Single(_cli.OutputLines);
        Assert.StartsWith("""{"id":7,"node":"n1",""", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutStoredSinceOrFollowEventsStillReadTheSel()
    {
        _cli.Service.OnOps("events", FakeFleetService.Ok("n1", new { events = Array.Empty<object>() }));

        Assert.Equal(0, await _cli.RunAsync("events", "n1"));
        Assert.Equal("ops/events", _cli.Service.Requests.Single().Path);

        Assert.Equal(2, await _cli.RunAsync("events", "n1", "--severity", "warning"));
        Assert.Contains("add --stored, --since DURATION or --follow", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(2, await _cli.RunAsync("events", "n1", "--follow", "--clear"));
        Assert.Equal(2, await _cli.RunAsync("events", "n1", "--since", "1x"));
        Assert.Contains("--since '1x': expected a duration back from now", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Equal(2, await _cli.RunAsync("events", "n1", "--stored", "--severity", "bad"));
        Assert.Contains("--severity 'bad': expected info, warning or critical", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowSkipsHeartbeatsAndReconnectsAfterTheLastEventSeenWhenTheStreamDrops()
    {
        var first = new FakeFleetService.OpenStream();
        var second = new FakeFleetService.OpenStream();
        var streams = new Queue<FakeFleetService.OpenStream>([first, second]);
        _cli.Service.On("GET", "monitoring/events", _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(streams.Dequeue().Reader) { Headers = { ContentType = new("application/x-ndjson") } },
        });
        using var stop = new CancellationTokenSource();
        var run = _cli.Runner.RunAsync(["events", "rack1", "--follow", "--severity", "warning"], stop.Token);

        await first.WriteLineAsync(Event(41, "n1", "warning", "Fan3 low"));
        await first.WriteRawAsync("{\"heartbeat\":\"2026-05-01T08:00:15Z\"}\n");
        await first.WriteLineAsync(Event(42, "n2", "critical", "Fan3 stopped"));
        await first.CaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await first.FailAsync(new IOException("connection reset by peer"));

        await second.WriteLineAsync(Event(43, "n3", "warning", "Fan1 low"));
        await second.CaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        int exit = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ExitCodes.Cancelled, exit);
        var queries = _cli.Service.Requests.Select(r => r.Query).ToArray();
        Assert.Equal(
        [
            "noderange=rack1&severity=warning&limit=100&follow=true",
            "noderange=rack1&severity=warning&limit=100&follow=true&after_id=42",
        ], queries);
        Assert.Contains("application/x-ndjson", _cli.Service.Requests.First().Accept, StringComparison.Ordinal);
        Assert.Equal([Line(41, "n1", "warning", "Fan3 low"), Line(42, "n2", "critical", "Fan3 stopped"), Line(43, "n3", "warning", "Fan1 low")], _cli.OutputLines);
        Assert.Contains("lifeline: the event stream dropped: ", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Contains("reconnecting after event 42", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowFailsAtOnceWhenTheServiceRefusesTheFirstRequest()
    {
        _cli.Service.On("GET", "monitoring/events", _ => FakeFleetService.Problem(HttpStatusCode.Forbidden, "Forbidden", "viewer on rack9 needed", "ask an admin"));

        Assert.Equal(2, await _cli.RunAsync("events", "rack9", "--follow"));

        Assert.Single(_cli.Service.Requests);
        Assert.Contains("not allowed: viewer on rack9 needed (next: ask an admin)", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStreamThatKeepsEndingAtOnceIsRetriedWithBackoffNotInATightLoop()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        _cli.Runner.Time = time;
        var open = new FakeFleetService.OpenStream();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        _cli.Service.On("GET", "monitoring/events", _ =>
        {
            int call = Interlocked.Increment(ref calls);
            if (call < 3)
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("", System.Text.Encoding.UTF8, "application/x-ndjson") };
            }

            third.TrySetResult();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(open.Reader) { Headers = { ContentType = new("application/x-ndjson") } } };
        });
        using var stop = new CancellationTokenSource();
        var run = _cli.Runner.RunAsync(["events", "n1", "--follow"], stop.Token);

        // The first clean end reconnects at once; the second waits 1 s of (fake) time before the third attempt.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!third.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            Assert.True(Volatile.Read(ref calls) <= 2 || third.Task.IsCompleted);
            if (Volatile.Read(ref calls) == 2)
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
            }
        }

        Assert.True(third.Task.IsCompleted, "the follow loop never made its third request (backoff not driven by the TimeProvider?)");
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Cancelled, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("lifeline: the service ended the event stream; reconnecting from the start in 1 s", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.True(time.GetUtcNow() - T0 >= TimeSpan.FromSeconds(1));
    }
}
