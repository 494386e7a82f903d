using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Hosting;
using Lifeline.Fleet.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;

namespace Lifeline.Fleet.Operations;

/// <summary>Refreshes one node's state (its grain's light check).</summary>
internal interface INodeRefresher
{
    Task RefreshAsync(string node, CancellationToken cancellationToken);
}

/// <summary>Through the node's grain, wherever the cluster placed it.</summary>
internal sealed class GrainNodeRefresher(IGrainFactory grains) : INodeRefresher
{
    public Task RefreshAsync(string node, CancellationToken cancellationToken) =>
        grains.GetGrain<INodeGrain>(node).RefreshAsync(cancellationToken);
}

/// <summary>
/// Keeps every node's last known state fresh: every <see cref="FleetOptions.RefreshInterval"/> (jittered, so servers
/// and restarts do not fall into step) it lists the nodes and asks each node's grain for its light check (power
/// status), at most <see cref="FleetOptions.FanOut"/> at once.
/// </summary>
/// <remarks>
/// It runs on every server, and each checks only its <see cref="RefreshShare"/> of the nodes (a stable hash of the
/// name over the live servers, from the cluster membership), so with several servers each node is still checked once
/// per round, and when a server dies the others' shares grow at their next round. Where the check runs is Orleans'
/// business: the call goes to the node's one activation, on whichever server holds it. A per-grain timer would do no
/// better: grains that are not active (after a restart) would never be checked, and 10,000 timers cost more than one
/// loop. The sweep also keeps the grains active, and with them their warm sessions.
/// </remarks>
internal sealed partial class NodeStateRefresher : BackgroundService
{
    private readonly IFleetStore _store;
    private readonly INodeRefresher _nodes;
    private readonly IRefreshPartition _partition;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeStateRefresher> _logger;
    private readonly Random _random;

    public NodeStateRefresher(IFleetStore store, INodeRefresher nodes, IRefreshPartition partition, IOptions<FleetOptions> options, TimeProvider time,
        ILogger<NodeStateRefresher> logger)
        : this(store, nodes, partition, options, time, logger, Random.Shared)
    {
    }

    internal NodeStateRefresher(IFleetStore store, INodeRefresher nodes, IRefreshPartition partition, IOptions<FleetOptions> options, TimeProvider time,
        ILogger<NodeStateRefresher> logger, Random random)
    {
        _store = store;
        _nodes = nodes;
        _partition = partition;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _random = random;
    }

    /// <summary>Rounds completed (for tests and diagnostics).</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    private int _rounds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _options.RefreshInterval;
        if (interval <= TimeSpan.Zero)
        {
            LogDisabled(_logger);
            return;
        }
        // The first round soon after start (the state is all "unknown" then), spread so servers do not start together.
        var delay = interval * (_random.NextDouble() * Math.Max(_options.RefreshJitter, 0.05));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                await RefreshRoundAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // the store may be down for a moment: try again next round
                LogRoundFailed(_logger, e);
            }
            delay = interval * (1 + _options.RefreshJitter * (2 * _random.NextDouble() - 1));
        }
    }

    /// <summary>One round: this server's share of the nodes, each refreshed once. Returns how many were checked.</summary>
    internal async Task<int> RefreshRoundAsync(CancellationToken cancellationToken)
    {
        var share = _partition.Current();
        if (share.Count == 0)
        {
            return 0;
        }
        var nodes = await _store.ListNodesAsync(cancellationToken).ConfigureAwait(false);
        var mine = nodes.Select(n => n.Name).Where(share.Owns).ToList();
        var started = _time.GetTimestamp();
        int failed = 0;
        await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = _options.FanOut, CancellationToken = cancellationToken },
            async (node, token) =>
            {
                try
                {
                    await _nodes.RefreshAsync(node, token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    LogNodeFailed(_logger, node, e);
                }
            }).ConfigureAwait(false);
        Interlocked.Increment(ref _rounds);
        LogRound(_logger, mine.Count, nodes.Count, share.Index, share.Count, failed, _time.GetElapsedTime(started).TotalMilliseconds);
        return mine.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "State refresh is off (Fleet:RefreshInterval is zero)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State refresh round failed; trying again next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "State refresh of node {Node} failed")]
    private static partial void LogNodeFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "State refresh: {Mine} of {Total} nodes (share {Index}/{Count}), {Failed} failed, {Milliseconds:0} ms")]
    private static partial void LogRound(ILogger logger, int mine, int total, int index, int count, int failed, double milliseconds);
}
