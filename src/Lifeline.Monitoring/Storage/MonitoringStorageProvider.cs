namespace Lifeline.Monitoring.Storage;

/// <summary>Which database holds monitoring data.</summary>
public enum MonitoringStorageProvider
{
    /// <summary>A SQLite file (<c>{DataDirectory}/monitoring.db</c> by default).</summary>
    Sqlite,

    /// <summary>Tables prefixed <c>mon_</c> in a PostgreSQL database (usually the fleet's).</summary>
    Postgres,
}
