namespace Lifeline.Monitoring.Detection;

/// <summary>Whether a node's main power is on, as its sensors (or power events) show it.</summary>
public enum NodePowerState
{
    Unknown,
    On,
    Off,
}
