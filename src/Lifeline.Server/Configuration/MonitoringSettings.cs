using Lifeline.Monitoring.Model;

namespace Lifeline.Server.Configuration;

/// <summary>
/// <c>Lifeline:Monitoring</c>: what the service polls and how often, how long it keeps history, and the storage of
/// monitoring data. Notification channels are <c>Lifeline:Monitoring:Channels:NAME</c> (docs/alerts.md).
/// </summary>
public sealed class MonitoringSettings
{
    /// <summary>Off: no polling, no history, no alerts (the API answers 503 for them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every node's sensors are read this often (each node at its own phase, spread over the interval).</summary>
    public TimeSpan SensorInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Every node's event log is read this often (incrementally: one Get SEL Info when nothing is new).</summary>
    public TimeSpan EventInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The primary (in-band) path of nodes with an in-band address is probed this often.</summary>
    public TimeSpan PrimaryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each poll comes up to this fraction of its interval early, so nodes never fall into step; never late, so
    /// an event is read within one interval.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>Polls in flight at once on this server (all nodes); per BMC, Fleet:MaxRequestsPerBmc still applies.</summary>
    public int MaxConcurrentPolls { get; set; } = 256;

    /// <summary>The TCP port probed on the in-band address when it names none (22: SSH answers on most servers).</summary>
    public int PrimaryPort { get; set; } = 22;

    /// <summary>How long a primary-path probe waits for the TCP handshake.</summary>
    public TimeSpan PrimaryTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Follow Redfish BMCs' event streams (SSE) so events arrive within a second; polling still reconciles.</summary>
    public bool RedfishPush { get; set; } = true;

    /// <summary>The name channels give as the sender.</summary>
    public string ServiceName { get; set; } = "lifeline";

    /// <summary>Where monitoring data lives: <c>sqlite</c> (default, <c>DATA/monitoring.db</c>) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>PostgreSQL connection string (required for <c>postgres</c>); for SQLite an optional Microsoft.Data.Sqlite string.</summary>
    public string? ConnectionString { get; set; }

    public TimeSpan RawRetention { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan RollupRetention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(365);

    public RetentionPolicy Retention => new()
    {
        Raw = RawRetention,
        FiveMinutes = RollupRetention,
        Events = EventRetention,
    };
}
