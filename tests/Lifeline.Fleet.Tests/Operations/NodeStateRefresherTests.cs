using System.Collections.Concurrent;
using System.Diagnostics;
using Lifeline.Fleet.Hosting;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Tests.Grains;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Fleet.Tests.Operations;

public sealed class NodeStateRefresherTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private sealed class RecordingRefresher : INodeRefresher
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public Func<string, Task>? Behaviour { get; init; }

        public async Task RefreshAsync(string node, CancellationToken cancellationToken)
        {
            Calls.Enqueue(node);
            if (Behaviour is not null)
            {
                await Behaviour(node);
            }
        }
    }

    private sealed class FixedShare(RefreshShare share) : IRefreshPartition
    {
        public RefreshShare Current() => share;
    }

    private static InMemoryFleetStore StoreWith(int nodes)
    {
        var store = new InMemoryFleetStore();
        for (int i = 1; i <= nodes; i++)
        {
            store.Put(new NodeDefinition { Name = $"n{i}" });
        }
        return store;
    }

    private static NodeStateRefresher Refresher(InMemoryFleetStore store, INodeRefresher nodes, FakeTimeProvider time, RefreshShare? share = null,
        TimeSpan? interval = null) =>
        new(store, nodes, new FixedShare(share ?? RefreshShare.All),
            Options.Create(new FleetOptions { RefreshInterval = interval ?? TimeSpan.FromSeconds(60), RefreshJitter = 0.1, FanOut = 4 }),
            time, NullLogger<NodeStateRefresher>.Instance, new Random(7));

    /// <summary>Moves the fake clock a second at a time until <paramref name="done"/>, within a real-time bound.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(watch.Elapsed < Bound, $"the refresher did not {what} within {Bound} of real time (fake clock at {time.GetUtcNow():O})");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task EveryNodeIsRefreshedOncePerRoundAndRoundsFollowTheInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var nodes = new RecordingRefresher();
        var refresher = Refresher(StoreWith(10), nodes, time);
        await refresher.StartAsync(CancellationToken.None);
        try
        {
            var start = time.GetUtcNow();
            await AdvanceUntilAsync(time, () => !nodes.Calls.IsEmpty, "start its first round");
            var first = time.GetUtcNow() - start;
            Assert.True(first <= TimeSpan.FromSeconds(7), $"the first round waited {first}"); // at most 10 % of the interval (+1 s step)
            await WaitAsync(() => refresher.Rounds >= 1, "finish its first round");
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"n{i}").Order(), nodes.Calls.Order());

            var afterFirst = time.GetUtcNow();
            await AdvanceUntilAsync(time, () => nodes.Calls.Count > 10, "start its second round");
            var gap = time.GetUtcNow() - afterFirst;
            // 60 s ± 10 %: never early; late only by the 1 s steps taken before the refresher armed its timer
            Assert.InRange(gap, TimeSpan.FromSeconds(54), TimeSpan.FromSeconds(70));
            await WaitAsync(() => refresher.Rounds >= 2, "finish its second round");
            Assert.Equal(20, nodes.Calls.Count);
        }
        finally
        {
            await refresher.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Waits in real time (bounded) for something the refresher does without the clock moving.</summary>
    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(watch.Elapsed < Bound, $"the refresher did not {what} within {Bound} of real time");
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task AFailingNodeDoesNotStopTheRound()
    {
        var time = new FakeTimeProvider();
        var nodes = new RecordingRefresher { Behaviour = n => n == "n2" ? throw new TimeoutException("grain call timed out") : Task.CompletedTask };
        var refresher = Refresher(StoreWith(3), nodes, time);

        var count = await refresher.RefreshRoundAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(3, count);
        Assert.Equal(["n1", "n2", "n3"], nodes.Calls.Order());
    }

    [Fact]
    public async Task TwoServersSplitTheNodesWithoutOverlap()
    {
        var store = StoreWith(200);
        var time = new FakeTimeProvider();
        var first = new RecordingRefresher();
        var second = new RecordingRefresher();

        await Refresher(store, first, time, new RefreshShare(0, 2)).RefreshRoundAsync(CancellationToken.None).WaitAsync(Bound);
        await Refresher(store, second, time, new RefreshShare(1, 2)).RefreshRoundAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Empty(first.Calls.Intersect(second.Calls));
        Assert.Equal(200, first.Calls.Count + second.Calls.Count);
        Assert.InRange(first.Calls.Count, 60, 140); // a hash, not a split by order
    }

    [Fact]
    public async Task AServerWithoutAShareRefreshesNothing()
    {
        var nodes = new RecordingRefresher();

        var count = await Refresher(StoreWith(5), nodes, new FakeTimeProvider(), new RefreshShare(0, 0)).RefreshRoundAsync(CancellationToken.None);

        Assert.Equal(0, count);
        Assert.Empty(nodes.Calls);
    }

    [Fact]
    public async Task AZeroIntervalTurnsTheRefresherOff()
    {
        var time = new FakeTimeProvider();
        var nodes = new RecordingRefresher();
        var refresher = Refresher(StoreWith(3), nodes, time, interval: TimeSpan.Zero);

        await refresher.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));
        await refresher.ExecuteTask!.WaitAsync(Bound);

        Assert.Empty(nodes.Calls);
        Assert.Equal(0, refresher.Rounds);
    }

    [Fact]
    public void TheShareOfANodeIsTheSameInEveryProcess()
    {
        // FNV-1a of "node1": fixed, unlike string.GetHashCode, so every server computes the same shares
        Assert.Equal(0x0F4E2874u, RefreshShare.StableHash("node1"));
        Assert.True(RefreshShare.All.Owns("anything"));
    }
}
