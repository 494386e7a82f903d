using Microsoft.Extensions.DependencyInjection;
using Lifeline.Server.Hosting;
using System.Collections.Concurrent;
using Lifeline.Fleet.Operations;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// Follows the event stream (SSE) of every Redfish node of this server's share: each pushed event makes the pipeline
/// read that node's event log at once, so an event is stored and alerted on within about a second. The read is the
/// same incremental, deduplicated one as the scheduled polls, which keep running: push speeds collection up and never
/// replaces it (a BMC drops its streams when it reboots and may lose events under load). A stream that ends or fails
/// is opened again with a growing delay (2 s doubling to 2 min).
/// </summary>
internal sealed partial class RedfishPushListener(INodeEventStream streams, MonitoringPipeline pipeline, [FromKeyedServices(ServiceClock.Key)] TimeProvider time,
    ILogger<RedfishPushListener> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _watching = new(StringComparer.Ordinal);

    /// <summary>Nodes followed now.</summary>
    public int Count => _watching.Count;

    /// <summary>Follows exactly these nodes (starting new streams, stopping those no longer wanted).</summary>
    public void Sync(IReadOnlyCollection<string> nodes, CancellationToken stopping)
    {
        var wanted = nodes.ToHashSet(StringComparer.Ordinal);
        foreach (var (node, cts) in _watching)
        {
            if (!wanted.Contains(node) && _watching.TryRemove(node, out _))
            {
                cts.Cancel();
                cts.Dispose();
            }
        }
        foreach (var node in wanted)
        {
            if (!_watching.ContainsKey(node))
            {
                var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                if (_watching.TryAdd(node, cts))
                {
                    _ = FollowAsync(node, cts.Token);
                }
                else
                {
                    cts.Dispose();
                }
            }
        }
    }

    private async Task FollowAsync(string node, CancellationToken cancellationToken)
    {
        var delay = FirstRetry;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in streams.WatchAsync(node, cancellationToken).ConfigureAwait(false))
                {
                    delay = FirstRetry;
                    LogPushed(logger, node, e.MessageId ?? "", e.Message);
                    await pipeline.PollEventsAsync(node, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogStreamFailed(logger, node, e.Message);
            }
            try
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = delay * 2 > MaxRetry ? MaxRetry : delay * 2;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} pushed {MessageId}: {Message}; reading its event log now")]
    private static partial void LogPushed(ILogger logger, string node, string messageId, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event stream of node {Node} ended: {Reason}; polling continues, the stream is opened again later")]
    private static partial void LogStreamFailed(ILogger logger, string node, string reason);
}
