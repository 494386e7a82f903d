using System.Data;
using System.Data.Common;
using Dapper;
using Lifeline.Fleet.Inventory;
using Microsoft.Extensions.Logging;

namespace Lifeline.Fleet.Storage;

/// <summary>
/// The fleet store over SQL, shared by SQLite and PostgreSQL: the same tables, the same statements (both speak
/// <c>INSERT … ON CONFLICT … DO UPDATE</c> and <c>RETURNING</c>), and a small seam for what differs — opening a
/// connection, locking the schema during migration, list parameters, read snapshots and write serialisation. Every
/// write is one transaction, committed before its task completes.
/// </summary>
internal abstract partial class SqlFleetStore : IFleetStore, IAsyncDisposable
{
    /// <summary>Names per list parameter: well under both databases' parameter limits.</summary>
    private const int RowsPerStatement = 500;

    protected SqlFleetStore(CredentialProtector protector, TimeProvider timeProvider, ILogger logger)
    {
        Protector = protector;
        Time = timeProvider;
        Logger = logger;
    }

    protected CredentialProtector Protector { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>The database's name for messages (<c>SQLite</c>, <c>PostgreSQL</c>).</summary>
    public abstract string ProviderName { get; }

    /// <summary>An open connection, configured for this store.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>The migration's SQL for this database.</summary>
    protected abstract string MigrationSql(SchemaMigration migration);

    /// <summary>Makes other servers' migrations wait until this transaction ends.</summary>
    protected abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>A condition "<paramref name="column"/> is one of the list <paramref name="parameter"/>".</summary>
    protected abstract string InList(string column, string parameter);

    /// <summary>A transaction whose reads all see one snapshot.</summary>
    protected abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Database-wide settings applied before migrating (SQLite: WAL).</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for this process's turn to write; null when the database serialises writers well itself.</summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    public abstract ValueTask DisposeAsync();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        int reached = await WriteAsync(async (connection, transaction) =>
        {
            await LockSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(Command(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                null, transaction, cancellationToken)).ConfigureAwait(false);
            int current = (int)await connection.ExecuteScalarAsync<long>(Command(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version", null, transaction, cancellationToken)).ConfigureAwait(false);
            if (current > SchemaMigrations.Latest)
            {
                throw new InvalidOperationException(
                    $"the {ProviderName} database has schema version {current}, newer than this Lifeline knows " +
                    $"({SchemaMigrations.Latest}); run the newer Lifeline version that wrote it");
            }

            foreach (var migration in SchemaMigrations.All.Where(m => m.Version > current))
            {
                await connection.ExecuteAsync(Command(MigrationSql(migration), null, transaction, cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(Command(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @at)",
                    new { version = migration.Version, description = migration.Description, at = Now() },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
                StoreLog.Migrated(Logger, migration.Version, migration.Description);
                current = migration.Version;
            }

            return current;
        }, cancellationToken).ConfigureAwait(false);
        StoreLog.SchemaCurrent(Logger, reached);
    }

    /// <summary>The schema versions recorded, oldest first (for tests and diagnostics).</summary>
    internal Task<IReadOnlyList<int>> SchemaVersionsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<int>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<long>(Command(
                "SELECT version FROM schema_version ORDER BY version", null, transaction, cancellationToken)).ConfigureAwait(false))
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
    protected async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
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
    protected long Now() => Ticks(Time.GetUtcNow());

    protected static long Ticks(DateTimeOffset time) => time.UtcTicks;

    protected static long? Ticks(DateTimeOffset? time) => time?.UtcTicks;

    protected static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    protected static DateTimeOffset? FromTicks(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> (values in the order of <paramref name="columns"/>),
    /// each followed by <paramref name="tail"/> (an <c>ON CONFLICT</c> clause or nothing); returns the rows affected.
    /// SQLite runs one prepared statement per row (in-process, so that is the fast way); PostgreSQL sends one
    /// statement over arrays, whatever the number of rows.
    /// </summary>
    protected abstract Task<int> InsertRowsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<StoreColumn> columns,
        string tail,
        IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken);

    /// <summary>Deletes the rows of <paramref name="table"/> whose <paramref name="column"/> is one of <paramref name="values"/>; returns how many.</summary>
    protected abstract Task<int> DeleteWhereInAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        string column,
        IReadOnlyList<string> values,
        CancellationToken cancellationToken);

    /// <summary>Splits <paramref name="items"/> for statements with a list parameter.</summary>
    protected static IEnumerable<T[]> Chunks<T>(IReadOnlyList<T> items) => items.Chunk(RowsPerStatement);

    /// <summary>Checks that a name given to the store is a valid one before it reaches SQL.</summary>
    protected static void RequireName(string name, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, kind);
        if (name.Length > 256)
        {
            throw new ArgumentException($"the {kind} is longer than 256 characters", kind);
        }
    }

    protected static string ManagementText(ManagementProtocol management) => management switch
    {
        ManagementProtocol.Ipmi => "ipmi",
        ManagementProtocol.Redfish => "redfish",
        _ => "auto",
    };

    protected static ManagementProtocol ParseManagement(string? text) => text switch
    {
        "ipmi" => ManagementProtocol.Ipmi,
        "redfish" => ManagementProtocol.Redfish,
        _ => ManagementProtocol.Auto,
    };
}
