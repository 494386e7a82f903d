using System.Data;
using System.Data.Common;
using Dapper;
using Lifeline.Monitoring.Model;
using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Storage;

/// <summary>
/// The monitoring store over SQL, shared by SQLite and PostgreSQL: the same tables and statements, with a small seam
/// for what differs (connections, write serialisation and durability, bulk inserts of samples, list parameters,
/// case-insensitive matching, constraint errors). Every write is one transaction, committed before its task ends.
/// </summary>
internal abstract partial class SqlMonitoringStore : IMonitoringStore
{
    /// <summary>Values per list parameter: well under both databases' parameter limits.</summary>
    protected const int RowsPerStatement = 500;

    protected SqlMonitoringStore(MonitoringStorageOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Options = options;
        Time = timeProvider;
        Logger = logger;
    }

    protected MonitoringStorageOptions Options { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>The database's name for messages (<c>SQLite</c>, <c>PostgreSQL</c>).</summary>
    public abstract string ProviderName { get; }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    protected abstract string MigrationSql(MonitoringMigration migration);

    /// <summary>Makes other servers' migrations wait until this transaction ends.</summary>
    protected abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>A condition "<paramref name="column"/> is one of the list <paramref name="parameter"/>".</summary>
    protected abstract string InList(string column, string parameter);

    /// <summary>A case-insensitive <c>LIKE</c> with <c>\</c> as the escape character.</summary>
    protected abstract string LikeInsensitive(string column, string parameter);

    protected abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A write transaction. <paramref name="durable"/> false (sensor samples, rollups) may trade the last moments
    /// before a power cut for a cheaper commit; true (events, cursors, alerts, outbox) must survive a crash.
    /// </summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, bool durable, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="exception"/> is a unique-constraint violation.</summary>
    protected abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Inserts poll rows; a row whose (node, time) exists already is skipped.</summary>
    protected abstract Task InsertSamplesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken);

    /// <summary>Inserts 5-minute rows; a row whose (node, bucket) exists already is skipped.</summary>
    protected abstract Task InsertRollupsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken);

    /// <summary>Database-wide settings applied before migrating (SQLite: the private file and WAL).</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for this process's turn to write; null when the database serialises writers well itself.</summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    public abstract ValueTask DisposeAsync();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(async (connection, transaction) =>
        {
            await LockSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(Command(
                "CREATE TABLE IF NOT EXISTS mon_schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                null, transaction, cancellationToken)).ConfigureAwait(false);
            int current = (int)await connection.ExecuteScalarAsync<long>(Command(
                "SELECT COALESCE(MAX(version), 0) FROM mon_schema_version", null, transaction, cancellationToken)).ConfigureAwait(false);
            if (current > MonitoringSchema.Latest)
            {
                throw new InvalidOperationException(
                    $"the {ProviderName} monitoring database has schema version {current}, newer than this Lifeline knows " +
                    $"({MonitoringSchema.Latest}); run the newer Lifeline version that wrote it");
            }

            foreach (var migration in MonitoringSchema.All.Where(m => m.Version > current))
            {
                await connection.ExecuteAsync(Command(MigrationSql(migration), null, transaction, cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(Command(
                    "INSERT INTO mon_schema_version (version, description, applied_at) VALUES (@version, @description, @at)",
                    new { version = migration.Version, description = migration.Description, at = Now() },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
                MonitoringStoreLog.Migrated(Logger, migration.Version, migration.Description);
            }

            return 0;
        }, durable: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema versions recorded, oldest first (tests and diagnostics).</summary>
    internal Task<IReadOnlyList<int>> SchemaVersionsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<int>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<long>(Command(
                "SELECT version FROM mon_schema_version ORDER BY version", null, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(v => (int)v)],
            cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a read snapshot.</summary>
    protected async Task<T> ReadAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits it (rolled back when it throws).</summary>
    protected async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, bool durable, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteAsync(connection, durable, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                // Not cancellable: once the work is done, the commit either happens or the caller sees it fail.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
        }
    }

    protected static CommandDefinition Command(string sql, object? parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    /// <summary>Now, as stored: UTC ticks.</summary>
    protected long Now() => Time.GetUtcNow().UtcTicks;

    protected static long? Ticks(DateTimeOffset? time) => time?.UtcTicks;

    protected static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    protected static DateTimeOffset? FromTicks(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>A limit asked for, kept between 1 and <paramref name="max"/>.</summary>
    protected static int Limit(int limit, int max, string what)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(what, limit, $"the {what} must be at least 1");
        }

        return Math.Min(limit, max);
    }

    /// <summary>A row of either history tier: node, time (or bucket start), gap reason (or gap count), blob.</summary>
    protected internal readonly record struct SampleRow(int NodeId, long Time, string? Gap, int Gaps, byte[]? Data);
}
