using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

/// <summary>
/// The rules every installation has unless a stored rule of the same name replaces them: fans and temperatures past
/// their critical thresholds, every trend, critical events, console panics and machine checks, BMC lost, and primary
/// path lost while the BMC still answers.
/// </summary>
public static class DefaultRules
{
    public static AlertRule FanCritical { get; } = new()
    {
        Name = "fan-critical", Kind = RuleKind.Threshold, SensorType = "Fan", Status = "critical", Severity = Severity.Critical,
        Description = "A fan is past its critical threshold (the BMC's own status).",
    };

    public static AlertRule TemperatureCritical { get; } = new()
    {
        Name = "temperature-critical", Kind = RuleKind.Threshold, SensorType = "Temperature", Status = "critical", Severity = Severity.Critical,
        Description = "A temperature is past its critical threshold (the BMC's own status).",
    };

    public static AlertRule CriticalEvent { get; } = new()
    {
        Name = "critical-event", Kind = RuleKind.Event, EventSeverity = Severity.Critical, Severity = Severity.Critical,
        Description = "The BMC logged a critical event.",
    };

    public static AlertRule ConsolePanic { get; } = new()
    {
        Name = "console-panic", Kind = RuleKind.Console, Severity = Severity.Critical,
        Match = @"(?i)(kernel panic|panic|machine check|\bmce\b|hardware error|oops)",
        Description = "The console showed a kernel panic or a machine check.",
    };

    public static AlertRule BmcLost { get; } = new()
    {
        Name = "bmc-lost", Kind = RuleKind.Reachability, Path = "bmc", For = TimeSpan.FromMinutes(2), Severity = Severity.Warning,
        Description = "The BMC has not answered for two minutes: the node cannot be managed out of band.",
    };

    public static AlertRule PrimaryLost { get; } = new()
    {
        Name = "primary-lost", Kind = RuleKind.Reachability, Path = "primary", For = TimeSpan.FromMinutes(1), Severity = Severity.Critical,
        Description = "The host stopped answering on its primary path while its BMC still answers (crash, hang, network).",
    };

    /// <summary>One trend rule per finding ("trend-fan-falling", …); warning, raised to critical with the prediction.</summary>
    public static IReadOnlyList<AlertRule> Trends { get; } = TrendNames.All.Select(t => new AlertRule
    {
        Name = $"trend-{t}", Kind = RuleKind.Trend, Trend = t, Severity = Severity.Warning,
        Description = $"The trend detector predicts trouble: {t}.",
    }).ToList();

    public static IReadOnlyList<AlertRule> All { get; } =
        [FanCritical, TemperatureCritical, .. Trends, CriticalEvent, ConsolePanic, BmcLost, PrimaryLost];
}
