using System.Data.Common;
using Dapper;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

internal abstract partial class SqlMonitoringStore
{
    /// <summary>The most alerts one query returns.</summary>
    public const int MaxAlertLimit = 10_000;

    private const string AlertColumns =
        "id AS Id, fingerprint AS Fingerprint, rule AS Rule, node AS Node, subject AS Subject, severity AS Severity, state AS State, " +
        "summary AS Summary, evidence AS Evidence, first_seen AS FirstSeen, last_seen AS LastSeen, occurrences AS Occurrences, flaps AS Flaps, " +
        "acknowledged_by AS AcknowledgedBy, acknowledged_at AS AcknowledgedAt, resolved_by AS ResolvedBy, resolved_at AS ResolvedAt, comment AS Comment";

    public Task<Alert> SaveAlertAsync(Alert alert, CancellationToken cancellationToken) =>
        SaveAlertAsync(alert, [], Time.GetUtcNow(), cancellationToken);

    public async Task<Alert> SaveAlertAsync(
        Alert alert,
        IReadOnlyList<(string Channel, AlertTransition Transition, string Payload)> notifications,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ValidateAlert(alert);
        ArgumentNullException.ThrowIfNull(notifications);
        foreach (var (channel, transition, payload) in notifications)
        {
            StoreText.Require(channel, "notification channel", StoreText.ShortLength);
            StoreText.Require(payload, "notification payload", StoreText.DocumentLength);
            if (!Enum.IsDefined(transition))
            {
                throw new ArgumentException($"the notification transition {(int)transition} is unknown", nameof(notifications));
            }
        }

        try
        {
            return await WriteAsync(async (connection, transaction) =>
            {
                var saved = await UpsertAlertAsync(connection, transaction, alert, cancellationToken).ConfigureAwait(false);
                foreach (var (channel, transition, payload) in notifications)
                {
                    await connection.ExecuteAsync(Command(
                        "INSERT INTO mon_outbox (channel, alert_id, transition, payload, state, attempts, created_at, next_attempt_at) " +
                        "VALUES (@channel, @alertId, @transition, @payload, @pending, 0, @now, @now)",
                        new { channel, alertId = saved.Id, transition = (int)transition, payload, pending = (int)DeliveryState.Pending, now = now.UtcTicks },
                        transaction,
                        cancellationToken)).ConfigureAwait(false);
                }

                return saved;
            }, durable: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            throw new InvalidOperationException(
                $"another open alert has the fingerprint '{alert.Fingerprint}'; update that one (FindOpenAlertAsync) or resolve it first", e);
        }
    }

    private static void ValidateAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        StoreText.Require(alert.Fingerprint, "alert fingerprint", StoreText.KeyLength);
        StoreText.Require(alert.Rule, "alert rule", StoreText.NameLength);
        StoreText.Require(alert.Node, "alert node", StoreText.NameLength);
        StoreText.Optional(alert.Subject, "alert subject", StoreText.NameLength);
        StoreText.Optional(alert.Summary, "alert summary", StoreText.MessageLength);
        ArgumentNullException.ThrowIfNull(alert.Summary, "alert summary");
        StoreText.Optional(alert.Evidence, "alert evidence", StoreText.DocumentLength);
        StoreText.Optional(alert.AcknowledgedBy, "alert acknowledged-by", StoreText.NameLength);
        StoreText.Optional(alert.ResolvedBy, "alert resolved-by", StoreText.NameLength);
        StoreText.Optional(alert.Comment, "alert comment", StoreText.MessageLength);
        if (!Enum.IsDefined(alert.Severity) || !Enum.IsDefined(alert.State))
        {
            throw new ArgumentException("the alert's severity or state is not a known value", nameof(alert));
        }
    }

    private static async Task<Alert> UpsertAlertAsync(DbConnection connection, DbTransaction transaction, Alert alert, CancellationToken cancellationToken)
    {
        var values = new
        {
            id = alert.Id,
            fingerprint = alert.Fingerprint,
            rule = alert.Rule,
            node = alert.Node,
            subject = alert.Subject,
            severity = (int)alert.Severity,
            state = (int)alert.State,
            summary = alert.Summary,
            evidence = alert.Evidence,
            firstSeen = alert.FirstSeen.UtcTicks,
            lastSeen = alert.LastSeen.UtcTicks,
            occurrences = alert.Occurrences,
            flaps = alert.Flaps,
            acknowledgedBy = alert.AcknowledgedBy,
            acknowledgedAt = Ticks(alert.AcknowledgedAt),
            resolvedBy = alert.ResolvedBy,
            resolvedAt = Ticks(alert.ResolvedAt),
            comment = alert.Comment,
        };
        if (alert.Id == 0)
        {
            long id = await connection.ExecuteScalarAsync<long>(Command(
                "INSERT INTO mon_alerts (fingerprint, rule, node, subject, severity, state, summary, evidence, first_seen, last_seen, occurrences, " +
                "flaps, acknowledged_by, acknowledged_at, resolved_by, resolved_at, comment) VALUES (@fingerprint, @rule, @node, @subject, @severity, " +
                "@state, @summary, @evidence, @firstSeen, @lastSeen, @occurrences, @flaps, @acknowledgedBy, @acknowledgedAt, @resolvedBy, @resolvedAt, " +
                "@comment) RETURNING id",
                values, transaction, cancellationToken)).ConfigureAwait(false);
            return alert with { Id = id };
        }

        int updated = await connection.ExecuteAsync(Command(
            "UPDATE mon_alerts SET fingerprint = @fingerprint, rule = @rule, node = @node, subject = @subject, severity = @severity, state = @state, " +
            "summary = @summary, evidence = @evidence, first_seen = @firstSeen, last_seen = @lastSeen, occurrences = @occurrences, flaps = @flaps, " +
            "acknowledged_by = @acknowledgedBy, acknowledged_at = @acknowledgedAt, resolved_by = @resolvedBy, resolved_at = @resolvedAt, " +
            "comment = @comment WHERE id = @id",
            values, transaction, cancellationToken)).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"there is no alert {alert.Id} to update (it may have been pruned); save it with Id 0 to create it");
        }

        return alert;
    }

    public Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken) =>
        ReadAsync(async (connection, transaction) => (await connection.QuerySingleOrDefaultAsync<AlertRow>(Command(
            $"SELECT {AlertColumns} FROM mon_alerts WHERE id = @id", new { id }, transaction, cancellationToken)).ConfigureAwait(false))?.ToAlert(),
            cancellationToken);

    public Task<Alert?> FindOpenAlertAsync(string fingerprint, CancellationToken cancellationToken)
    {
        StoreText.Require(fingerprint, "alert fingerprint", StoreText.KeyLength);
        return ReadAsync(async (connection, transaction) => (await connection.QuerySingleOrDefaultAsync<AlertRow>(Command(
            $"SELECT {AlertColumns} FROM mon_alerts WHERE fingerprint = @fingerprint AND state < @resolved",
            new { fingerprint, resolved = (int)AlertState.Resolved }, transaction, cancellationToken)).ConfigureAwait(false))?.ToAlert(),
            cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> QueryAlertsAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        int limit = Limit(query.Limit, MaxAlertLimit, "alert limit");
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Nodes is { } nodes)
        {
            foreach (string node in nodes)
            {
                StoreText.Require(node, "node name", StoreText.NameLength);
            }

            if (nodes.Count > MaxAlertLimit)
            {
                throw new ArgumentException($"the alert query names {nodes.Count} nodes; at most {MaxAlertLimit} at a time", nameof(query));
            }

            if (nodes.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<Alert>>([]);
            }

            conditions.Add(InList("node", "@nodes"));
            parameters.Add("nodes", nodes.Distinct(StringComparer.Ordinal).ToArray());
        }

        if (query.States is { } states)
        {
            if (states.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<Alert>>([]);
            }

            conditions.Add(InList("state", "@states"));
            parameters.Add("states", states.Distinct().Select(s => (int)s).ToArray());
        }
        else
        {
            conditions.Add("state < @resolved");
            parameters.Add("resolved", (int)AlertState.Resolved);
        }

        if (query.MinSeverity is { } severity)
        {
            conditions.Add("severity >= @severity");
            parameters.Add("severity", (int)severity);
        }

        if (query.Rule is { } rule)
        {
            StoreText.Require(rule, "rule name", StoreText.NameLength);
            conditions.Add("rule = @rule");
            parameters.Add("rule", rule);
        }

        parameters.Add("limit", limit);
        return ReadAsync<IReadOnlyList<Alert>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<AlertRow>(Command(
                $"SELECT {AlertColumns} FROM mon_alerts WHERE {string.Join(" AND ", conditions)} ORDER BY id DESC LIMIT @limit",
                parameters, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToAlert())],
            cancellationToken);
    }

    private sealed class AlertRow
    {
        public long Id { get; set; }

        public string Fingerprint { get; set; } = "";

        public string Rule { get; set; } = "";

        public string Node { get; set; } = "";

        public string? Subject { get; set; }

        public int Severity { get; set; }

        public int State { get; set; }

        public string Summary { get; set; } = "";

        public string? Evidence { get; set; }

        public long FirstSeen { get; set; }

        public long LastSeen { get; set; }

        public int Occurrences { get; set; }

        public int Flaps { get; set; }

        public string? AcknowledgedBy { get; set; }

        public long? AcknowledgedAt { get; set; }

        public string? ResolvedBy { get; set; }

        public long? ResolvedAt { get; set; }

        public string? Comment { get; set; }

        public Alert ToAlert() => new()
        {
            Id = Id,
            Fingerprint = Fingerprint,
            Rule = Rule,
            Node = Node,
            Subject = Subject,
            Severity = (Severity)Severity,
            State = (AlertState)State,
            Summary = Summary,
            Evidence = Evidence,
            FirstSeen = FromTicks(FirstSeen),
            LastSeen = FromTicks(LastSeen),
            Occurrences = Occurrences,
            Flaps = Flaps,
            AcknowledgedBy = AcknowledgedBy,
            AcknowledgedAt = FromTicks(AcknowledgedAt),
            ResolvedBy = ResolvedBy,
            ResolvedAt = FromTicks(ResolvedAt),
            Comment = Comment,
        };
    }
}
