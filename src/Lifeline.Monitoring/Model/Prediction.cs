namespace Lifeline.Monitoring.Model;

/// <summary>
/// A trend detector's finding: something is heading for failure before any threshold trips. It states its evidence.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Trend">"fan-falling", "temperature-rising", "memory-errors-rising", "psu-redundancy-lost", "sensor-stale".</param>
/// <param name="Subject">The sensor (or event kind) it concerns.</param>
/// <param name="Severity">Warning, or critical when the projected time to the threshold is short.</param>
/// <param name="Summary">One line for people ("Fan3 falling 95 RPM/min; lower critical 1000 RPM in ~42 min").</param>
/// <param name="Evidence">Window, samples, slope, fit, current value, threshold, projected time.</param>
public sealed record Prediction(string Node, string Trend, string Subject, Severity Severity, string Summary, PredictionEvidence Evidence, DateTimeOffset Time);

/// <param name="Window">The span of samples the fit used.</param>
/// <param name="Samples">How many samples (or events) the fit used.</param>
/// <param name="Slope">Units per minute (events per hour for error rates).</param>
/// <param name="RSquared">Goodness of the linear fit, 0..1; null where no fit applies.</param>
/// <param name="Current">The latest value (or rate).</param>
/// <param name="Threshold">The threshold it heads for, and which one ("lower critical").</param>
/// <param name="TimeToThreshold">Projected time until the threshold is crossed; null when not projected.</param>
public sealed record PredictionEvidence(TimeSpan Window, int Samples, double? Slope, double? RSquared, double? Current, double? Threshold,
    string? ThresholdName, TimeSpan? TimeToThreshold, string? Unit);

/// <summary>A node's health with the reasons that made it so.</summary>
/// <param name="Health">"ok", "warning", "critical" or "unknown" (never polled, or the last polls failed).</param>
/// <param name="Reasons">Why, worst first: sensors past thresholds, recent events, predictions, open alerts, reachability.</param>
public sealed record NodeHealth(string Node, string Health, IReadOnlyList<HealthReason> Reasons, DateTimeOffset? CheckedAt);

/// <param name="Source">"sensor", "event", "prediction", "alert", "reachability".</param>
/// <param name="Subject">The sensor, event id, trend, path.</param>
public sealed record HealthReason(Severity Severity, string Source, string Subject, string Message);
