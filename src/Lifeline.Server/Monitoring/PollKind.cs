namespace Lifeline.Server.Monitoring;

/// <summary>What one scheduled poll of a node does.</summary>
internal enum PollKind
{
    /// <summary>Read every sensor (through the node's grain: warm session, SDR cached, per-BMC gate).</summary>
    Sensors,
    /// <summary>Read the event log from the stored cursor (one Get SEL Info when nothing is new).</summary>
    Events,
    /// <summary>Probe the primary (in-band) path: a TCP handshake with the node's in-band address.</summary>
    Primary,
}
