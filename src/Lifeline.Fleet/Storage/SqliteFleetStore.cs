using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Lifeline.Fleet.Storage;

/// <summary>
/// The store in one SQLite file. WAL, so readers never wait for the writer; <c>busy_timeout</c>, so a writer waits
/// for another process's write instead of failing; foreign keys on (SQLite leaves them off per connection); pooled
/// connections. Writers of this process take turns on a semaphore, so they queue in memory instead of spinning on the
/// database lock. <c>synchronous = FULL</c>: every commit syncs the WAL, so a committed write survives not only a
/// killed process (which NORMAL already does in WAL mode) but also a power cut — this is the system operators reach
/// for when machines lose power, and its write rate (inventory edits, audit entries) makes the sync cost irrelevant.
/// </summary>
internal sealed class SqliteFleetStore : SqlFleetStore
{
    private const string ConnectionSetup = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeTurn = new(1, 1);

    public SqliteFleetStore(string connectionString, CredentialProtector protector, TimeProvider timeProvider, ILogger logger)
        : base(protector, timeProvider, logger)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException("the SQLite store needs a database file (Data Source=PATH), not an in-memory database", nameof(connectionString));
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
            var value = await connection.ExecuteScalarAsync<object>(
                new CommandDefinition($"PRAGMA {name}", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    protected override string MigrationSql(SchemaMigration migration) => migration.Sqlite;

    /// <summary>Nothing to add: a write transaction is <c>BEGIN IMMEDIATE</c>, which already holds the database's one write lock.</summary>
    protected override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override string InList(string column, string parameter) => $"{column} IN {parameter}";

    /// <summary>A deferred transaction: in WAL mode its first read fixes the snapshot, and it never blocks the writer.</summary>
    protected override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: true));

    /// <summary>Creates the file private to the service (mode 0600, copied by SQLite to its -wal and -shm files) and turns on WAL.</summary>
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        string? directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"the directory of the SQLite database {DatabasePath} does not exist; create it or set the data directory");
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
            string mode = await connection.ExecuteScalarAsync<string>(
                new CommandDefinition("PRAGMA journal_mode = WAL", cancellationToken: cancellationToken)).ConfigureAwait(false) ?? "";
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite refused WAL mode for {DatabasePath} (journal mode is '{mode}'); use a local file system, not a network share");
            }
        }

        StoreLog.Opened(Logger, ProviderName, DatabasePath);
    }

    protected override Task<int> InsertRowsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<StoreColumn> columns,
        string tail,
        IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken)
    {
        string names = string.Join(", ", columns.Select(c => c.Name));
        string values = string.Join(", ", columns.Select((_, i) => "$p" + i));
        return ForEachRowAsync(connection, transaction, $"INSERT INTO {table} ({names}) VALUES ({values}) {tail}", columns, rows, cancellationToken);
    }

    protected override Task<int> DeleteWhereInAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        string column,
        IReadOnlyList<string> values,
        CancellationToken cancellationToken) =>
        ForEachRowAsync(
            connection,
            transaction,
            $"DELETE FROM {table} WHERE {column} = $p0",
            [new StoreColumn(column, DbType.String)],
            [.. values.Select(v => new object?[] { v })],
            cancellationToken);

    /// <summary>One prepared statement run once per row: SQLite is in-process, so a row costs microseconds.</summary>
    private static Task<int> ForEachRowAsync(
        DbConnection connection,
        DbTransaction transaction,
        string sql,
        IReadOnlyList<StoreColumn> columns,
        IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return Task.FromResult(0);
        }

        using var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        var parameters = new SqliteParameter[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.Parameters.Add("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), columns[i].Type == DbType.String ? SqliteType.Text : SqliteType.Integer);
        }

        command.Prepare();
        int affected = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            if (r % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = rows[r];
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            affected += command.ExecuteNonQuery();
        }

        return Task.FromResult(affected);
    }

    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_writeTurn);
    }

    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeTurn.Dispose();
        Protector.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private SemaphoreSlim? _semaphore = semaphore;

        public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
    }
}
