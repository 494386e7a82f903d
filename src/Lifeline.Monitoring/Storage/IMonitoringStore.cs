using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

/// <summary>
/// Monitoring's own database (SQLite file <c>DATA/monitoring.db</c>, or tables prefixed <c>mon_</c> in the fleet's
/// PostgreSQL database): sensor history in two tiers, events with their collection cursors, alerts, rules, silences
/// and the notification outbox. Every method is safe to call concurrently and takes a token.
/// </summary>
public interface IMonitoringStore : IAsyncDisposable
{
    // --- sensor history ---

    /// <summary>Stores one batch of polls (many nodes) in one transaction. Gaps are stored as gaps.</summary>
    Task WriteSamplesAsync(IReadOnlyList<SensorSnapshot> snapshots, CancellationToken cancellationToken);

    /// <summary>Series per (node, sensor) in the range, oldest first; gaps appear as points with Count 0.</summary>
    Task<IReadOnlyList<SensorSeries>> ReadSeriesAsync(SeriesQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Computes the 5-minute tier for every bucket that ended before <paramref name="upTo"/> and has none yet
    /// (idempotent: a crash between buckets repeats nothing). Returns the number of buckets written.
    /// </summary>
    Task<int> RollUpAsync(DateTimeOffset upTo, CancellationToken cancellationToken);

    /// <summary>Deletes what the policy no longer keeps. Returns the number of rows deleted.</summary>
    Task<long> PruneAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken);

    // --- events ---

    /// <summary>
    /// Stores the events that are new (by node, source, dedupe key) and, in the same transaction, the cursor when
    /// given. Returns only the events stored now, with their ids, in the given order.
    /// </summary>
    Task<IReadOnlyList<MonitoredEvent>> AppendEventsAsync(IReadOnlyList<NewEvent> events, EventCursor? cursor, CancellationToken cancellationToken);

    Task<EventCursor?> GetCursorAsync(string node, string source, CancellationToken cancellationToken);

    /// <summary>Newest first, unless <see cref="EventQuery.AfterId"/> is set (then oldest first).</summary>
    Task<IReadOnlyList<MonitoredEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken);

    // --- alerts ---

    /// <summary>Inserts (Id 0) or updates an alert; returns it with its id.</summary>
    Task<Alert> SaveAlertAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the alert and queues its notifications in one transaction (the outbox pattern), so an alert change is
    /// never stored without its notifications or the other way round. Returns the saved alert.
    /// </summary>
    Task<Alert> SaveAlertAsync(Alert alert, IReadOnlyList<(string Channel, AlertTransition Transition, string Payload)> notifications,
        DateTimeOffset now, CancellationToken cancellationToken);

    Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken);

    /// <summary>The open (firing or acknowledged) alert with this fingerprint, if any.</summary>
    Task<Alert?> FindOpenAlertAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Alert>> QueryAlertsAsync(AlertQuery query, CancellationToken cancellationToken);

    // --- rules and silences ---

    Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces the rule of that name.</summary>
    Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken);

    Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken);

    Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken);

    /// <summary>Silences that have not ended at <paramref name="now"/> (including future ones).</summary>
    Task<IReadOnlyList<Silence>> ListSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends a silence now (sets EndsAt); false when unknown.</summary>
    Task<bool> EndSilenceAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    // --- notification outbox ---

    /// <summary>Pending rows of the channel due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<QueuedNotification>> DueNotificationsAsync(string channel, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: attempts + 1, the error, the next attempt (or Expired when <paramref name="expire"/>).</summary>
    Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, bool expire, CancellationToken cancellationToken);

    /// <summary>Newest first; null state = all.</summary>
    Task<IReadOnlyList<QueuedNotification>> ListNotificationsAsync(DeliveryState? state, int limit, CancellationToken cancellationToken);
}
