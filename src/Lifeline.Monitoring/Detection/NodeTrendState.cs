using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

/// <summary>Everything the detector knows about one node; guarded by locking the instance.</summary>
internal sealed class NodeTrendState
{
    public Dictionary<string, SensorTrack> Sensors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, MemoryErrorLog> Memory { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Trend, string Subject), Prediction> Active { get; } = [];
    /// <summary>PSU problems reported by events (subject → when), cleared by a deassertion or a healthy reading.</summary>
    public Dictionary<string, (DateTimeOffset Time, string Kind, string Message)> PsuEvents { get; } = new(StringComparer.Ordinal);
    public NodePowerState Power { get; set; }
    public DateTimeOffset SettleUntil { get; set; } = DateTimeOffset.MinValue;
    public string? PowerSensor { get; set; }
    public DateTimeOffset? LastSnapshot { get; set; }
}
