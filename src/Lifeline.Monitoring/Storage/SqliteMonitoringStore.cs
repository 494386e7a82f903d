using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Storage;

/// <summary>
/// The monitoring store in one SQLite file: WAL (readers never wait for the writer), private to the service (0600),
/// writers of this process take turns on a semaphore. Durability per write: events, cursors, alerts, rules,
/// silences and the outbox commit with <c>synchronous = FULL</c> (the WAL is synced, so they survive a power cut);
/// sensor samples and rollups commit with <c>NORMAL</c> (in WAL mode a killed process still loses nothing; a power
/// cut may lose the last moments of samples, never corrupt the file), and the next FULL commit syncs them too.
/// </summary>
internal sealed class SqliteMonitoringStore : SqlMonitoringStore
{
    private const string ConnectionSetup = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeTurn = new(1, 1);

    public SqliteMonitoringStore(string connectionString, MonitoringStorageOptions options, TimeProvider timeProvider, ILogger logger)
        : base(options, timeProvider, logger)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException("the SQLite monitoring store needs a database file (Data Source=PATH), not an in-memory database", nameof(connectionString));
        }

        _connectionString = builder.ToString();
        DatabasePath = Path.GetFullPath(builder.DataSource);
    }

    public override string ProviderName => "SQLite";

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(ConnectionSetup, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A pragma's value as a store connection sees it (tests and diagnostics).</summary>
    internal async Task<string?> PragmaAsync(string name, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetter(c) || c == '_'))
        {
            throw new ArgumentException("not a pragma name", nameof(name));
        }

        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var value = await connection.ExecuteScalarAsync<object>(new CommandDefinition($"PRAGMA {name}", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    protected override string MigrationSql(MonitoringMigration migration) => migration.Sqlite;

    /// <summary>Nothing to add: a write transaction is <c>BEGIN IMMEDIATE</c>, which holds the database's one write lock.</summary>
    protected override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override string InList(string column, string parameter) => $"{column} IN {parameter}";

    /// <summary>SQLite's <c>LIKE</c> ignores the case of ASCII letters.</summary>
    protected override string LikeInsensitive(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    protected override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: true));

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, bool durable, CancellationToken cancellationToken)
    {
        if (!durable)
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = NORMAL", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
    }

    /// <summary>SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555).</summary>
    protected override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    protected override Task InsertSamplesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken) =>
        InsertHistoryAsync(connection, transaction, "INSERT INTO mon_samples (time, node_id, gap, data) VALUES ($t, $n, $g, $d) ON CONFLICT DO NOTHING",
            rows, r => r.Gap, cancellationToken);

    protected override Task InsertRollupsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken) =>
        InsertHistoryAsync(connection, transaction, "INSERT INTO mon_rollups (bucket, node_id, gaps, data) VALUES ($t, $n, $g, $d) ON CONFLICT DO NOTHING",
            rows, r => r.Gaps, cancellationToken);

    /// <summary>One prepared statement run once per row: SQLite is in-process, so a row costs microseconds.</summary>
    private static Task InsertHistoryAsync(
        DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<SampleRow> rows, Func<SampleRow, object?> third, CancellationToken cancellationToken)
    {
        using var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        var time = command.Parameters.Add("$t", SqliteType.Integer);
        var node = command.Parameters.Add("$n", SqliteType.Integer);
        var gap = command.Parameters.Add("$g", third(default) is int ? SqliteType.Integer : SqliteType.Text);
        var data = command.Parameters.Add("$d", SqliteType.Blob);
        command.Prepare();
        for (int i = 0; i < rows.Count; i++)
        {
            if (i % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = rows[i];
            time.Value = row.Time;
            node.Value = row.NodeId;
            gap.Value = third(row) ?? DBNull.Value;
            data.Value = (object?)row.Data ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_writeTurn);
    }

    /// <summary>Creates the file private to the service (mode 0600, which SQLite copies to -wal and -shm) and turns on WAL.</summary>
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        string? directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"the directory of the SQLite monitoring database {DatabasePath} does not exist; create it or set the data directory");
        }

        if (!OperatingSystem.IsWindows() && !File.Exists(DatabasePath))
        {
            try
            {
                using var _ = new FileStream(DatabasePath, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(DatabasePath))
            {
                // Another process created it first.
            }
        }

        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // A new file gets 8 KiB pages, so that the poll of a BMC with a few hundred sensors still fits in its row
            // (SQLite moves a row's payload beyond about a quarter of a page to overflow pages). Ignored once the file has tables.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA page_size = 8192", cancellationToken: cancellationToken)).ConfigureAwait(false);
            string mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken))
                .ConfigureAwait(false) ?? "";
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite refused WAL mode for {DatabasePath} (journal mode is '{mode}'); use a local file system, not a network share");
            }
        }

        MonitoringStoreLog.Opened(Logger, ProviderName, DatabasePath);
    }

    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeTurn.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private SemaphoreSlim? _semaphore = semaphore;

        public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
    }
}
