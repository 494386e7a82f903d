namespace Lifeline.Monitoring.Storage;

/// <summary>One step of the monitoring schema and its SQL for each database.</summary>
internal sealed record MonitoringMigration(int Version, string Description, string Sqlite, string Postgres);

/// <summary>
/// The monitoring schema as ordered steps (a released step is never edited; changes are new steps). Every table is
/// prefixed <c>mon_</c> so it can share the fleet's PostgreSQL database. Times are UTC ticks.
/// </summary>
/// <remarks>
/// Sensor history is one row per node and poll (<c>mon_samples</c>) holding every reading of that poll in one blob
/// (<see cref="SampleCodec"/>), and one row per node and 5-minute bucket (<c>mon_rollups</c>). Sensors get a small
/// number per node in <c>mon_sensors</c>, so the blobs carry no names. SQLite clusters both tiers by time (cheap
/// appends, pruning and rollup scans) with a (node, time) index for reads; PostgreSQL keeps the heap in arrival
/// order with a (node, time) primary key and a BRIN index on time.
/// </remarks>
internal static class MonitoringSchema
{
    public static IReadOnlyList<MonitoringMigration> All { get; } =
    [
        new MonitoringMigration(1, "sensor history, events and cursors, alerts, rules, silences, notification outbox",
            ForSqlite(Common) + """
                CREATE TABLE mon_samples (
                    time INTEGER NOT NULL,
                    node_id INTEGER NOT NULL,
                    gap TEXT,
                    data BLOB,
                    PRIMARY KEY (time, node_id)
                ) WITHOUT ROWID;
                CREATE INDEX mon_samples_by_node ON mon_samples (node_id, time);
                CREATE TABLE mon_rollups (
                    bucket INTEGER NOT NULL,
                    node_id INTEGER NOT NULL,
                    gaps INTEGER NOT NULL,
                    data BLOB,
                    PRIMARY KEY (bucket, node_id)
                ) WITHOUT ROWID;
                CREATE INDEX mon_rollups_by_node ON mon_rollups (node_id, bucket);
                """,
            ForPostgres(Common) + """
                CREATE TABLE mon_samples (
                    node_id INTEGER NOT NULL,
                    time BIGINT NOT NULL,
                    gap TEXT,
                    data BYTEA,
                    PRIMARY KEY (node_id, time)
                );
                CREATE INDEX mon_samples_by_time ON mon_samples USING brin (time);
                CREATE TABLE mon_rollups (
                    node_id INTEGER NOT NULL,
                    bucket BIGINT NOT NULL,
                    gaps INTEGER NOT NULL,
                    data BYTEA,
                    PRIMARY KEY (node_id, bucket)
                );
                CREATE INDEX mon_rollups_by_bucket ON mon_rollups USING brin (bucket);
                """),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>
    /// Fills the placeholders of a text shared by both databases: <c>{name}</c> (text compared bytewise),
    /// <c>{bigint}</c>, <c>{identity}</c> (an auto-numbered primary key).
    /// </summary>
    private static string ForSqlite(string template) => template
        .Replace("{name}", "TEXT", StringComparison.Ordinal)
        .Replace("{bigint}", "INTEGER", StringComparison.Ordinal)
        .Replace("{identity}", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal);

    private static string ForPostgres(string template) => template
        .Replace("{name}", "TEXT COLLATE \"C\"", StringComparison.Ordinal)
        .Replace("{bigint}", "BIGINT", StringComparison.Ordinal)
        .Replace("{identity}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", StringComparison.Ordinal);

    /// <summary>The tables both databases declare alike.</summary>
    private const string Common = """
        CREATE TABLE mon_nodes (
            id {identity},
            name {name} NOT NULL UNIQUE
        );
        CREATE TABLE mon_sensors (
            node_id INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            name {name} NOT NULL,
            type TEXT NOT NULL,
            unit TEXT,
            PRIMARY KEY (node_id, idx),
            UNIQUE (node_id, name)
        );
        CREATE TABLE mon_state (
            key {name} PRIMARY KEY,
            value {bigint} NOT NULL
        );
        CREATE TABLE mon_events (
            id {identity},
            node {name} NOT NULL,
            source {name} NOT NULL,
            dedupe_key {name} NOT NULL,
            time {bigint} NOT NULL,
            severity INTEGER NOT NULL,
            message TEXT NOT NULL,
            sensor TEXT,
            raw TEXT,
            kind TEXT,
            received_at {bigint} NOT NULL,
            UNIQUE (node, source, dedupe_key)
        );
        CREATE INDEX mon_events_by_node ON mon_events (node, time);
        CREATE INDEX mon_events_by_time ON mon_events (time);
        CREATE TABLE mon_cursors (
            node {name} NOT NULL,
            source {name} NOT NULL,
            state TEXT NOT NULL,
            updated_at {bigint} NOT NULL,
            PRIMARY KEY (node, source)
        );
        CREATE TABLE mon_alerts (
            id {identity},
            fingerprint {name} NOT NULL,
            rule {name} NOT NULL,
            node {name} NOT NULL,
            subject TEXT,
            severity INTEGER NOT NULL,
            state INTEGER NOT NULL,
            summary TEXT NOT NULL,
            evidence TEXT,
            first_seen {bigint} NOT NULL,
            last_seen {bigint} NOT NULL,
            occurrences INTEGER NOT NULL,
            flaps INTEGER NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at {bigint},
            resolved_by TEXT,
            resolved_at {bigint},
            comment TEXT
        );
        CREATE UNIQUE INDEX mon_alerts_open_fingerprint ON mon_alerts (fingerprint) WHERE state < 2;
        CREATE INDEX mon_alerts_by_state ON mon_alerts (state, id);
        CREATE INDEX mon_alerts_by_node ON mon_alerts (node, id);
        CREATE TABLE mon_rules (
            name {name} PRIMARY KEY,
            definition TEXT NOT NULL,
            updated_at {bigint} NOT NULL
        );
        CREATE TABLE mon_silences (
            id {identity},
            nodes TEXT,
            rule TEXT,
            starts_at {bigint} NOT NULL,
            ends_at {bigint} NOT NULL,
            created_by TEXT NOT NULL,
            comment TEXT NOT NULL,
            created_at {bigint} NOT NULL
        );
        CREATE INDEX mon_silences_by_end ON mon_silences (ends_at);
        CREATE TABLE mon_outbox (
            id {identity},
            channel {name} NOT NULL,
            alert_id {bigint} NOT NULL,
            transition INTEGER NOT NULL,
            payload TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            created_at {bigint} NOT NULL,
            next_attempt_at {bigint} NOT NULL,
            last_error TEXT,
            delivered_at {bigint}
        );
        CREATE INDEX mon_outbox_pending ON mon_outbox (channel, id) WHERE state = 0;
        CREATE INDEX mon_outbox_by_state ON mon_outbox (state, id);

        """;
}
