namespace Lifeline.Server.Configuration;

/// <summary>The <c>Lifeline:Metrics</c> section: the Prometheus endpoint <c>GET /metrics</c>.</summary>
public sealed class MetricsSettings
{
    /// <summary>
    /// Serve <c>/metrics</c> without authentication (default false: a Bearer token of a viewer over <c>*</c> is needed).
    /// The metrics name every node and its power, health and reachability; turn this on only where the listen address
    /// is reachable by trusted scrapers alone.
    /// </summary>
    public bool Anonymous { get; set; }
}
