using System.Text.Json;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// Delivers the durable outbox. Each channel has its own loop, so a slow or failing channel only delays its own rows.
/// A loop reads the channel's due rows oldest first and delivers them one by one; a success marks the row delivered, a
/// failure records the error and the row's next attempt (<see cref="RetrySchedule"/>: 5 s, 15 s, 1 min, 5 min, then
/// every 15 min, with jitter) and pauses the channel by the same schedule over its consecutive failures, so a dead
/// receiver gets one probe per pause instead of one per row. Rows undelivered after
/// <see cref="NotificationDispatcherOptions.MaxAge"/> become Expired: kept and listed, never dropped silently.
/// Between passes a loop waits for <see cref="Wake"/> or the poll interval; all waiting reads the <see cref="TimeProvider"/>.
/// </summary>
public sealed class NotificationDispatcher
{
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(5);

    private readonly IMonitoringStore _store;
    private readonly IReadOnlyList<INotificationChannel> _channels;
    private readonly IReadOnlyDictionary<string, ChannelSettings> _settings;
    private readonly NotificationDispatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ChannelState> _states;

    /// <param name="store">The outbox.</param>
    /// <param name="channels">The enabled channels (names unique).</param>
    /// <param name="options">Pacing; null = defaults.</param>
    /// <param name="time">The clock every wait reads.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="settings">The configured channels, for the status's kind and the disabled ones; null = none.</param>
    public NotificationDispatcher(IMonitoringStore store, IEnumerable<INotificationChannel> channels, NotificationDispatcherOptions? options,
        TimeProvider time, ILogger<NotificationDispatcher> logger, IReadOnlyDictionary<string, ChannelSettings>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _store = store;
        _channels = [.. channels];
        _options = options ?? new NotificationDispatcherOptions();
        _time = time;
        _logger = logger;
        _settings = settings ?? new Dictionary<string, ChannelSettings>();
        _states = new Dictionary<string, ChannelState>(StringComparer.Ordinal);
        foreach (var channel in _channels)
        {
            if (!_states.TryAdd(channel.Name, new ChannelState()))
            {
                throw new ArgumentException($"two channels are named '{channel.Name}'", nameof(channels));
            }
        }

        if (_options.BatchSize < 1 || _options.PollInterval <= TimeSpan.Zero || _options.MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException("Lifeline:Monitoring:Notifications: BatchSize, PollInterval and MaxAge must be positive", nameof(options));
        }
    }

    /// <summary>The channels this dispatcher delivers for.</summary>
    public IReadOnlyList<INotificationChannel> Channels => _channels;

    /// <summary>Runs every channel's loop until <paramref name="cancellationToken"/> is cancelled (a BackgroundService body).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Task.Run: a channel that blocks before its first await must not hold up the others' start
        var loops = _channels.Select(channel => Task.Run(() => RunChannelAsync(channel, cancellationToken), CancellationToken.None));
        await Task.WhenAll(loops);
    }

    /// <summary>Says "new rows are queued": every idle loop looks at once instead of at its next poll (a paused channel keeps its pause).</summary>
    public void Wake()
    {
        foreach (var state in _states.Values)
        {
            state.Wake();
        }
    }

    /// <summary>
    /// One pass over the channel's due rows: delivers them oldest first and stops at the first failure (the channel
    /// is failing; the rest wait). Returns the number of rows handled (delivered, failed or expired).
    /// </summary>
    public async Task<int> DeliverDueAsync(INotificationChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var state = _states.TryGetValue(channel.Name, out var known) ? known : throw new ArgumentException($"channel '{channel.Name}' is not one of this dispatcher's", nameof(channel));
        var rows = await _store.DueNotificationsAsync(channel.Name, _time.GetUtcNow(), _options.BatchSize, cancellationToken);
        int handled = 0;
        foreach (var row in rows)
        {
            handled++;
            var now = _time.GetUtcNow();
            if (now - row.CreatedAt >= _options.MaxAge)
            {
                string last = row.LastError ?? "none";
                await _store.MarkFailedAsync(row.Id, $"expired: not delivered within {_options.MaxAge} after {row.Attempts} attempts; last error: {last}",
                    now, expire: true, cancellationToken);
                NotificationLog.DeliveryExpired(_logger, channel.Name, row.Id, row.AlertId, row.Attempts, now - row.CreatedAt, last);
                continue;
            }

            AlertPayload? payload;
            try
            {
                payload = AlertPayload.FromJson(row.Payload);
            }
            catch (JsonException e)
            {
                payload = null;
                NotificationLog.BadPayload(_logger, channel.Name, row.Id, e.Message);
            }

            if (payload is null)
            {
                // retrying cannot help: keep it visible as expired with the reason
                await _store.MarkFailedAsync(row.Id, "the queued payload is not valid alert JSON (a bug: report it)", now, expire: true, cancellationToken);
                continue;
            }

            try
            {
                await channel.DeliverAsync(payload, row.Payload, row.Id, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                await RecordFailureAsync(channel, state, row, e, cancellationToken);
                return handled;
            }

            var deliveredAt = _time.GetUtcNow();
            await _store.MarkDeliveredAsync(row.Id, deliveredAt, cancellationToken);
            int failures = state.Succeeded(deliveredAt);
            if (failures > 0)
            {
                NotificationLog.Recovered(_logger, channel.Name, failures);
            }

            NotificationLog.Delivered(_logger, channel.Name, row.Id, row.AlertId, row.Transition.ToString());
        }

        return handled;
    }

    /// <summary>Every configured or running channel's status, with pending and expired counts from the outbox.</summary>
    public async Task<IReadOnlyList<ChannelStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        var pending = await _store.ListNotificationsAsync(DeliveryState.Pending, 100_000, cancellationToken);
        var expired = await _store.ListNotificationsAsync(DeliveryState.Expired, 100_000, cancellationToken);
        var pendingBy = pending.GroupBy(n => n.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var expiredBy = expired.GroupBy(n => n.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var names = _states.Keys.Concat(_settings.Keys).Concat(pendingBy.Keys).Concat(expiredBy.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var result = new List<ChannelStatus>();
        foreach (string name in names)
        {
            ChannelKind? kind = _settings.TryGetValue(name, out var settings) ? ChannelSettingsValidator.ParseKind(settings.Kind) : null;
            var snapshot = _states.TryGetValue(name, out var state) ? state.Snapshot() : default;
            result.Add(new ChannelStatus(name, kind, state is not null, pendingBy.GetValueOrDefault(name), expiredBy.GetValueOrDefault(name),
                snapshot.ConsecutiveFailures, snapshot.LastSuccess, snapshot.LastError, snapshot.LastErrorAt, snapshot.PausedUntil));
        }

        return result;
    }

    private async Task RecordFailureAsync(INotificationChannel channel, ChannelState state, QueuedNotification row, Exception e, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        string error = e is NotificationDeliveryException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        var retryAfter = (e as NotificationDeliveryException)?.RetryAfter;
        int attempt = row.Attempts + 1;
        var rowDelay = Max(RetrySchedule.Delay(attempt, Random.Shared.NextDouble()), retryAfter);
        int failures = state.Failed(error, now);
        var channelDelay = Max(RetrySchedule.Delay(failures, Random.Shared.NextDouble()), retryAfter);
        state.PauseUntil(now + channelDelay);

        await _store.MarkFailedAsync(row.Id, error, now + rowDelay, expire: false, cancellationToken);
        NotificationLog.DeliveryFailed(_logger, channel.Name, row.Id, row.AlertId, row.Transition.ToString(), attempt, error, now + rowDelay);
    }

    private static TimeSpan Max(TimeSpan delay, TimeSpan? retryAfter) =>
        retryAfter is { } asked && asked > delay ? (asked < TimeSpan.FromHours(1) ? asked : TimeSpan.FromHours(1)) : delay;

    private async Task RunChannelAsync(INotificationChannel channel, CancellationToken cancellationToken)
    {
        var state = _states[channel.Name];
        while (!cancellationToken.IsCancellationRequested)
        {
            var signal = state.Arm();
            TimeSpan wait = _options.PollInterval;
            bool wakeable = true;
            try
            {
                var now = _time.GetUtcNow();
                var paused = state.Snapshot().PausedUntil;
                if (paused is { } until && until > now)
                {
                    wait = until - now;
                    wakeable = false;
                }
                else
                {
                    int handled = await DeliverDueAsync(channel, cancellationToken);
                    var after = state.Snapshot();
                    if (after.PausedUntil is { } pause && pause > _time.GetUtcNow())
                    {
                        wait = pause - _time.GetUtcNow();
                        wakeable = false;
                    }
                    else if (handled >= _options.BatchSize)
                    {
                        continue; // more may be due
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                NotificationLog.StoreFailed(_logger, e, channel.Name, StoreRetry);
                wait = StoreRetry;
                wakeable = false;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, _time, stop.Token);
            await (wakeable ? Task.WhenAny(delay, signal) : Task.WhenAny(delay));
            await stop.CancelAsync();
        }
    }

    /// <summary>One channel's in-memory state: its wake signal and its health.</summary>
    private sealed class ChannelState
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Health _health;

        public Task Arm()
        {
            lock (_lock)
            {
                if (_signal.Task.IsCompleted)
                {
                    _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return _signal.Task;
            }
        }

        public void Wake()
        {
            lock (_lock)
            {
                _signal.TrySetResult();
            }
        }

        public Health Snapshot()
        {
            lock (_lock)
            {
                return _health;
            }
        }

        /// <summary>Records a success; returns how many failures preceded it.</summary>
        public int Succeeded(DateTimeOffset at)
        {
            lock (_lock)
            {
                int failures = _health.ConsecutiveFailures;
                _health = _health with { ConsecutiveFailures = 0, LastSuccess = at, PausedUntil = null };
                return failures;
            }
        }

        /// <summary>Records a failure; returns the consecutive failures now.</summary>
        public int Failed(string error, DateTimeOffset at)
        {
            lock (_lock)
            {
                _health = _health with { ConsecutiveFailures = _health.ConsecutiveFailures + 1, LastError = error, LastErrorAt = at };
                return _health.ConsecutiveFailures;
            }
        }

        public void PauseUntil(DateTimeOffset until)
        {
            lock (_lock)
            {
                _health = _health with { PausedUntil = until };
            }
        }
    }

    private readonly record struct Health(int ConsecutiveFailures, DateTimeOffset? LastSuccess, string? LastError, DateTimeOffset? LastErrorAt,
        DateTimeOffset? PausedUntil);
}
