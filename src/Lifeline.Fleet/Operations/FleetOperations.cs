using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Lifeline.Drivers;
using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;

namespace Lifeline.Fleet.Operations;

/// <summary>
/// <see cref="IFleetOperations"/> over the node grains: at most <see cref="FleetOptions.FanOut"/> nodes at once,
/// outcomes streamed in completion order (a slow BMC holds one slot, never the stream), every distinct node name
/// exactly one outcome. Names that are not nodes get <c>unknown-node</c> from their grain, or at once when they
/// cannot be node names at all.
/// </summary>
public sealed partial class FleetOperations : IFleetOperations
{
    private readonly IGrainFactory _grains;
    private readonly FleetOptions _options;
    private readonly ILogger<FleetOperations> _logger;

    public FleetOperations(IGrainFactory grains, IOptions<FleetOptions> options, ILogger<FleetOperations> logger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _options = options.Value;
        _logger = logger;
    }

    public async IAsyncEnumerable<NodeOutcome> RunAsync(NodeOperation operation, IReadOnlyList<string> nodes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(nodes);
        var names = Distinct(nodes);
        var outcomes = Channel.CreateUnbounded<NodeOutcome>(new UnboundedChannelOptions { SingleReader = true });
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(operation, names, outcomes.Writer, run.Token), CancellationToken.None);
        try
        {
            // Read without the caller's token: after cancellation the "cancelled" outcomes still come out.
            await foreach (var outcome in outcomes.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return outcome;
            }
            await producer.ConfigureAwait(false);
        }
        finally
        {
            // the consumer stopped early, or everything is done: stop what still runs
            await run.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ProduceAsync(NodeOperation operation, IReadOnlyList<string> names, ChannelWriter<NodeOutcome> writer, CancellationToken run)
    {
        int fanOut = Math.Min(_options.FanOut, Math.Max(1, names.Count));
        using var slots = new SemaphoreSlim(fanOut, fanOut);
        var running = new List<Task>(Math.Min(names.Count, 4096));
        int next = 0;
        try
        {
            for (; next < names.Count; next++)
            {
                try
                {
                    await slots.WaitAsync(run).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                var name = names[next];
                running.Add(RunOneAsync(operation, name, writer, slots, run));
                if (running.Count >= 4096)
                {
                    running.RemoveAll(t => t.IsCompleted);
                }
            }
            for (; next < names.Count; next++)
            {
                writer.TryWrite(new NodeOutcome(names[next], null, NotStarted));
            }
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task RunOneAsync(NodeOperation operation, string name, ChannelWriter<NodeOutcome> writer, SemaphoreSlim slots, CancellationToken run)
    {
        NodeOutcome outcome;
        try
        {
            if (!IsNodeName(name))
            {
                outcome = new NodeOutcome(name, null, NotANodeName(name));
            }
            else
            {
                outcome = await _grains.GetGrain<INodeGrain>(name).RunAsync(operation, run).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            outcome = new NodeOutcome(name, null, Cancelled);
        }
        catch (Exception e)
        {
            outcome = new NodeOutcome(name, null, GrainFailure(name, e));
        }
        writer.TryWrite(outcome);
        slots.Release();
    }

    public async Task<IReadOnlyList<NodeState>> GetStatesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var names = Distinct(nodes);
        var states = new NodeState[names.Count];
        // Reading a state never touches a BMC: a wider fan-out than for operations is cheap.
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(_options.FanOut, 64), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var name = names[i];
                if (!IsNodeName(name))
                {
                    states[i] = new NodeState(name, "none", null, "unknown", "unknown", null, NotANodeName(name));
                    return;
                }
                try
                {
                    states[i] = await _grains.GetGrain<INodeGrain>(name).GetStateAsync(token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    states[i] = new NodeState(name, "none", null, "unknown", "unknown", null, GrainFailure(name, e));
                }
            }).ConfigureAwait(false);
        return states;
    }

    public async Task InvalidateAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var names = Distinct(nodes).Where(IsNodeName).ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(_options.FanOut, 64), CancellationToken = cancellationToken },
            async (name, token) => await _grains.GetGrain<INodeGrain>(name).InvalidateAsync(token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static List<string> Distinct(IReadOnlyList<string> nodes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(nodes.Count);
        foreach (var n in nodes)
        {
            if (n is not null && seen.Add(n))
            {
                list.Add(n);
            }
        }
        return list;
    }

    /// <summary>The inventory's rule: letters, digits, '-', '_' and '.', starting with a letter or digit (at most 253).</summary>
    internal static bool IsNodeName(string name) =>
        name.Length is > 0 and <= 253 && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static NodeError NotANodeName(string name) => new(NodeCategories.UnknownNode,
        $"'{(name.Length > 64 ? name[..64] + "…" : name)}' is not a node name", "node names use letters, digits, '-', '_' and '.'");

    private NodeError GrainFailure(string name, Exception e)
    {
        LogGrainFailed(_logger, name, e);
        return e is TimeoutException
            ? new NodeError(NodeCategories.Timeout, $"the node's grain did not answer in time ({e.Message})",
                "retry; if it persists, check the service's cluster health in the server log")
            : new NodeError(NodeCategories.Internal, $"the node's grain failed: {e.GetType().Name}: {e.Message}",
                "retry; if it persists, see the server log");
    }

    private static readonly NodeError Cancelled = new(NodeCategories.Cancelled, "cancelled before this node finished", "run the operation again for this node");

    private static readonly NodeError NotStarted = new(NodeCategories.Cancelled, "cancelled before this node was started", "run the operation again for this node");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: the grain call failed")]
    private static partial void LogGrainFailed(ILogger logger, string node, Exception exception);
}
