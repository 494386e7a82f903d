using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lifeline.Consoles.Hub;
using Lifeline.Consoles.Logging;
using Lifeline.Consoles.Sources;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Consoles.Tests.Hub;

/// <summary>The hub with in-memory sources: sharing, takeover, slow viewers, reconnect backoff, modes, pattern watch, logging.</summary>
public sealed class ConsoleHubTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("lifeline-hub-test-").FullName;
    private readonly List<ConsoleAuditRecord> _audit = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ConsoleHub Hub(ConsoleHubOptions? options = null) =>
        new(options ?? Options(), r =>
        {
            lock (_audit)
            {
                _audit.Add(r);
            }

            return Task.CompletedTask;
        });

    private ConsoleHubOptions Options() => new() { LogDirectory = _directory, Jitter = () => 0 };

    private static ConsoleNodeConfig Config(FakeConsoleFactory factory, ConsoleLoggingMode mode = ConsoleLoggingMode.Full, string node = "n1") =>
        new(node, "tcp://fake:1", mode, factory.OpenAsync);

    private List<string> AuditActions()
    {
        lock (_audit)
        {
            return [.. _audit.Select(a => $"{a.Action} {a.User}")];
        }
    }

    /// <summary>Reads frames until a text message of <paramref name="type"/> satisfying <paramref name="match"/>.</summary>
    private static async Task<JsonElement> NextMessageAsync(ConsoleViewer viewer, string type, Func<JsonElement, bool>? match = null, TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        while (true)
        {
            var frame = await viewer.Frames.ReadAsync(timeout.Token);
            if (frame.IsText)
            {
                var message = JsonDocument.Parse(frame.Data).RootElement;
                if (message.GetProperty("type").GetString() == type && (match?.Invoke(message) ?? true))
                {
                    return message;
                }
            }
        }
    }

    private static async Task<string> ReadOutputUntilAsync(ConsoleViewer viewer, string expected)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new StringBuilder();
        while (!seen.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var frame = await viewer.Frames.ReadAsync(timeout.Token);
            if (!frame.IsText)
            {
                seen.Append(Encoding.UTF8.GetString(frame.Data.Span));
            }
        }

        return seen.ToString();
    }

    [Fact]
    public async Task ManyViewersSeeTheOutputButOnlyTheWriterTypesAndAViewersKeystrokesAreDroppedWithAnError()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        await hub.ApplyAsync([Config(factory)], default);
        var source = await factory.NextAsync();
        var session = hub.Find("n1")!;

        var alice = await session.AttachAsync("alice", "127.0.0.1", write: true, force: false, replayLines: null, default);
        var bob = await session.AttachAsync("bob", "127.0.0.2", write: false, force: false, replayLines: null, default);
        var carol = await session.AttachAsync("carol", "127.0.0.3", write: true, force: false, replayLines: null, default);
        var state = await NextMessageAsync(bob, "state", m => m.GetProperty("viewers").GetInt32() == 3);
        Assert.Equal("alice", state.GetProperty("writer").GetString());
        Assert.Equal("viewer", state.GetProperty("role").GetString());
        var refused = await NextMessageAsync(carol, "error");
        Assert.Contains("alice holds the writer seat", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Same(alice, session.Writer);

        source.Emit("hello\r\n");
        foreach (var viewer in new[] { alice, bob, carol })
        {
            await ReadOutputUntilAsync(viewer, "hello");
        }

        await session.WriteAsync(bob, "rm -rf /\r"u8.ToArray(), default);
        var dropped = await NextMessageAsync(bob, "error");
        Assert.Contains("keystrokes dropped", dropped.GetProperty("message").GetString(), StringComparison.Ordinal);
        await session.WriteAsync(alice, "ls\r"u8.ToArray(), default);
        var written = await source.Written.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("ls\r", Encoding.UTF8.GetString(written));
        Assert.False(source.Written.Reader.TryRead(out _), "a viewer's keystrokes reached the console");
        Assert.Equal(["console.attach alice", "console.attach bob", "console.attach carol"], AuditActions());
    }

    [Fact]
    public async Task AForcedTakeoverMovesTheSeatTellsTheDisplacedWriterAndIsAudited()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        await hub.ApplyAsync([Config(factory)], default);
        var source = await factory.NextAsync();
        var session = hub.Find("n1")!;
        var alice = await session.AttachAsync("alice", "a", write: true, force: false, replayLines: null, default);
        var bob = await session.AttachAsync("bob", "b", write: false, force: false, replayLines: null, default);

        await session.RequestWriteAsync(bob, force: true, default);
        var displaced = await NextMessageAsync(alice, "displaced");
        Assert.Equal("bob", displaced.GetProperty("by").GetString());
        var state = await NextMessageAsync(alice, "state", m => m.GetProperty("writer").GetString() == "bob");
        Assert.Equal("viewer", state.GetProperty("role").GetString());
        Assert.Contains("console.takeover bob", AuditActions());

        await session.WriteAsync(alice, "x"u8.ToArray(), default);
        await NextMessageAsync(alice, "error");
        await session.WriteAsync(bob, "y"u8.ToArray(), default);
        Assert.Equal("y", Encoding.UTF8.GetString(await source.Written.Reader.ReadAsync().AsTask().WaitAsync(Patience)));

        await session.DetachAsync(bob, default);
        Assert.Null(session.Writer);
        Assert.Contains("console.detach bob", AuditActions());
        Assert.Equal(1, session.Status().Viewers);
    }

    [Fact]
    public async Task ASlowViewerIsDroppedAndToldWhyWhileOthersAndTheLogKeepEverything()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub(Options() with { ViewerQueueFrames = 8 });
        await hub.ApplyAsync([Config(factory)], default);
        var source = await factory.NextAsync();
        var session = hub.Find("n1")!;
        var slow = await session.AttachAsync("slow", "s", write: true, force: false, replayLines: 0, default);
        var fast = await session.AttachAsync("fast", "f", write: false, force: false, replayLines: 0, default);
        for (int i = 0; i < 200; i += 5)
        {
            source.Emit(string.Concat(Enumerable.Range(i, 5).Select(n => $"line {n}.\n")));
            await ReadOutputUntilAsync(fast, $"line {i + 4}.");
        }

        await DrainAsync(slow);
        Assert.Contains("too slow", slow.DropReason, StringComparison.Ordinal);
        Assert.Null(session.Writer);
        var lines = ConsoleLog.ReadLines(_directory, "n1", null, null, new ConsoleLogOptions(), default).Select(l => l.Text).ToList();
        Assert.Equal(200, lines.Count(l => l.StartsWith("line ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0, 0.0, 500)]
    [InlineData(0, 0.998, 999)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(6, 0.0, 30000)]
    [InlineData(20, 0.0, 30000)]
    [InlineData(20, 0.5, 45000)]
    public void TheBackoffDoublesFromOneSecondUpToTheCapWithJitterInTheUpperHalf(int attempt, double jitter, int expectedMs) =>
        Assert.Equal(expectedMs, ConsoleBackoff.Delay(attempt, jitter, TimeSpan.FromSeconds(60)).TotalMilliseconds, 0);

    [Fact]
    public async Task AFailingConsoleIsRetriedOnTheBackoffScheduleOfTheClockAndReconnects()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var factory = new FakeConsoleFactory { Failure = () => new ConsoleException(ConsoleErrorCategory.Unreachable, "no route", "check the cable") };
        await using var hub = Hub(Options() with { TimeProvider = time });
        await hub.ApplyAsync([Config(factory)], default);
        var session = hub.Find("n1")!;
        // the clock moves only once the session's backoff timer runs (NextAttemptAt is set after it is created)
        await WaitUntilAsync(() => factory.Attempts == 1 && session.Status().NextAttemptAt is not null);
        Assert.Contains("no route", session.Status().LastError, StringComparison.Ordinal);

        // jitter 0: 0.5 s, 1 s, 2 s, 4 s ...
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMilliseconds(500), session.Status().NextAttemptAt);
        time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(50);
        Assert.Equal(1, factory.Attempts);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => factory.Attempts == 2 && session.Status().NextAttemptAt is not null);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(1), session.Status().NextAttemptAt);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(2, factory.Attempts);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => factory.Attempts == 3 && session.Status().NextAttemptAt is not null);

        factory.Failure = null;
        time.Advance(TimeSpan.FromSeconds(2));
        var source = await factory.NextAsync();
        await WaitUntilAsync(() => session.Status().Connection == ConsoleConnectionState.Connected);
        Assert.Null(session.Status().LastError);
        Assert.Equal(time.GetUtcNow(), session.Status().ConnectedSince);

        // a drop after a good connection starts the schedule again at 0.5 s
        source.Fail();
        await WaitUntilAsync(() => session.Status().NextAttemptAt is not null);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMilliseconds(500), session.Status().NextAttemptAt);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await factory.NextAsync();
    }

    [Fact]
    public async Task AFullConsoleIsConnectedAndLoggedWithNobodyAttached()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        await hub.ApplyAsync([Config(factory)], default);
        var source = await factory.NextAsync();
        source.Emit("BIOS POST ok\r\n");
        await WaitUntilAsync(() => ConsoleLog.ReadLines(_directory, "n1", null, null, new ConsoleLogOptions(), default).Any(l => l.Text.Contains("BIOS POST ok", StringComparison.Ordinal)));
        var session = hub.Find("n1")!;
        Assert.Equal(0, session.Status().Viewers);
        var late = await session.AttachAsync("late", "l", write: false, force: false, replayLines: null, default);
        await ReadOutputUntilAsync(late, "BIOS POST ok");
    }

    [Fact]
    public async Task AnOnDemandConsoleConnectsOnlyWhileSomeoneIsAttachedAndIsLoggedThen()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        await hub.ApplyAsync([Config(factory, ConsoleLoggingMode.OnDemand)], default);
        var session = hub.Find("n1")!;
        await Task.Delay(100);
        Assert.Equal(0, factory.Attempts);
        Assert.Equal(ConsoleConnectionState.Disconnected, session.Status().Connection);

        var viewer = await session.AttachAsync("v", "v", write: false, force: false, replayLines: null, default);
        var source = await factory.NextAsync();
        source.Emit("on demand\n");
        await ReadOutputUntilAsync(viewer, "on demand");
        await session.DetachAsync(viewer, default);
        await source.Disposed.Task.WaitAsync(Patience);
        Assert.Equal(ConsoleConnectionState.Disconnected, session.Status().Connection);
        Assert.Contains(ConsoleLog.ReadLines(_directory, "n1", null, null, new ConsoleLogOptions(), default), l => l.Text == "on demand");
    }

    [Fact]
    public async Task AConsoleWithoutLoggingConnectsWhileAttachedAndWritesNoLog()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        await hub.ApplyAsync([Config(factory, ConsoleLoggingMode.None)], default);
        var session = hub.Find("n1")!;
        var viewer = await session.AttachAsync("v", "v", write: false, force: false, replayLines: null, default);
        var source = await factory.NextAsync();
        source.Emit("secret output\n");
        await ReadOutputUntilAsync(viewer, "secret output");
        var second = await session.AttachAsync("w", "w", write: false, force: false, replayLines: null, default);
        await ReadOutputUntilAsync(second, "secret output"); // the ring buffer still gives newcomers the screen
        await session.DetachAsync(viewer, default);
        await session.DetachAsync(second, default);
        await source.Disposed.Task.WaitAsync(Patience);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task APatternHitRaisesAnEventWithContextToSubscribersAndViewers()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        var events = new List<ConsolePatternEvent>();
        using var subscription = hub.Events.Subscribe(new Collect(events));
        await hub.ApplyAsync([Config(factory)], default);
        var source = await factory.NextAsync();
        var viewer = await hub.Find("n1")!.AttachAsync("v", "v", write: false, force: false, replayLines: 0, default);

        source.Emit("[  1.0] one\r\n[  2.0] two\r\n[  3.0] Kernel pan");
        source.Emit("ic - not syncing: Fatal exception\r\n[  3.1] Call Trace:\r\n");
        var message = await NextMessageAsync(viewer, "event", m => m.GetProperty("pattern").GetString() == "kernel-panic");
        Assert.Equal("[  3.0] Kernel panic - not syncing: Fatal exception", message.GetProperty("line").GetString());
        await NextMessageAsync(viewer, "event", m => m.GetProperty("pattern").GetString() == "call-trace");
        ConsolePatternEvent panic;
        lock (events)
        {
            panic = Assert.Single(events, e => e.Rule == "kernel-panic");
        }

        Assert.Equal("n1", panic.Node);
        Assert.Equal("critical", panic.Severity);
        Assert.Equal(["[  1.0] one", "[  2.0] two"], panic.Context);
    }

    [Fact]
    public async Task CatastrophicRulesOnHostileOutputCannotStallTheHub()
    {
        var factory = new FakeConsoleFactory();
        var rules = new List<ConsolePatternRule>(ConsolePatternRule.Defaults)
        {
            new("nested", "^(a+)+$", "info"),           // exponential for a backtracking engine; linear here
            new("backref", @"^(a|aa)+\1+b$", "info"),    // needs backtracking: bounded by the match timeout
        };
        await using var hub = Hub(Options() with { Rules = rules, PatternTimeout = TimeSpan.FromMilliseconds(20) });
        var events = new List<ConsolePatternEvent>();
        using var subscription = hub.Events.Subscribe(new Collect(events));
        await hub.ApplyAsync([Config(factory)], default);
        var source = await factory.NextAsync();
        var viewer = await hub.Find("n1")!.AttachAsync("v", "v", write: false, force: false, replayLines: 0, default);

        var clock = Stopwatch.StartNew();
        var hostile = Encoding.ASCII.GetBytes(new string('a', 3000) + "!\n");
        for (int i = 0; i < 8; i++)
        {
            source.Emit(hostile);
        }

        source.Emit("Kernel panic after the flood\n");
        await NextMessageAsync(viewer, "event", m => m.GetProperty("pattern").GetString() == "kernel-panic", TimeSpan.FromSeconds(60));
        // 8 lines × a 20 ms timeout; generous for a loaded machine, far below what backtracking would take (centuries)
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the hostile lines took {clock.Elapsed}");
        lock (events)
        {
            Assert.DoesNotContain(events, e => e.Rule is "nested" or "backref");
        }
    }

    [Fact]
    public async Task ReplayGivesTheLastLinesAskedFor()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        await hub.ApplyAsync([Config(factory)], default);
        var source = await factory.NextAsync();
        var session = hub.Find("n1")!;
        source.Emit("one\ntwo\nthree\nfour\n");
        await WaitUntilAsync(() => session.Replay(null).Length == 19);
        Assert.Equal("three\nfour\n", Encoding.UTF8.GetString(session.Replay(2)));
        Assert.Equal("one\ntwo\nthree\nfour\n", Encoding.UTF8.GetString(session.Replay(10)));
        Assert.Empty(session.Replay(0));
    }

    [Fact]
    public async Task ReconfiguringANodeRestartsItsSessionAndRemovingItClosesTheSource()
    {
        var factory = new FakeConsoleFactory();
        await using var hub = Hub();
        await hub.ApplyAsync([Config(factory)], default);
        var first = await factory.NextAsync();
        var viewer = await hub.Find("n1")!.AttachAsync("v", "v", write: false, force: false, replayLines: 0, default);
        await hub.ApplyAsync([Config(factory) with { Fingerprint = "new-credential" }], default);
        await first.Disposed.Task.WaitAsync(Patience);
        await DrainAsync(viewer);
        Assert.Contains("reconfigured", viewer.DropReason, StringComparison.Ordinal);
        var second = await factory.NextAsync();
        await hub.ApplyAsync([], default);
        await second.Disposed.Task.WaitAsync(Patience);
        Assert.Empty(hub.List());
    }

    /// <summary>Reads a viewer's frames until the hub closes its queue.</summary>
    private static async Task DrainAsync(ConsoleViewer viewer)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (var _ in viewer.Frames.ReadAllAsync(timeout.Token))
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "the condition did not hold in time");
            await Task.Delay(10);
        }
    }

    private sealed class Collect(List<ConsolePatternEvent> events) : IObserver<ConsolePatternEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(ConsolePatternEvent value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }
}
