using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Lifeline.Fleet.Tests.Storage;

/// <summary>The store contract against SQLite (a new database file per test), and what only SQLite has.</summary>
public sealed class SqliteFleetStoreTests(ITestOutputHelper output) : FleetStoreContractTests(output)
{
    protected override string? UnavailableReason => null;

    protected override StorageProvider Provider => StorageProvider.Sqlite;

    protected override Task<string> TestDatabaseAsync() => Task.FromResult(_database ??= FreshDatabase());

    protected override Task<string> FreshDatabaseAsync() => Task.FromResult(FreshDatabase());

    private string? _database;

    private string FreshDatabase() => $"Data Source={Path.Combine(NewDirectory(), "test.db")}";

    [Fact]
    public async Task TheDefaultDatabaseIsAPrivateWalFileInTheDataDirectory()
    {
        string data = Path.Combine(NewDirectory(), "data");
        var store = (SqliteFleetStore)await FleetStoreFactory.CreateAsync(
            new StorageOptions { DataDirectory = data, SecretKeyEnvironmentVariable = "LIFELINE_TEST_UNSET_" + Guid.NewGuid().ToString("N") },
            Clock,
            NullLoggerFactory.Instance,
            default);
        try
        {
            Assert.Equal(Path.GetFullPath(Path.Combine(data, "lifeline.db")), store.DatabasePath);
            Assert.True(File.Exists(Path.Combine(data, "secret.key")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.DatabasePath));
            }

            await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryConnectionSyncsCommitsEnforcesForeignKeysAndWaitsForTheWriteLock()
    {
        var store = (SqliteFleetStore)Store;

        Assert.Equal("2", await store.PragmaAsync("synchronous", default)); // FULL
        Assert.Equal("1", await store.PragmaAsync("foreign_keys", default));
        Assert.Equal("30000", await store.PragmaAsync("busy_timeout", default));
        Assert.Equal("wal", await store.PragmaAsync("journal_mode", default));
    }

    /// <summary>
    /// A process killed with SIGKILL leaves exactly its files behind. Copying the database and its WAL while the store
    /// is still open is that state: a commit must already be there, not in the process's memory.
    /// </summary>
    [Fact]
    public async Task ACommittedWriteIsInTheFilesBeforeTheProcessEnds()
    {
        string path = new SqliteConnectionStringBuilder(await TestDatabaseAsync()).DataSource;
        await Store.UpsertNodesAsync([new NodeDefinition { Name = "survivor" }], default);
        long id = await Store.AppendAuditAsync(new Security.AuditEntry
        {
            Actor = "alice", Source = "local", Action = "power.off", Outcome = "ok", Time = Clock.GetUtcNow(),
        }, default);

        string copy = Path.Combine(NewDirectory(), "copy.db");
        File.Copy(path, copy);
        if (File.Exists(path + "-wal"))
        {
            File.Copy(path + "-wal", copy + "-wal");
        }

        var reopened = await OpenStoreAsync($"Data Source={copy}", NewDirectory());
        Assert.NotNull(await reopened.GetNodeAsync("survivor", default));
        Assert.Equal(id, Assert.Single(await reopened.QueryAuditAsync(new Security.AuditQuery(), default)).Id);
    }

    [Fact]
    public async Task AnInMemoryDatabaseIsRefusedWithAReason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => FleetStoreFactory.CreateAsync(
            new StorageOptions { ConnectionString = "Data Source=:memory:", DataDirectory = NewDirectory() },
            Clock,
            NullLoggerFactory.Instance,
            default));

        Assert.Contains("file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringIsRefusedWithAReason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => FleetStoreFactory.CreateAsync(
            new StorageOptions { Provider = StorageProvider.Postgres, DataDirectory = NewDirectory() },
            Clock,
            NullLoggerFactory.Instance,
            default));

        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentWritersOfOneFileAllSucceed()
    {
        string database = await TestDatabaseAsync();
        var second = await OpenStoreAsync(database, NewDirectory());
        var writes = Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? Store : second).AppendAuditAsync(new Security.AuditEntry
        {
            Actor = $"user{i}", Source = "local", Action = "test.write", Outcome = "ok", Time = Clock.GetUtcNow(),
        }, default));

        var ids = await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(100, (await Store.QueryAuditAsync(new Security.AuditQuery(Limit: 1000), default)).Count);
    }
}
