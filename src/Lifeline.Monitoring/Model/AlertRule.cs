namespace Lifeline.Monitoring.Model;

/// <summary>What a rule watches.</summary>
public enum RuleKind
{
    /// <summary>A sensor past a value (<see cref="AlertRule.Above"/> / <see cref="AlertRule.Below"/>) or its BMC status.</summary>
    Threshold,
    /// <summary>A prediction of the trend detector (<see cref="AlertRule.Trend"/>).</summary>
    Trend,
    /// <summary>A stored event by severity and/or text.</summary>
    Event,
    /// <summary>A console pattern hit.</summary>
    Console,
    /// <summary>The management path or the primary path lost (<see cref="AlertRule.Path"/>).</summary>
    Reachability,
}

/// <summary>
/// An alert rule. Stored as JSON (snake_case), edited with <c>lifeline rules</c> and <c>/api/v1/rules</c>.
/// Unused fields are null.
/// </summary>
public sealed record AlertRule
{
    public required string Name { get; init; }
    public RuleKind Kind { get; init; }
    public Severity Severity { get; init; } = Severity.Warning;
    public bool Enabled { get; init; } = true;
    /// <summary>A noderange the rule applies to; null = every node.</summary>
    public string? Nodes { get; init; }
    public string? Description { get; init; }

    /// <summary>Threshold/trend: case-insensitive substring of the sensor name, or null for any.</summary>
    public string? Sensor { get; init; }
    /// <summary>Threshold/trend: the sensor type ("Fan", "Temperature"), or null for any.</summary>
    public string? SensorType { get; init; }
    /// <summary>Threshold: fire when the value is above this.</summary>
    public double? Above { get; init; }
    /// <summary>Threshold: fire when the value is below this.</summary>
    public double? Below { get; init; }
    /// <summary>Threshold: fire when the BMC's own status is at least this bad ("warning", "critical").</summary>
    public string? Status { get; init; }

    /// <summary>Trend: the detector's finding ("fan-falling", "temperature-rising", "memory-errors-rising", "psu-redundancy-lost", "sensor-stale"), or null for any.</summary>
    public string? Trend { get; init; }

    /// <summary>Event: the lowest event severity that fires.</summary>
    public Severity? EventSeverity { get; init; }
    /// <summary>Event/console: a regular expression over the message (event) or pattern name and line (console).</summary>
    public string? Match { get; init; }

    /// <summary>Reachability: "bmc" (management path lost) or "primary" (primary path lost while the BMC still answers).</summary>
    public string? Path { get; init; }

    /// <summary>How long the condition must hold before the alert fires (threshold, reachability); zero = at once.</summary>
    public TimeSpan For { get; init; }
    /// <summary>Channel names to notify; null = every configured channel.</summary>
    public IReadOnlyList<string>? Channels { get; init; }
}
