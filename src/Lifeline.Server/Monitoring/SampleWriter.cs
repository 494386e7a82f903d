using Microsoft.Extensions.DependencyInjection;
using Lifeline.Server.Hosting;
using System.Threading.Channels;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// Batches sensor polls into the store: one transaction per second (or per <see cref="MaxBatch"/> polls), so 10,000
/// nodes polled every minute cost about one write a second, not 167. A failed write is retried with the next batch;
/// when the store stays down the queue is bounded (oldest polls dropped, counted) so memory cannot run away.
/// </summary>
internal sealed partial class SampleWriter(IMonitoringStore store, [FromKeyedServices(ServiceClock.Key)] TimeProvider time, ILogger<SampleWriter> logger)
{
    public const int MaxBatch = 2000;
    private const int MaxQueued = 100_000;

    private readonly Channel<SensorSnapshot> _queue = Channel.CreateBounded<SensorSnapshot>(
        new BoundedChannelOptions(MaxQueued) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private long _written;
    private long _failedBatches;

    public long Written => Interlocked.Read(ref _written);
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    public void Enqueue(SensorSnapshot snapshot) => _queue.Writer.TryWrite(snapshot);

    /// <summary>Writes until cancelled, then flushes what is queued (bounded by <paramref name="flushTimeout"/>).</summary>
    public async Task RunAsync(TimeSpan flushTimeout, CancellationToken cancellationToken)
    {
        var pending = new List<SensorSnapshot>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
                await WriteQueuedAsync(pending, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var flush = new CancellationTokenSource(flushTimeout, time);
            try
            {
                await WriteQueuedAsync(pending, flush.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException || e is not OutOfMemoryException)
            {
                LogFlushFailed(logger, pending.Count, e);
            }
        }
    }

    private async Task WriteQueuedAsync(List<SensorSnapshot> pending, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (pending.Count < MaxBatch && _queue.Reader.TryRead(out var snapshot))
            {
                pending.Add(snapshot);
            }
            if (pending.Count == 0)
            {
                return;
            }
            try
            {
                await store.WriteSamplesAsync(pending, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _written, pending.Count);
                pending.Clear();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedBatches);
                LogWriteFailed(logger, pending.Count, e);
                if (pending.Count > MaxQueued)
                {
                    pending.RemoveRange(0, pending.Count - MaxQueued);
                }
                return; // kept: retried with the next batch
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} sensor polls to the monitoring store failed; retrying with the next batch")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "At shutdown, {Count} sensor polls could not be written")]
    private static partial void LogFlushFailed(ILogger logger, int count, Exception exception);
}
