using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

/// <summary>What flap suppression remembers of one fingerprint: its last auto-resolved alert, recent reopenings, and what was last told.</summary>
internal sealed class FlapState
{
    /// <summary>The alert as it was auto-resolved (reopened when it fires again within the flap window).</summary>
    public Alert? Resolved { get; set; }
    public List<DateTimeOffset> Reopened { get; } = [];
    public DateTimeOffset LastChange { get; set; }
    /// <summary>Notifications are held (flapping) until it is stable.</summary>
    public bool Held { get; set; }
    /// <summary>The last transition channels were told about (null = none).</summary>
    public AlertTransition? LastNotified { get; set; }
}
