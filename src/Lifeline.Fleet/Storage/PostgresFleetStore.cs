using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lifeline.Fleet.Storage;

/// <summary>
/// The store in a PostgreSQL database, which several Lifeline servers may share: pooled connections from one
/// <see cref="NpgsqlDataSource"/>, PostgreSQL's own row locking for concurrent writers, and a transaction-scoped
/// advisory lock so servers starting together migrate the schema one after the other.
/// </summary>
internal sealed class PostgresFleetStore : SqlFleetStore
{
    /// <summary>The advisory lock key of schema migrations: "LifeLine" in ASCII.</summary>
    internal const long SchemaLockKey = 0x4C6966654C696E65;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresFleetStore(string connectionString, CredentialProtector protector, TimeProvider timeProvider, ILogger logger)
        : base(protector, timeProvider, logger)
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

    protected override string MigrationSql(SchemaMigration migration) => migration.Postgres;

    protected override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command("SELECT pg_advisory_xact_lock(@key)", new { key = SchemaLockKey }, transaction, cancellationToken));

    /// <summary>Npgsql sends a .NET array as one array parameter (Dapper does not expand it), so: <c>= ANY(@list)</c>.</summary>
    protected override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    protected override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    /// <summary>One statement over one array per column (<c>unnest</c>): a single round trip for any number of rows.</summary>
    protected override async Task<int> InsertRowsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<StoreColumn> columns,
        string tail,
        IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand { Connection = (NpgsqlConnection)connection, Transaction = (NpgsqlTransaction)transaction };
        var arrays = new List<string>();
        for (int i = 0; i < columns.Count; i++)
        {
            int column = i;
            (object values, string type) = columns[i].Type switch
            {
                DbType.Int32 => ((object)rows.Select(r => (int?)r[column]).ToArray(), "integer[]"),
                DbType.Int64 => (rows.Select(r => (long?)r[column]).ToArray(), "bigint[]"),
                _ => (rows.Select(r => (string?)r[column]).ToArray(), "text[]"),
            };
            command.Parameters.Add(new NpgsqlParameter { Value = values });
            arrays.Add($"${i + 1}::{type}");
        }

        command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) " +
            $"SELECT * FROM unnest({string.Join(", ", arrays)}) {tail}";
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<int> DeleteWhereInAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        string column,
        IReadOnlyList<string> values,
        CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(
            $"DELETE FROM {table} WHERE {column} = ANY($1)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = values.ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        StoreLog.Opened(Logger, ProviderName, Location);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        Protector.Dispose();
    }
}
