using Dapper;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

internal abstract partial class SqlMonitoringStore
{
    /// <summary>The most events one query returns, whatever <see cref="EventQuery.Limit"/> asks.</summary>
    public const int MaxEventLimit = 10_000;

    private const string EventColumns =
        "id AS Id, node AS Node, time AS Time, severity AS Severity, source AS Source, message AS Message, sensor AS Sensor, " +
        "dedupe_key AS DedupeKey, raw AS Raw, kind AS Kind, received_at AS ReceivedAt";

    public async Task<IReadOnlyList<MonitoredEvent>> AppendEventsAsync(IReadOnlyList<NewEvent> events, EventCursor? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            ValidateEvent(e);
        }

        if (cursor is not null)
        {
            StoreText.Require(cursor.Node, "cursor node", StoreText.NameLength);
            StoreText.Require(cursor.Source, "cursor source", StoreText.ShortLength);
            StoreText.Require(cursor.State, "cursor state", StoreText.DocumentLength);
        }

        if (events.Count == 0 && cursor is null)
        {
            return [];
        }

        long receivedAt = Now();
        return await WriteAsync<IReadOnlyList<MonitoredEvent>>(async (connection, transaction) =>
        {
            var stored = new List<MonitoredEvent>();
            foreach (var e in events)
            {
                long? id = await connection.ExecuteScalarAsync<long?>(Command(
                    "INSERT INTO mon_events (node, source, dedupe_key, time, severity, message, sensor, raw, kind, received_at) " +
                    "VALUES (@node, @source, @key, @time, @severity, @message, @sensor, @raw, @kind, @receivedAt) " +
                    "ON CONFLICT (node, source, dedupe_key) DO NOTHING RETURNING id",
                    new
                    {
                        node = e.Node,
                        source = e.Source,
                        key = e.DedupeKey,
                        time = e.Time.UtcTicks,
                        severity = (int)e.Severity,
                        message = e.Message,
                        sensor = e.Sensor,
                        raw = e.Raw,
                        kind = e.Kind,
                        receivedAt,
                    },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
                if (id is { } newId)
                {
                    stored.Add(new MonitoredEvent(newId, e.Node, e.Time, e.Severity, e.Source, e.Message, e.Sensor, e.DedupeKey, e.Raw, e.Kind,
                        FromTicks(receivedAt)));
                }
            }

            if (cursor is not null)
            {
                await connection.ExecuteAsync(Command(
                    "INSERT INTO mon_cursors (node, source, state, updated_at) VALUES (@node, @source, @state, @at) " +
                    "ON CONFLICT (node, source) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                    new { node = cursor.Node, source = cursor.Source, state = cursor.State, at = cursor.UpdatedAt.UtcTicks },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
            }

            return stored;
        }, durable: true, cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateEvent(NewEvent e)
    {
        ArgumentNullException.ThrowIfNull(e, "event");
        StoreText.Require(e.Node, "event node", StoreText.NameLength);
        StoreText.Require(e.Source, "event source", StoreText.ShortLength);
        StoreText.Require(e.DedupeKey, "event dedupe key", StoreText.KeyLength);
        ArgumentNullException.ThrowIfNull(e.Message, "event message");
        StoreText.Optional(e.Message, "event message", StoreText.MessageLength);
        StoreText.Optional(e.Sensor, "event sensor", StoreText.NameLength);
        StoreText.Optional(e.Raw, "event raw record", StoreText.DocumentLength);
        StoreText.Optional(e.Kind, "event kind", StoreText.ShortLength);
        if (!Enum.IsDefined(e.Severity))
        {
            throw new ArgumentException($"the event severity {(int)e.Severity} is not info, warning or critical", "event");
        }
    }

    public async Task<EventCursor?> GetCursorAsync(string node, string source, CancellationToken cancellationToken)
    {
        StoreText.Require(node, "cursor node", StoreText.NameLength);
        StoreText.Require(source, "cursor source", StoreText.ShortLength);
        var row = await ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<(string, long)?>(Command(
            "SELECT state, updated_at FROM mon_cursors WHERE node = @node AND source = @source",
            new { node, source }, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
        return row is { } r ? new EventCursor(node, source, r.Item1, FromTicks(r.Item2)) : null;
    }

    /// <summary>
    /// <see cref="EventQuery.Since"/> inclusive, <see cref="EventQuery.Until"/> exclusive. Newest first by event
    /// time (then id); with <see cref="EventQuery.AfterId"/>, oldest first by id (the order of storing).
    /// </summary>
    public Task<IReadOnlyList<MonitoredEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        int limit = Limit(query.Limit, MaxEventLimit, "event limit");
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Nodes is { } nodes)
        {
            if (nodes.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<MonitoredEvent>>([]);
            }

            foreach (string node in nodes)
            {
                StoreText.Require(node, "node name", StoreText.NameLength);
            }

            if (nodes.Count > MaxEventLimit)
            {
                throw new ArgumentException($"the event query names {nodes.Count} nodes; at most {MaxEventLimit} at a time", nameof(query));
            }

            conditions.Add(InList("node", "@nodes"));
            parameters.Add("nodes", nodes.Distinct(StringComparer.Ordinal).ToArray());
        }

        if (query.Since is { } since)
        {
            conditions.Add("time >= @since");
            parameters.Add("since", since.UtcTicks);
        }

        if (query.Until is { } until)
        {
            conditions.Add("time < @until");
            parameters.Add("until", until.UtcTicks);
        }

        if (query.MinSeverity is { } severity)
        {
            conditions.Add("severity >= @severity");
            parameters.Add("severity", (int)severity);
        }

        if (query.Source is { } source)
        {
            StoreText.Require(source, "event source", StoreText.ShortLength);
            conditions.Add("source = @source");
            parameters.Add("source", source);
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            StoreText.Require(query.Text, "event text filter", StoreText.NameLength);
            conditions.Add($"({LikeInsensitive("message", "@text")} OR {LikeInsensitive("sensor", "@text")})");
            parameters.Add("text", "%" + EscapeLike(query.Text) + "%");
        }

        string order = "ORDER BY time DESC, id DESC";
        if (query.AfterId is { } afterId)
        {
            conditions.Add("id > @afterId");
            parameters.Add("afterId", afterId);
            order = "ORDER BY id";
        }

        parameters.Add("limit", limit);
        string where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        return ReadAsync<IReadOnlyList<MonitoredEvent>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<EventRow>(Command(
                $"SELECT {EventColumns} FROM mon_events {where} {order} LIMIT @limit", parameters, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToEvent())],
            cancellationToken);
    }

    /// <summary>Makes <c>%</c>, <c>_</c> and <c>\</c> match themselves in a <c>LIKE … ESCAPE '\'</c> pattern.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class EventRow
    {
        public long Id { get; set; }

        public string Node { get; set; } = "";

        public long Time { get; set; }

        public int Severity { get; set; }

        public string Source { get; set; } = "";

        public string Message { get; set; } = "";

        public string? Sensor { get; set; }

        public string DedupeKey { get; set; } = "";

        public string? Raw { get; set; }

        public string? Kind { get; set; }

        public long ReceivedAt { get; set; }

        public MonitoredEvent ToEvent() =>
            new(Id, Node, FromTicks(Time), (Severity)Severity, Source, Message, Sensor, DedupeKey, Raw, Kind, FromTicks(ReceivedAt));
    }
}
