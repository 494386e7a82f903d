using Lifeline.Fleet.Storage;
using Npgsql;
using Xunit.Abstractions;

namespace Lifeline.Fleet.Tests.Storage;

/// <summary>The store contract against a real PostgreSQL 15 server (one database for this class, emptied per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFleetStoreTests(PostgresServer server, ITestOutputHelper output) : FleetStoreContractTests(output)
{
    protected override string? UnavailableReason => server.UnavailableReason;

    protected override StorageProvider Provider => StorageProvider.Postgres;

    protected override Task<string> TestDatabaseAsync() => server.DatabaseForAsync(GetType());

    protected override Task<string> FreshDatabaseAsync() => server.CreateDatabaseAsync();

    protected override async Task ClearAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "TRUNCATE nodes, node_groups, groups, credentials, users, tokens, audit RESTART IDENTITY", connection);
        await command.ExecuteNonQueryAsync();
    }

    [SkippableFact]
    public async Task MigrationHoldsTheAdvisoryLockSoAnotherServerWaits()
    {
        SkipUnlessAvailable();
        string database = await FreshDatabaseAsync();
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresFleetStore.SchemaLockKey})", holder, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        var opening = OpenStoreAsync(database, NewDirectory());
        await WaitForAdvisoryLockWaiterAsync(database).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(opening.IsCompleted, "the second server migrated while the first held the schema lock");
        await transaction.CommitAsync();
        var store = await opening.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(1, SchemaMigrations.Latest), await store.SchemaVersionsAsync(default));
    }

    /// <summary>Returns once some session waits for an advisory lock (the migration blocked behind ours).</summary>
    private static async Task WaitForAdvisoryLockWaiterAsync(string database)
    {
        await using var observer = new NpgsqlConnection(database);
        await observer.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", observer);
        while ((long)(await query.ExecuteScalarAsync())! == 0)
        {
            await Task.Yield();
        }
    }
}
