using Lifeline.Drivers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Lifeline.Cli.Backend;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Targets;
using Lifeline.Ipmi;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Cli.Tests.FanOut;

public class FanOutRunnerTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongDeadline = TimeSpan.FromMinutes(5);

    private static BmcTarget[] Nodes(int count) =>
        Enumerable.Range(1, count).Select(i => new BmcTarget(BmcScheme.Ipmi, "admin", $"10.0.0.{i}", 623)).ToArray();

    private static async Task<List<NodeResult<T>>> CollectAsync<T>(IAsyncEnumerable<NodeResult<T>> results, string what)
    {
        var list = new List<NodeResult<T>>();
        await foreach (var r in results.WithCancellation(CancellationToken.None))
        {
            list.Add(r);
        }

        return list;
    }

    /// <summary>Reads the next result or fails naming what was awaited.</summary>
    private static async Task<NodeResult<T>> NextAsync<T>(IAsyncEnumerator<NodeResult<T>> e, string what)
    {
        var moved = e.MoveNextAsync().AsTask();
        if (await Task.WhenAny(moved, Task.Delay(TestTimeout)) != moved)
        {
            throw new TimeoutException($"fan-out: no result for {what} within {TestTimeout}");
        }

        Assert.True(await moved, $"fan-out ended before {what}");
        return e.Current;
    }

    private static async Task WaitAsync(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(TestTimeout)) != task)
        {
            throw new TimeoutException($"fan-out test: {what} did not happen within {TestTimeout}");
        }

        await task;
    }

    [Fact]
    public async Task EveryNodeGetsExactlyOneResultCarryingItsIndex()
    {
        var nodes = Nodes(50);
        var results = await CollectAsync(new FanOutRunner().RunAsync(nodes, (t, _) => Task.FromResult(t.Host), 7, LongDeadline), "all");
        Assert.Equal(50, results.Count);
        Assert.All(results, r => Assert.Equal(nodes[r.Index].Host, r.Value));
        Assert.Equal(Enumerable.Range(0, 50), results.Select(r => r.Index).Order());
    }

    [Fact]
    public async Task NodesStartInListOrder()
    {
        var started = new ConcurrentQueue<int>();
        var nodes = Nodes(20);
        await CollectAsync(new FanOutRunner().RunAsync(nodes, (t, _) =>
        {
            started.Enqueue(Array.IndexOf(nodes, t));
            return Task.FromResult(0);
        }, fanout: 1, LongDeadline), "all");
        Assert.Equal(Enumerable.Range(0, 20), started);
    }

    [Fact]
    public async Task NoMoreThanFanoutOperationsRunAtOnce()
    {
        const int fanout = 4;
        var nodes = Nodes(30);
        var gates = nodes.ToDictionary(n => n, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var startedSignal = Channel.CreateUnbounded<BmcTarget>();
        int inFlight = 0, maxInFlight = 0;

        async Task<int> Operation(BmcTarget target, CancellationToken ct)
        {
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            startedSignal.Writer.TryWrite(target);
            await gates[target].Task.WaitAsync(ct);
            Interlocked.Decrement(ref inFlight);
            return 0;
        }

        var run = CollectAsync(new FanOutRunner().RunAsync(nodes, Operation, fanout, LongDeadline), "all");

        // The first `fanout` nodes start; no more until one finishes.
        var started = new Queue<BmcTarget>();
        for (int i = 0; i < fanout; i++)
        {
            var read = startedSignal.Reader.ReadAsync().AsTask();
            await WaitAsync(read, $"start of node {i}");
            started.Enqueue(await read);
        }

        Assert.Equal(nodes.Take(fanout).ToHashSet(), started.ToHashSet());
        Assert.False(startedSignal.Reader.TryRead(out _), "a node started while all slots were busy");

        // Release the oldest running node; exactly one more starts each time until the list runs out.
        for (int next = fanout; started.Count > 0; next++)
        {
            gates[started.Dequeue()].SetResult();
            if (next < nodes.Length)
            {
                var read = startedSignal.Reader.ReadAsync().AsTask();
                await WaitAsync(read, $"start of node {next} after a slot freed");
                started.Enqueue(await read);
            }
        }

        await WaitAsync(run, "the end of the run");
        Assert.Equal(fanout, maxInFlight);
        Assert.Equal(30, (await run).Count);
    }

    [Fact]
    public async Task ASlowNodeDoesNotHoldUpTheOthers()
    {
        var nodes = Nodes(10);
        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FanOutRunner();
        await using var results = runner.RunAsync(nodes, (t, _) => t == nodes[0] ? slow.Task : Task.FromResult("fast"), 3, LongDeadline)
            .GetAsyncEnumerator();

        for (int i = 0; i < 9; i++)
        {
            var r = await NextAsync(results, $"fast node {i + 1} while node 0 is still busy");
            Assert.NotEqual(0, r.Index);
            Assert.Equal("fast", r.Value);
        }

        slow.SetResult("slow");
        var last = await NextAsync(results, "the slow node once released");
        Assert.Equal(0, last.Index);
        Assert.Equal("slow", last.Value);
        Assert.False(await results.MoveNextAsync());
    }

    [Fact]
    public async Task ResultsStreamInCompletionOrder()
    {
        var nodes = Nodes(3);
        var gates = nodes.Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        await using var results = new FanOutRunner().RunAsync(nodes, (t, _) => gates[Array.IndexOf(nodes, t)].Task, 3, LongDeadline)
            .GetAsyncEnumerator();

        gates[2].SetResult(2);
        Assert.Equal(2, (await NextAsync(results, "node 2, completed first")).Index);
        gates[0].SetResult(0);
        Assert.Equal(0, (await NextAsync(results, "node 0, completed second")).Index);
        gates[1].SetResult(1);
        Assert.Equal(1, (await NextAsync(results, "node 1, completed last")).Index);
    }

    [Fact]
    public async Task TheDeadlineTurnsANodeThatNeverAnswersIntoATimeoutResult()
    {
        var time = new FakeTimeProvider();
        var nodes = Nodes(2);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FanOutRunner(time);
        await using var results = runner.RunAsync(nodes, async (t, ct) =>
        {
            if (t == nodes[1])
            {
                return "ok";
            }

            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        }, 2, TimeSpan.FromSeconds(30)).GetAsyncEnumerator();

        Assert.Equal("ok", (await NextAsync(results, "the answering node")).Value);
        await WaitAsync(started.Task, "start of the silent node");
        time.Advance(TimeSpan.FromSeconds(29));
        var pending = results.MoveNextAsync().AsTask();
        Assert.False(pending.IsCompleted, "the silent node must not time out before its deadline");
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitAsync(pending, "timeout result of the silent node");
        var timedOut = results.Current;
        Assert.Equal(0, timedOut.Index);
        Assert.Equal("timeout", timedOut.Error!.Category);
        Assert.Contains("30 s", timedOut.Error.Message, StringComparison.Ordinal);
        Assert.NotNull(timedOut.Error.NextStep);
    }

    [Fact]
    public async Task AnOperationThatIgnoresItsTokenIsAbandonedAtTheDeadline()
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource<int>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var results = new FanOutRunner(time).RunAsync(Nodes(1), (_, _) =>
        {
            started.SetResult();
            return never.Task;
        }, 1, TimeSpan.FromSeconds(5)).GetAsyncEnumerator();

        var pending = results.MoveNextAsync().AsTask();
        await WaitAsync(started.Task, "start of the node");
        time.Advance(TimeSpan.FromSeconds(5));
        await WaitAsync(pending, "timeout result of the node that ignores cancellation");
        Assert.Equal("timeout", results.Current.Error!.Category);
    }

    [Fact]
    public async Task ATimeoutExceptionFromTheOperationIsATimeoutResult()
    {
        var results = await CollectAsync(new FanOutRunner().RunAsync(Nodes(1), (_, _) => Task.FromException<int>(new TimeoutException("no answer after 3 retries")), 1, LongDeadline), "one");
        var error = Assert.Single(results).Error!;
        Assert.Equal(new NodeError("timeout", "no answer after 3 retries", FailureClassifier.TimeoutNextStep), error);
    }

    [Fact]
    public async Task ExceptionsWithErrorAndNextStepMapToTheirCategory()
    {
        var nodes = Nodes(3);
        var results = await CollectAsync(new FanOutRunner().RunAsync(nodes, (t, _) => Array.IndexOf(nodes, t) switch
        {
            0 => Task.FromException<int>(new IpmiException(IpmiError.BadPassword, "RAKP 2: integrity check failed")),
            1 => Task.FromException<int>(new BmcFailureException("not-implemented", "no SOL here", "use a BMC with SOL")),
            _ => Task.FromException<int>(new InvalidOperationException("boom")),
        }, 3, LongDeadline), "all");

        var byIndex = results.OrderBy(r => r.Index).Select(r => r.Error!).ToArray();
        Assert.Equal(new NodeError("bad-password", "RAKP 2: integrity check failed", "check the password (LIFELINE_BMC_PASSWORD)"), byIndex[0]);
        Assert.Equal(new NodeError("not-implemented", "no SOL here", "use a BMC with SOL"), byIndex[1]);
        Assert.Equal("internal", byIndex[2].Category);
        Assert.Contains("InvalidOperationException: boom", byIndex[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperationThatThrowsSynchronouslyStillGetsAResult()
    {
        var results = await CollectAsync(new FanOutRunner().RunAsync<int>(Nodes(2), (_, _) => throw new TimeoutException("sync"), 1, LongDeadline), "all");
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("timeout", r.Error!.Category));
    }

    [Fact]
    public async Task CancellationEndsPromptlyReportingEveryUnfinishedNodeAsCancelled()
    {
        var nodes = Nodes(10);
        using var cts = new CancellationTokenSource();
        int startedCount = 0;
        var startedTwo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ignoring = new TaskCompletionSource<int>(); // node 1 ignores its token entirely
        var results = CollectAsync(new FanOutRunner().RunAsync(nodes, async (t, ct) =>
        {
            int i = Array.IndexOf(nodes, t);
            if (Interlocked.Increment(ref startedCount) == 2)
            {
                startedTwo.SetResult();
            }

            if (i == 1)
            {
                return await ignoring.Task;
            }

            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, fanout: 2, LongDeadline, cts.Token), "all");

        await WaitAsync(startedTwo.Task, "start of the first two nodes");
        await cts.CancelAsync();
        await WaitAsync(results, "the end of the cancelled run");

        var all = await results;
        Assert.Equal(10, all.Count);
        Assert.All(all, r => Assert.Equal("cancelled", r.Error!.Category));
        Assert.Equal(2, Volatile.Read(ref startedCount));
        Assert.Equal(8, all.Count(r => r.Error!.Message.Contains("before this node was started", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StoppingEnumerationEarlyCancelsRunningOperations()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nodes = Nodes(2);
        await foreach (var _ in new FanOutRunner().RunAsync(nodes, async (t, ct) =>
        {
            if (t == nodes[0])
            {
                return 0;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                throw;
            }

            return 1;
        }, 2, LongDeadline))
        {
            break;
        }

        await WaitAsync(cancelled.Task, "cancellation of the node still running after the consumer stopped");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
