using Microsoft.Extensions.DependencyInjection;
using Lifeline.Server.Hosting;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Configuration;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// Keeps the history's tiers: every five minutes the buckets that have closed are rolled up (idempotent, so a
/// restart or a second server repeats nothing), every hour what the retention no longer keeps is deleted.
/// </summary>
internal sealed partial class MonitoringMaintenance(IMonitoringStore store, MonitoringSettings settings, [FromKeyedServices(ServiceClock.Key)] TimeProvider time,
    ILogger<MonitoringMaintenance> logger)
{
    private static readonly TimeSpan RollUpEvery = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    /// <summary>Samples of a bucket may still arrive this long after it closes (polls in flight, batched writes).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nextPrune = time.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RollUpEvery, time, cancellationToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                await store.RollUpAsync(now - Settle, cancellationToken).ConfigureAwait(false);
                if (now >= nextPrune)
                {
                    long deleted = await store.PruneAsync(now, settings.Retention, cancellationToken).ConfigureAwait(false);
                    LogPruned(logger, deleted);
                    nextPrune = now + PruneEvery;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e); // the database may be down for a moment: the next round catches up
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitoring retention: {Rows} rows deleted")]
    private static partial void LogPruned(ILogger logger, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitoring maintenance (roll-up or retention) failed; retrying at the next round")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
