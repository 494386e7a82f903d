using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Storage;

/// <summary>The monitoring store's log events (never a connection string's password).</summary>
internal static partial class MonitoringStoreLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Monitoring store: {Provider} at {Location}")]
    public static partial void Opened(ILogger logger, string provider, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitoring schema migrated to version {Version} ({Description})")]
    public static partial void Migrated(ILogger logger, int version, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitoring rollup wrote {Buckets} five-minute buckets up to {UpTo}")]
    public static partial void RolledUp(ILogger logger, int buckets, DateTimeOffset upTo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitoring prune deleted {Rows} rows")]
    public static partial void Pruned(ILogger logger, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} reported sensor {Sensor} twice in one poll; kept the first reading")]
    public static partial void DuplicateSensor(ILogger logger, string node, string sensor);
}
