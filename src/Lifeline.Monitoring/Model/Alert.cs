namespace Lifeline.Monitoring.Model;

public enum AlertState
{
    Firing,
    Acknowledged,
    Resolved,
}

/// <summary>
/// One alert: a rule's condition on one node (and subject: a sensor, an event kind). Its <see cref="Fingerprint"/>
/// (rule + node + subject) deduplicates: while an alert with that fingerprint is open, the condition firing again
/// only bumps <see cref="Occurrences"/> and <see cref="LastSeen"/>.
/// </summary>
public sealed record Alert
{
    public long Id { get; init; }
    public required string Fingerprint { get; init; }
    public required string Rule { get; init; }
    public required string Node { get; init; }
    /// <summary>The sensor, event kind or path the alert is about ("Fan3", "bmc", "primary"); null when the rule has none.</summary>
    public string? Subject { get; init; }
    public Severity Severity { get; init; }
    public AlertState State { get; init; }
    public required string Summary { get; init; }
    /// <summary>The evidence as JSON text (readings, window, slope, projected time to threshold, the event).</summary>
    public string? Evidence { get; init; }
    public DateTimeOffset FirstSeen { get; init; }
    public DateTimeOffset LastSeen { get; init; }
    public int Occurrences { get; init; } = 1;
    /// <summary>How often the condition cleared and came back while open (flap suppression counts these).</summary>
    public int Flaps { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    /// <summary>Who resolved it; "auto" when the condition cleared on its own.</summary>
    public string? ResolvedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Comment { get; init; }
}

/// <summary>An alert query.</summary>
public sealed record AlertQuery
{
    public IReadOnlyCollection<string>? Nodes { get; init; }
    /// <summary>Null = open ones (firing and acknowledged).</summary>
    public IReadOnlyCollection<AlertState>? States { get; init; }
    public Severity? MinSeverity { get; init; }
    public string? Rule { get; init; }
    public int Limit { get; init; } = 1000;
}

/// <summary>
/// A silence: alerts matching it are still recorded but notify nobody until <see cref="EndsAt"/>.
/// </summary>
/// <param name="Nodes">A noderange (evaluated when an alert fires, so a group's new members are covered); null = every node.</param>
/// <param name="Rule">A rule name; null = every rule.</param>
public sealed record Silence(long Id, string? Nodes, string? Rule, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy,
    string Comment, DateTimeOffset CreatedAt);
