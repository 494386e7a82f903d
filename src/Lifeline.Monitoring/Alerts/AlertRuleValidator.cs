using System.Text.RegularExpressions;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

/// <summary>
/// Checks a rule before it is stored: the fields its kind needs, no fields it ignores, a regular expression that
/// compiles, a known trend and path, no negative durations. Each message says what to change.
/// </summary>
public static class AlertRuleValidator
{
    private static readonly string[] Statuses = ["warning", "critical", "non-recoverable"];
    private static readonly string[] Paths = ["bmc", "primary"];

    /// <summary>The problems of the rule; empty when it is valid.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="knownChannels">The configured channel names, to check <see cref="AlertRule.Channels"/>; null skips that check.</param>
    public static IReadOnlyList<string> Validate(AlertRule rule, IReadOnlyCollection<string>? knownChannels = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            errors.Add("name is required: give the rule a short name such as \"fan-slow\".");
        }
        else if (rule.Name.Length > 100 || rule.Name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add($"name \"{rule.Name}\" must be at most 100 characters without spaces: use letters, digits, '-', '_' or '.'.");
        }
        if (!Enum.IsDefined(rule.Kind))
        {
            errors.Add($"kind {(int)rule.Kind} is unknown: use threshold, trend, event, console or reachability.");
        }
        if (!Enum.IsDefined(rule.Severity))
        {
            errors.Add("severity is unknown: use info, warning or critical.");
        }
        if (rule.For < TimeSpan.Zero)
        {
            errors.Add($"for is negative ({rule.For}): give how long the condition must hold, e.g. \"00:02:00\", or zero to fire at once.");
        }
        if (rule.Channels is { } channels)
        {
            foreach (string? channel in channels)
            {
                if (string.IsNullOrWhiteSpace(channel))
                {
                    errors.Add("channels contains an empty name: list channel names, or leave channels out to notify every channel.");
                }
                else if (knownChannels is not null && !knownChannels.Contains(channel, StringComparer.Ordinal))
                {
                    errors.Add($"channel \"{channel}\" is not configured: use one of {string.Join(", ", knownChannels.Select(c => $"\"{c}\""))}.");
                }
            }
        }

        switch (rule.Kind)
        {
            case RuleKind.Threshold:
                if (rule.Above is null && rule.Below is null && rule.Status is null)
                {
                    errors.Add("a threshold rule needs above, below or status: say which value (or BMC status) fires it.");
                }
                if (rule.Above is double a && !double.IsFinite(a) || rule.Below is double b && !double.IsFinite(b))
                {
                    errors.Add("above and below must be finite numbers.");
                }
                if (rule.Status is { } status && !Statuses.Contains(status, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"status \"{status}\" is unknown: use \"warning\", \"critical\" or \"non-recoverable\".");
                }
                break;
            case RuleKind.Trend:
                if (rule.Trend is { } trend && !TrendNames.All.Contains(trend, StringComparer.Ordinal))
                {
                    errors.Add($"trend \"{trend}\" is unknown: use one of {string.Join(", ", TrendNames.All)}, or leave it out for any trend.");
                }
                break;
            case RuleKind.Event:
                if (rule.EventSeverity is null && rule.Match is null)
                {
                    errors.Add("an event rule needs event_severity or match: say which events fire it.");
                }
                break;
            case RuleKind.Reachability:
                if (rule.Path is null || !Paths.Contains(rule.Path, StringComparer.Ordinal))
                {
                    errors.Add($"a reachability rule needs path \"bmc\" (management path lost) or \"primary\" (primary path lost while the BMC answers){(rule.Path is null ? "" : $", not \"{rule.Path}\"")}.");
                }
                break;
            default:
                break;
        }

        Unused(errors, rule, rule.Kind is RuleKind.Threshold or RuleKind.Trend, rule.Sensor, "sensor", "threshold and trend");
        Unused(errors, rule, rule.Kind is RuleKind.Threshold or RuleKind.Trend, rule.SensorType, "sensor_type", "threshold and trend");
        Unused(errors, rule, rule.Kind is RuleKind.Threshold, rule.Above, "above", "threshold");
        Unused(errors, rule, rule.Kind is RuleKind.Threshold, rule.Below, "below", "threshold");
        Unused(errors, rule, rule.Kind is RuleKind.Threshold, rule.Status, "status", "threshold");
        Unused(errors, rule, rule.Kind is RuleKind.Trend, rule.Trend, "trend", "trend");
        Unused(errors, rule, rule.Kind is RuleKind.Event, rule.EventSeverity, "event_severity", "event");
        Unused(errors, rule, rule.Kind is RuleKind.Event or RuleKind.Console, rule.Match, "match", "event and console");
        Unused(errors, rule, rule.Kind is RuleKind.Reachability, rule.Path, "path", "reachability");
        if (rule.For > TimeSpan.Zero && rule.Kind is RuleKind.Event or RuleKind.Console)
        {
            errors.Add("for applies to conditions that last (threshold, trend, reachability); an event or console hit fires at once: remove for.");
        }

        if (rule.Match is { } match)
        {
            try
            {
                RuleRegex.Compile(match);
            }
            catch (ArgumentException e)
            {
                string why = e is RegexParseException p ? $"{p.Error} at offset {p.Offset}" : e.Message;
                errors.Add($"match \"{match}\" is not a valid regular expression ({why}): fix it, or escape special characters with '\\'.");
            }
        }
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the rule is invalid.</summary>
    public static void EnsureValid(AlertRule rule, IReadOnlyCollection<string>? knownChannels = null)
    {
        var errors = Validate(rule, knownChannels);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"rule \"{rule.Name}\" is invalid: {string.Join(" ", errors)}", nameof(rule));
        }
    }

    private static void Unused<T>(List<string> errors, AlertRule rule, bool applies, T? value, string field, string kinds)
    {
        if (!applies && value is not null)
        {
            errors.Add($"{field} applies to {kinds} rules only, not to a {rule.Kind.ToString().ToLowerInvariant()} rule: remove it.");
        }
    }
}
