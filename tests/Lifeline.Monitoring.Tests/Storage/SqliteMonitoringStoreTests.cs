using Lifeline.Monitoring.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifeline.Monitoring.Tests.Storage;

/// <summary>The store contract against SQLite (a new database file per test), and what only SQLite has.</summary>
public sealed class SqliteMonitoringStoreTests : MonitoringStoreContractTests
{
    private string? _database;

    protected override string? UnavailableReason => null;

    protected override MonitoringStorageProvider Provider => MonitoringStorageProvider.Sqlite;

    protected override Task<string> TestDatabaseAsync() => Task.FromResult(_database ??= $"Data Source={Path.Combine(NewDirectory(), "monitoring.db")}");

    protected override string FailingCursorTriggerSql => """
        CREATE TRIGGER fail_cursor_insert BEFORE INSERT ON mon_cursors WHEN NEW.state = 'boom' BEGIN SELECT RAISE(ABORT, 'cursor write failed'); END;
        CREATE TRIGGER fail_cursor_update BEFORE UPDATE ON mon_cursors WHEN NEW.state = 'boom' BEGIN SELECT RAISE(ABORT, 'cursor write failed'); END;
        """;

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task TheDefaultDatabaseIsAPrivateWalFileInAPrivateDataDirectory()
    {
        string data = Path.Combine(NewDirectory(), "data");
        var store = (SqliteMonitoringStore)await MonitoringStoreFactory.CreateAsync(
            new MonitoringStorageOptions { DataDirectory = data }, Clock, NullLoggerFactory.Instance, default);
        try
        {
            Assert.Equal(Path.GetFullPath(Path.Combine(data, "monitoring.db")), store.DatabasePath);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.DatabasePath));
            }

            Assert.Equal("wal", await store.PragmaAsync("journal_mode", default));
            Assert.Equal("8192", await store.PragmaAsync("page_size", default));
            Assert.Equal("2", await store.PragmaAsync("synchronous", default)); // FULL unless a sample write asks for less
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task AMissingDirectoryInAnExplicitConnectionStringIsAClearError()
    {
        string missing = Path.Combine(NewDirectory(), "nope", "monitoring.db");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => MonitoringStoreFactory.CreateAsync(
            new MonitoringStorageOptions { ConnectionString = $"Data Source={missing}" }, Clock, NullLoggerFactory.Instance, default));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInMemoryDatabaseIsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => MonitoringStoreFactory.CreateAsync(
            new MonitoringStorageOptions { ConnectionString = "Data Source=:memory:" }, Clock, NullLoggerFactory.Instance, default));
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringIsAClearError()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => MonitoringStoreFactory.CreateAsync(
            new MonitoringStorageOptions { Provider = MonitoringStorageProvider.Postgres }, Clock, NullLoggerFactory.Instance, default));

        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }
}
