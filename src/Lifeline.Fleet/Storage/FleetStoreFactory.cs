using Microsoft.Extensions.Logging;

namespace Lifeline.Fleet.Storage;

/// <summary>Opens the configured store: loads (or creates) the credential key, connects, migrates the schema.</summary>
public static class FleetStoreFactory
{
    /// <summary>
    /// A store that is migrated and ready. It is also <see cref="IAsyncDisposable"/>: dispose it at shutdown (it
    /// releases its connections and wipes the key from memory).
    /// </summary>
    /// <exception cref="SecretKeyException">The credential key is unusable (the message says how to fix it).</exception>
    /// <exception cref="ArgumentException">The options are incomplete (PostgreSQL without a connection string).</exception>
    public static async Task<IFleetStore> CreateAsync(
        StorageOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("Lifeline.Fleet.Storage");

        bool sqliteDefault = options.Provider == StorageProvider.Sqlite && string.IsNullOrEmpty(options.ConnectionString);
        if (options.Provider == StorageProvider.Postgres && string.IsNullOrEmpty(options.ConnectionString))
        {
            throw new ArgumentException(
                "PostgreSQL storage needs a connection string (Host=…;Database=…;Username=…); keep its password in the configuration file or PGPASSWORD",
                nameof(options));
        }

        if (sqliteDefault || options.SecretKeyFile is null)
        {
            CreatePrivateDirectory(options.DataDirectory);
        }

        var protector = CredentialProtector.Load(options, logger);
        SqlFleetStore store;
        try
        {
            store = options.Provider switch
            {
                StorageProvider.Postgres => new PostgresFleetStore(options.ConnectionString!, protector, timeProvider, logger),
                _ => new SqliteFleetStore(
                    sqliteDefault ? $"Data Source={options.DefaultDatabasePath}" : options.ConnectionString!,
                    protector,
                    timeProvider,
                    logger),
            };
        }
        catch
        {
            protector.Dispose();
            throw;
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
