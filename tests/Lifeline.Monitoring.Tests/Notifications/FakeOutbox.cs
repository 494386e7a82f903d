using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;

namespace Lifeline.Monitoring.Tests.Notifications;

/// <summary>The outbox part of <see cref="IMonitoringStore"/> in memory; every other member throws.</summary>
internal sealed class FakeOutbox : IMonitoringStore
{
    private readonly Lock _lock = new();
    private readonly List<QueuedNotification> _rows = [];
    private long _nextId;
    private int _dueQueries;

    /// <summary>How often <see cref="DueNotificationsAsync"/> was called.</summary>
    public int DueQueries => Volatile.Read(ref _dueQueries);

    public QueuedNotification Enqueue(string channel, AlertPayload payload, DateTimeOffset createdAt) =>
        Enqueue(channel, payload.Alert.Id, payload.Transition, payload.ToJson(), createdAt);

    public QueuedNotification Enqueue(string channel, long alertId, AlertTransition transition, string json, DateTimeOffset createdAt)
    {
        lock (_lock)
        {
            var row = new QueuedNotification(++_nextId, channel, alertId, transition, json, DeliveryState.Pending, 0, createdAt, createdAt, null, null);
            _rows.Add(row);
            return row;
        }
    }

    public QueuedNotification Get(long id)
    {
        lock (_lock)
        {
            return _rows.Single(r => r.Id == id);
        }
    }

    public Task<IReadOnlyList<QueuedNotification>> DueNotificationsAsync(string channel, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _dueQueries);
        lock (_lock)
        {
            IReadOnlyList<QueuedNotification> due = [.. _rows.Where(r => r.Channel == channel && r.State == DeliveryState.Pending && r.NextAttemptAt <= now)
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(limit)];
            return Task.FromResult(due);
        }
    }

    public Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Update(id, r => r with { State = DeliveryState.Delivered, Attempts = r.Attempts + 1, DeliveredAt = at });
        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, bool expire, CancellationToken cancellationToken)
    {
        Update(id, r => r with
        {
            State = expire ? DeliveryState.Expired : DeliveryState.Pending,
            Attempts = expire ? r.Attempts : r.Attempts + 1,
            LastError = error,
            NextAttemptAt = nextAttemptAt,
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueuedNotification>> ListNotificationsAsync(DeliveryState? state, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<QueuedNotification> list = [.. _rows.Where(r => state is null || r.State == state).OrderByDescending(r => r.Id).Take(limit)];
            return Task.FromResult(list);
        }
    }

    private void Update(long id, Func<QueuedNotification, QueuedNotification> change)
    {
        lock (_lock)
        {
            int index = _rows.FindIndex(r => r.Id == id);
            _rows[index] = change(_rows[index]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task WriteSamplesAsync(IReadOnlyList<SensorSnapshot> snapshots, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<SensorSeries>> ReadSeriesAsync(SeriesQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<int> RollUpAsync(DateTimeOffset upTo, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<long> PruneAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<MonitoredEvent>> AppendEventsAsync(IReadOnlyList<NewEvent> events, EventCursor? cursor, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<EventCursor?> GetCursorAsync(string node, string source, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<MonitoredEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<Alert> SaveAlertAsync(Alert alert, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<Alert> SaveAlertAsync(Alert alert, IReadOnlyList<(string Channel, AlertTransition Transition, string Payload)> notifications, DateTimeOffset now,
        CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<Alert?> FindOpenAlertAsync(string fingerprint, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alert>> QueryAlertsAsync(AlertQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<Silence>> ListSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<bool> EndSilenceAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();
}
