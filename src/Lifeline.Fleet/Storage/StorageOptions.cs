namespace Lifeline.Fleet.Storage;

/// <summary>Where the fleet store keeps its data and where the credential key comes from.</summary>
public sealed record StorageOptions
{
    /// <summary>The default <see cref="SecretKeyEnvironmentVariable"/>.</summary>
    public const string DefaultSecretKeyEnvironmentVariable = "LIFELINE_SECRET_KEY";

    /// <summary>The SQLite file name inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultDatabaseFileName = "lifeline.db";

    /// <summary>The key file name inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultSecretKeyFileName = "secret.key";

    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>
    /// The database: for SQLite a Microsoft.Data.Sqlite connection string (null = <c>{DataDirectory}/lifeline.db</c>);
    /// for PostgreSQL an Npgsql connection string (required; keep its password out of command lines, e.g. in a
    /// configuration file or <c>PGPASSWORD</c>).
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>Holds the SQLite file and the generated key file; created (mode 0700) when missing.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The credential key file (null = <c>{DataDirectory}/secret.key</c>); used when the environment variable is unset.</summary>
    public string? SecretKeyFile { get; init; }

    /// <summary>The environment variable that may hold the key (base64 of 32 bytes); it wins over the file.</summary>
    public string SecretKeyEnvironmentVariable { get; init; } = DefaultSecretKeyEnvironmentVariable;

    /// <summary>The key file path in effect.</summary>
    public string ResolvedSecretKeyFile => SecretKeyFile ?? Path.Combine(DataDirectory, DefaultSecretKeyFileName);

    /// <summary>The SQLite file path used when no connection string is given.</summary>
    public string DefaultDatabasePath => Path.Combine(DataDirectory, DefaultDatabaseFileName);
}
