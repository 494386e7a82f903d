using System.Text.Json.Serialization;

namespace Lifeline.Cli.Fleet;

// The monitoring answers and bodies the CLI reads and sends (/api/v1/monitoring, /alerts, /silences, /rules), in
// FleetJson's shape. Enumerations stay strings here: a newer service may add a value, and the CLI shows it as it is.

/// <summary><c>GET /monitoring/health</c>.</summary>
public sealed record MonitorHealthAnswer(MonitorHealthSummary Summary, IReadOnlyList<MonitorHealthRollup> Rollup, IReadOnlyList<MonitorNodeHealth> Nodes);

/// <summary>How many nodes are at each level.</summary>
public sealed record MonitorHealthSummary(int Ok, int Warning, int Critical, int Unknown, int OutOfBandOnly);

/// <summary>One group's or site's counts.</summary>
public sealed record MonitorHealthRollup(string Kind, string Name, int Ok, int Warning, int Critical, int Unknown);

/// <summary>One node in the monitor's view: its level, both paths and the reasons.</summary>
public sealed record MonitorNodeHealth(
    string Node, string Health, DateTimeOffset? CheckedAt, string Bmc, string Primary, bool OutOfBandOnly, IReadOnlyList<MonitorHealthReason>? Reasons);

/// <summary>Why a node is not ok.</summary>
public sealed record MonitorHealthReason(string Severity, string Source, string? Subject, string Message);

/// <summary>One sensor's history (<c>GET /monitoring/sensors/history</c>).</summary>
public sealed record SensorSeriesItem(string Node, string Sensor, string? Type, string? Unit, string? Resolution, IReadOnlyList<SeriesPointItem> Points);

/// <summary>One point of a series; <see cref="Count"/> 0 is a gap (the poll failed).</summary>
public sealed record SeriesPointItem(DateTimeOffset Time, double? Min, double? Avg, double? Max, int Count);

/// <summary>A stored event (<c>GET /monitoring/events</c>).</summary>
public sealed record MonitoredEventItem(
    long Id, string Node, DateTimeOffset Time, string Severity, string Source, string Message, string? Sensor, string? Kind, string? Raw, DateTimeOffset? ReceivedAt);

/// <summary>An alert (<c>GET /alerts</c>); <see cref="Evidence"/> is JSON text.</summary>
public sealed record AlertItem(
    long Id,
    string Fingerprint,
    string Rule,
    string Node,
    string? Subject,
    string Severity,
    string State,
    string Summary,
    string? Evidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Occurrences,
    int Flaps,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? Comment);

/// <summary><c>POST /alerts/{id}/ack</c> and <c>/resolve</c>.</summary>
public sealed record AlertCommentBody(string? Comment);

/// <summary>A silence (<c>GET /silences</c>).</summary>
public sealed record SilenceItem(long Id, string? Nodes, string? Rule, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string? Comment, DateTimeOffset CreatedAt);

/// <summary><c>POST /silences</c>: a duration or an end time, never both.</summary>
public sealed record SilenceBody(
    string? Noderange,
    string? Rule,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Duration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndsAt,
    string Comment);

/// <summary>An alert rule as listed (<c>GET /rules</c>); unused fields are null.</summary>
public sealed record RuleItem(
    string Name,
    string Kind,
    string Severity,
    bool Enabled,
    string? Nodes,
    string? Description,
    string? Sensor,
    string? SensorType,
    double? Above,
    double? Below,
    string? Status,
    string? Trend,
    string? EventSeverity,
    string? Match,
    string? Path,
    string? For,
    IReadOnlyList<string>? Channels,
    bool Builtin);
