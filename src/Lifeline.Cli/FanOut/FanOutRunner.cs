using Lifeline.Drivers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.FanOut;

/// <summary>
/// Runs one operation against many BMCs with bounded concurrency and streams each node's result as soon as it is
/// known. A slow or silent node holds up nobody: it holds one slot until its deadline, and its result simply arrives
/// later. Every target yields exactly one <see cref="NodeResult{T}"/>.
/// </summary>
/// <remarks>
/// <para>Nodes start in list order; at most <c>fanout</c> run at once. A node's slot frees when its result is
/// reported, which is at the latest its deadline: an operation that ignores its token is abandoned, not awaited.</para>
/// <para>Cancelling the caller's token (Ctrl-C) stops starting nodes, cancels running ones, and reports every
/// unfinished node as "cancelled" at once.</para>
/// </remarks>
public sealed class FanOutRunner
{
    /// <summary>The default <c>--fanout</c>.</summary>
    public const int DefaultFanout = 256;

    private readonly TimeProvider _time;
    private readonly FailureClassifier _classifier;

    public FanOutRunner(TimeProvider? timeProvider = null, FailureClassifier? classifier = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _classifier = classifier ?? new FailureClassifier();
    }

    /// <summary>Runs <paramref name="operation"/> for every target; results come in completion order.</summary>
    /// <param name="targets">The BMCs.</param>
    /// <param name="operation">The work for one BMC; gets a token that fires on cancellation or at the node's deadline.</param>
    /// <param name="fanout">The most operations running at once (≥ 1).</param>
    /// <param name="perNodeDeadline">The longest one node may take in total, retries included.</param>
    /// <param name="cancellationToken">Cancels the whole run.</param>
    public async IAsyncEnumerable<NodeResult<T>> RunAsync<T>(
        IReadOnlyList<BmcTarget> targets,
        Func<BmcTarget, CancellationToken, Task<T>> operation,
        int fanout,
        TimeSpan perNodeDeadline,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanout, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(perNodeDeadline, TimeSpan.Zero);

        var results = Channel.CreateUnbounded<NodeResult<T>>(new UnboundedChannelOptions { SingleReader = true });
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(fanout, fanout);
        var producer = Task.Run(() => ProduceAsync(targets, operation, fanout, perNodeDeadline, results.Writer, slots, run.Token), CancellationToken.None);
        try
        {
            // Read without the caller's token: after Ctrl-C the cancelled results still have to come out.
            await foreach (var result in results.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return result;
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            // The consumer stopped early (break, exception) or we are done: stop everything still running.
            await run.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    private async Task ProduceAsync<T>(
        IReadOnlyList<BmcTarget> targets,
        Func<BmcTarget, CancellationToken, Task<T>> operation,
        int fanout,
        TimeSpan deadline,
        ChannelWriter<NodeResult<T>> writer,
        SemaphoreSlim slots,
        CancellationToken run)
    {
        int next = 0;
        try
        {
            for (; next < targets.Count; next++)
            {
                try
                {
                    await slots.WaitAsync(run).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (run.IsCancellationRequested)
                {
                    // A slot freed by a node that was just cancelled: do not start another one.
                    slots.Release();
                    break;
                }

                int index = next;
                _ = Task.Run(() => RunNodeAsync(index, targets[index], operation, deadline, writer, slots, run), CancellationToken.None);
            }

            for (; next < targets.Count; next++)
            {
                writer.TryWrite(NodeResult<T>.Failure(next, targets[next], NotStarted));
            }

            // Every running node returns its slot after writing its result: holding all slots means all are done.
            for (int i = 0; i < fanout; i++)
            {
                await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task RunNodeAsync<T>(
        int index,
        BmcTarget target,
        Func<BmcTarget, CancellationToken, Task<T>> operation,
        TimeSpan deadline,
        ChannelWriter<NodeResult<T>> writer,
        SemaphoreSlim slots,
        CancellationToken run)
    {
        NodeResult<T> result;
        try
        {
            using var nodeDeadline = new CancellationTokenSource(deadline, _time);
            using var node = CancellationTokenSource.CreateLinkedTokenSource(run, nodeDeadline.Token);
            Task<T>? task = null;
            try
            {
                node.Token.ThrowIfCancellationRequested();
                task = operation(target, node.Token);
                T value = await task.WaitAsync(node.Token).ConfigureAwait(false);
                result = NodeResult<T>.Success(index, target, value);
            }
            catch (Exception) when (run.IsCancellationRequested)
            {
                result = NodeResult<T>.Failure(index, target, Cancelled);
            }
            catch (OperationCanceledException) when (nodeDeadline.IsCancellationRequested)
            {
                result = NodeResult<T>.Failure(index, target, DeadlinePassed(deadline));
            }
            catch (Exception e)
            {
                result = NodeResult<T>.Failure(index, target, _classifier.Classify(e));
            }
            finally
            {
                if (task is { IsCompleted: false })
                {
                    // Abandoned after its deadline: observe its eventual failure so it is not reported as unobserved.
                    _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
        catch (Exception e)
        {
            result = NodeResult<T>.Failure(index, target, _classifier.Classify(e));
        }

        writer.TryWrite(result);
        slots.Release();
    }

    internal static readonly NodeError Cancelled =
        new("cancelled", "interrupted before this node finished", "run the command again for this node");

    internal static readonly NodeError NotStarted =
        new("cancelled", "interrupted before this node was started", "run the command again for this node");

    internal static NodeError DeadlinePassed(TimeSpan deadline) =>
        new("timeout", $"no result within {FormatSeconds(deadline)} (the per-node deadline)", FailureClassifier.TimeoutNextStep);

    internal static string FormatSeconds(TimeSpan span) =>
        span.TotalSeconds.ToString(span.TotalSeconds % 1 == 0 ? "0" : "0.###", CultureInfo.InvariantCulture) + " s";
}
