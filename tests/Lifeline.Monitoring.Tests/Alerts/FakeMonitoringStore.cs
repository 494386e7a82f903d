using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;

namespace Lifeline.Monitoring.Tests.Alerts;

/// <summary>The alert, rule, silence and outbox parts of the store, in memory; the rest is not used by the engine.</summary>
internal sealed class FakeMonitoringStore : IMonitoringStore
{
    private readonly object _lock = new();
    private readonly Dictionary<long, Alert> _alerts = [];
    private readonly Dictionary<string, AlertRule> _rules = new(StringComparer.Ordinal);
    private readonly List<Silence> _silences = [];
    private readonly List<QueuedNotification> _outbox = [];
    private long _nextAlert = 1, _nextSilence = 1, _nextNotification = 1;

    public int ListRulesCalls { get; private set; }

    public IReadOnlyList<QueuedNotification> Outbox
    {
        get
        {
            lock (_lock)
            {
                return _outbox.ToList();
            }
        }
    }

    public IReadOnlyList<Alert> Alerts
    {
        get
        {
            lock (_lock)
            {
                return _alerts.Values.OrderBy(a => a.Id).ToList();
            }
        }
    }

    public Task<Alert> SaveAlertAsync(Alert alert, CancellationToken cancellationToken) => SaveAlertAsync(alert, [], DateTimeOffset.UnixEpoch, cancellationToken);

    public Task<Alert> SaveAlertAsync(Alert alert, IReadOnlyList<(string Channel, AlertTransition Transition, string Payload)> notifications,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var saved = alert.Id == 0 ? alert with { Id = _nextAlert++ } : alert;
            _alerts[saved.Id] = saved;
            foreach (var (channel, transition, payload) in notifications)
            {
                _outbox.Add(new QueuedNotification(_nextNotification++, channel, saved.Id, transition, payload, DeliveryState.Pending, 0, now, now, null, null));
            }
            return Task.FromResult(saved);
        }
    }

    public Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_alerts.GetValueOrDefault(id));
        }
    }

    public Task<Alert?> FindOpenAlertAsync(string fingerprint, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_alerts.Values.FirstOrDefault(a => a.Fingerprint == fingerprint && a.State != AlertState.Resolved));
        }
    }

    public Task<IReadOnlyList<Alert>> QueryAlertsAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Alert> list = _alerts.Values
                .Where(a => query.States is null ? a.State != AlertState.Resolved : query.States.Contains(a.State))
                .OrderByDescending(a => a.Id).Take(query.Limit).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ListRulesCalls++;
            IReadOnlyList<AlertRule> list = _rules.Values.ToList();
            return Task.FromResult(list);
        }
    }

    public Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _rules[rule.Name] = rule;
        }
        return Task.CompletedTask;
    }

    public Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rules.Remove(name));
        }
    }

    public Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var saved = silence with { Id = _nextSilence++ };
            _silences.Add(saved);
            return Task.FromResult(saved);
        }
    }

    public Task<IReadOnlyList<Silence>> ListSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Silence> list = _silences.Where(s => s.EndsAt > now).ToList();
            return Task.FromResult(list);
        }
    }

    public Task<bool> EndSilenceAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            int i = _silences.FindIndex(s => s.Id == id);
            if (i < 0)
            {
                return Task.FromResult(false);
            }
            _silences[i] = _silences[i] with { EndsAt = now };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<QueuedNotification>> ListNotificationsAsync(DeliveryState? state, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<QueuedNotification> list = _outbox.Where(n => state is null || n.State == state).Reverse().Take(limit).ToList();
            return Task.FromResult(list);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // --- not used by the alert engine ---
    public Task WriteSamplesAsync(IReadOnlyList<SensorSnapshot> snapshots, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<SensorSeries>> ReadSeriesAsync(SeriesQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<int> RollUpAsync(DateTimeOffset upTo, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<long> PruneAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<MonitoredEvent>> AppendEventsAsync(IReadOnlyList<NewEvent> events, EventCursor? cursor, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<EventCursor?> GetCursorAsync(string node, string source, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<MonitoredEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<QueuedNotification>> DueNotificationsAsync(string channel, DateTimeOffset now, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, bool expire, CancellationToken cancellationToken) => throw new NotSupportedException();
}
