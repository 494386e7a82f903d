using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

/// <summary>Where monitoring data lives.</summary>
public sealed record MonitoringStorageOptions
{
    /// <summary>The SQLite file name inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultDatabaseFileName = "monitoring.db";

    public MonitoringStorageProvider Provider { get; init; } = MonitoringStorageProvider.Sqlite;

    /// <summary>
    /// For SQLite a Microsoft.Data.Sqlite connection string (null = <c>{DataDirectory}/monitoring.db</c>); for
    /// PostgreSQL an Npgsql connection string (required; keep its password in a configuration file or <c>PGPASSWORD</c>).
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>Holds the default SQLite file; created (mode 0700) when missing.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>
    /// The retention the service prunes with; the store uses <see cref="RetentionPolicy.Raw"/> to decide whether
    /// <see cref="SeriesResolution.Auto"/> reads raw samples or the 5-minute tier.
    /// </summary>
    public RetentionPolicy Retention { get; init; } = new();

    /// <summary>The SQLite file path used when no connection string is given.</summary>
    public string DefaultDatabasePath => Path.Combine(DataDirectory, DefaultDatabaseFileName);
}
