using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Storage;

/// <summary>Opens the configured monitoring store: connects and migrates its schema.</summary>
public static class MonitoringStoreFactory
{
    /// <summary>A store that is migrated and ready, on the system clock. Dispose it at shutdown.</summary>
    /// <exception cref="ArgumentException">The options are incomplete (PostgreSQL without a connection string).</exception>
    public static Task<IMonitoringStore> CreateAsync(MonitoringStorageOptions options, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        CreateAsync(options, TimeProvider.System, loggers, cancellationToken);

    /// <summary>
    /// A store that is migrated and ready. <paramref name="timeProvider"/> stamps when events are received and decides
    /// what <see cref="Model.SeriesResolution.Auto"/> reads.
    /// </summary>
    public static async Task<IMonitoringStore> CreateAsync(
        MonitoringStorageOptions options, TimeProvider timeProvider, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(options.Retention);
        var logger = loggers.CreateLogger("Lifeline.Monitoring.Storage");

        SqlMonitoringStore store;
        if (options.Provider == MonitoringStorageProvider.Postgres)
        {
            if (string.IsNullOrEmpty(options.ConnectionString))
            {
                throw new ArgumentException(
                    "PostgreSQL monitoring storage needs a connection string (Host=…;Database=…;Username=…); keep its password in the configuration file or PGPASSWORD",
                    nameof(options));
            }

            store = new PostgresMonitoringStore(options.ConnectionString, options, timeProvider, logger);
        }
        else if (options.Provider == MonitoringStorageProvider.Sqlite)
        {
            if (string.IsNullOrEmpty(options.ConnectionString))
            {
                CreatePrivateDirectory(options.DataDirectory);
            }

            store = new SqliteMonitoringStore(
                string.IsNullOrEmpty(options.ConnectionString) ? $"Data Source={options.DefaultDatabasePath}" : options.ConnectionString,
                options,
                timeProvider,
                logger);
        }
        else
        {
            throw new ArgumentException($"unknown monitoring storage provider {options.Provider}; use sqlite or postgres", nameof(options));
        }

        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
