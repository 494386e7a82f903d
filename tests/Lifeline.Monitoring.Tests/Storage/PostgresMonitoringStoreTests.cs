using Lifeline.Fleet.Tests.Storage;
using Lifeline.Monitoring.Storage;
using Npgsql;

namespace Lifeline.Monitoring.Tests.Storage;

/// <summary>The store contract against a real PostgreSQL 15 server (one database for this class, emptied per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMonitoringStoreTests(PostgresServer server) : MonitoringStoreContractTests
{
    private static readonly string[] Tables =
        ["mon_nodes", "mon_sensors", "mon_state", "mon_samples", "mon_rollups", "mon_events", "mon_cursors", "mon_alerts", "mon_rules", "mon_silences", "mon_outbox"];

    protected override string? UnavailableReason => server.UnavailableReason;

    protected override MonitoringStorageProvider Provider => MonitoringStorageProvider.Postgres;

    protected override Task<string> TestDatabaseAsync() => server.DatabaseForAsync(GetType());

    protected override async Task ClearAsync(string connectionString)
    {
        await ExecuteAsync(connectionString, "DROP TRIGGER IF EXISTS fail_cursor ON mon_cursors; " +
            $"TRUNCATE {string.Join(", ", Tables)} RESTART IDENTITY");
    }

    protected override string FailingCursorTriggerSql => """
        CREATE OR REPLACE FUNCTION fail_cursor() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.state = 'boom' THEN RAISE EXCEPTION 'cursor write failed'; END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER fail_cursor BEFORE INSERT OR UPDATE ON mon_cursors FOR EACH ROW EXECUTE FUNCTION fail_cursor();
        """;

    protected override Task ExecuteSqlAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [SkippableFact]
    public async Task EveryMonitoringTableIsPrefixedMonAndTheSchemaVersionHasItsOwnTable()
    {
        SkipUnlessAvailable();
        string database = await server.CreateDatabaseAsync();
        await using (await MonitoringStoreFactory.CreateAsync(
            new MonitoringStorageOptions { Provider = MonitoringStorageProvider.Postgres, ConnectionString = database },
            Clock, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, default))
        {
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", connection);
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Equal([.. Tables.Append("mon_schema_version").Order(StringComparer.Ordinal)], names);
    }

    [SkippableFact]
    public async Task MigrationWaitsForTheMonitoringAdvisoryLock()
    {
        SkipUnlessAvailable();
        string database = await server.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresMonitoringStore.SchemaLockKey})", holder, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        var opening = MonitoringStoreFactory.CreateAsync(
            new MonitoringStorageOptions { Provider = MonitoringStorageProvider.Postgres, ConnectionString = database },
            Clock, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, default);
        await using (var observer = new NpgsqlConnection(database))
        {
            await observer.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", observer);
            var waited = Task.Run(async () =>
            {
                while ((long)(await query.ExecuteScalarAsync())! == 0)
                {
                    await Task.Yield();
                }
            });
            await waited.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.False(opening.IsCompleted, "the second server migrated while the first held the monitoring schema lock");
        await transaction.CommitAsync();
        await using var store = await opening.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, MonitoringSchema.Latest), await ((SqlMonitoringStore)store).SchemaVersionsAsync(default));
    }
}
