namespace Lifeline.Monitoring.Model;

/// <summary>
/// The one severity scale of monitoring: events from every source (IPMI SEL, Redfish logs and pushes, console
/// patterns, the monitor's own findings), predictions, health and alerts are normalised onto it.
/// </summary>
public enum Severity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}

/// <summary>Where an event came from (<see cref="MonitoredEvent.Source"/>).</summary>
public static class EventSources
{
    /// <summary>An IPMI System Event Log record (IPMI v2.0 §31/§32).</summary>
    public const string Sel = "sel";

    /// <summary>A Redfish log entry (LogService) or a pushed event (SSE / subscription).</summary>
    public const string Redfish = "redfish";

    /// <summary>A console pattern hit (kernel panic, MCE, …).</summary>
    public const string Console = "console";

    /// <summary>The monitor's own finding: SEL cleared or overflowing, BMC or primary path lost/back, data gap.</summary>
    public const string Monitor = "monitor";
}
