using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Lifeline.Monitoring.Storage;

/// <summary>
/// The monitoring store in PostgreSQL (tables <c>mon_*</c>, usually in the fleet's database), which several servers
/// may share: pooled connections, PostgreSQL's own locking for concurrent writers, a transaction-scoped advisory lock
/// around migrations, and bulk inserts as one statement over arrays. Sensor samples and rollups commit with
/// <c>synchronous_commit = off</c> (a crash may lose the last fraction of a second of samples, never corrupt
/// anything); everything else commits durably.
/// </summary>
internal sealed class PostgresMonitoringStore : SqlMonitoringStore
{
    /// <summary>The advisory lock key of monitoring migrations: "LLMonitr" in ASCII (not the fleet's key).</summary>
    internal const long SchemaLockKey = 0x4C4C4D6F6E697472;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresMonitoringStore(string connectionString, MonitoringStorageOptions options, TimeProvider timeProvider, ILogger logger)
        : base(options, timeProvider, logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string ProviderName => "PostgreSQL";

    /// <summary>host:port/database, for logs (never the password).</summary>
    public string Location { get; }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override string MigrationSql(MonitoringMigration migration) => migration.Postgres;

    protected override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command("SELECT pg_advisory_xact_lock(@key)", new { key = SchemaLockKey }, transaction, cancellationToken));

    /// <summary>Npgsql sends a .NET array as one array parameter: <c>= ANY(@list)</c>.</summary>
    protected override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    protected override string LikeInsensitive(string column, string parameter) => $"{column} ILIKE {parameter} ESCAPE '\\'";

    protected override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, bool durable, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        if (!durable)
        {
            await connection.ExecuteAsync(Command("SET LOCAL synchronous_commit = off", null, transaction, cancellationToken)).ConfigureAwait(false);
        }

        return transaction;
    }

    protected override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override Task InsertSamplesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken) =>
        InsertHistoryAsync(connection, transaction,
            "INSERT INTO mon_samples (node_id, time, gap, data) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::text[], $4::bytea[]) ON CONFLICT DO NOTHING",
            rows, rows.Select(r => r.Gap).ToArray(), cancellationToken);

    protected override Task InsertRollupsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken) =>
        InsertHistoryAsync(connection, transaction,
            "INSERT INTO mon_rollups (node_id, bucket, gaps, data) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::integer[], $4::bytea[]) ON CONFLICT DO NOTHING",
            rows, rows.Select(r => r.Gaps).ToArray(), cancellationToken);

    /// <summary>One statement over one array per column: a single round trip for a whole batch.</summary>
    private static async Task InsertHistoryAsync(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<SampleRow> rows, Array third, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.NodeId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Time).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = third });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Data).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task InsertNodesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO mon_nodes (name) SELECT * FROM unnest(@names::text[]) ON CONFLICT DO NOTHING",
            new { names = names.ToArray() }, transaction, cancellationToken));

    protected override Task InsertSensorsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CatalogSensor> sensors, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            "INSERT INTO mon_sensors (node_id, idx, name, type, unit) " +
            "SELECT * FROM unnest(@nodes::integer[], @indexes::integer[], @names::text[], @types::text[], @units::text[]) ON CONFLICT DO NOTHING",
            new
            {
                nodes = sensors.Select(s => s.NodeId).ToArray(),
                indexes = sensors.Select(s => s.Index).ToArray(),
                names = sensors.Select(s => s.Name).ToArray(),
                types = sensors.Select(s => s.Type).ToArray(),
                units = sensors.Select(s => s.Unit).ToArray(),
            },
            transaction,
            cancellationToken));

    protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        MonitoringStoreLog.Opened(Logger, ProviderName, Location);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);
}
