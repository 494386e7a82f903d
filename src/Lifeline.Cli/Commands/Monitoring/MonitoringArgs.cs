using System.Globalization;
using Lifeline.Cli.Commands.Fleet;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary>
/// The argument forms the monitoring commands share: durations (<c>90s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>, <c>1w</c>),
/// "since" values (a duration back from now or a time), and the fixed word lists of the API.
/// </summary>
public static class MonitoringArgs
{
    /// <summary>Event and alert severities, mildest first.</summary>
    public static readonly string[] Severities = ["info", "warning", "critical"];

    /// <summary>Event sources.</summary>
    public static readonly string[] Sources = ["sel", "redfish", "console", "monitor"];

    /// <summary>Alert states to list.</summary>
    public static readonly string[] AlertStates = ["open", "firing", "acknowledged", "resolved", "all"];

    /// <summary>Sensor history resolutions.</summary>
    public static readonly string[] Resolutions = ["auto", "raw", "5m"];

    /// <summary>Rule kinds.</summary>
    public static readonly string[] RuleKinds = ["threshold", "trend", "event", "console", "reachability"];

    /// <summary>
    /// A duration: a positive number and one unit, s, m, h, d or w (<c>90s</c>, <c>1.5h</c>).
    /// </summary>
    /// <exception cref="UsageException">Anything else, with the forms that work.</exception>
    public static TimeSpan ParseDuration(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParseDuration(text, out var span))
        {
            return span;
        }

        throw new UsageException($"{option} '{text}': expected a duration such as 90s, 15m, 1h, 7d or 1w");
    }

    /// <summary>True when <paramref name="text"/> is a duration (see <see cref="ParseDuration"/>).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        string t = text.Trim();
        if (t.Length < 2 || !char.IsAsciiLetter(t[^1])
            || !double.TryParse(t[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount) || !(amount > 0))
        {
            return false;
        }

        double? seconds = char.ToLowerInvariant(t[^1]) switch
        {
            's' => amount,
            'm' => amount * 60,
            'h' => amount * 3600,
            'd' => amount * 86400,
            'w' => amount * 7 * 86400,
            _ => null,
        };
        if (seconds is not { } s || s > TimeSpan.FromDays(36500).TotalSeconds || s < 1)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(Math.Round(s));
        return true;
    }

    /// <summary>A duration in the API's query form: whole seconds, minutes, hours or days (<c>90s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>).</summary>
    public static string Query(TimeSpan duration)
    {
        long seconds = (long)duration.TotalSeconds;
        return seconds switch
        {
            _ when seconds % 86400 == 0 => $"{seconds / 86400}d",
            _ when seconds % 3600 == 0 => $"{seconds / 3600}h",
            _ when seconds % 60 == 0 => $"{seconds / 60}m",
            _ => $"{seconds}s",
        };
    }

    /// <summary>
    /// A <c>since</c>/<c>until</c> value for a query: a duration as the API takes it (<c>1h</c>), or a time as ISO 8601 UTC.
    /// </summary>
    /// <exception cref="UsageException">Neither a duration nor a time.</exception>
    public static string When(string text, string option, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseDuration(text, out var span)
            ? Query(span)
            : AuditCommand.ParseWhen(text, option, now).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A rule's <c>for</c> as the API stores it: <c>00:05:00</c>.</summary>
    public static string Span(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Checks <paramref name="value"/> against a word list; null passes.</summary>
    /// <exception cref="UsageException">Not one of them.</exception>
    public static string? OneOf(string? value, string option, IReadOnlyList<string> allowed)
    {
        if (value is null)
        {
            return null;
        }

        string lower = value.Trim().ToLowerInvariant();
        return allowed.Contains(lower, StringComparer.Ordinal)
            ? lower
            : throw new UsageException($"{option} '{value}': expected {string.Join(", ", allowed.Take(allowed.Count - 1))} or {allowed[^1]}");
    }

    /// <summary>How bad a severity or health word is: critical 3, warning 2, unknown 1, info/ok 0.</summary>
    public static int Rank(string? severity) => severity?.ToLowerInvariant() switch
    {
        "critical" => 3,
        "warning" => 2,
        "unknown" => 1,
        _ => 0,
    };

    /// <summary>A time in event output: local time, ISO 8601 with the offset.</summary>
    public static string LocalTime(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A severity word, red or yellow on a terminal.</summary>
    public static string Colour(string severity, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(severity);
        if (!terminal)
        {
            return severity;
        }

        return severity.ToLowerInvariant() switch
        {
            "critical" => $"\u001b[1;31m{severity}\u001b[0m",
            "warning" => $"\u001b[33m{severity}\u001b[0m",
            "unknown" => $"\u001b[2m{severity}\u001b[0m",
            _ => severity,
        };
    }

    /// <summary>A query string from the pairs whose value is not null (values escaped).</summary>
    public static string QueryString(params (string Name, string? Value)[] pairs) =>
        string.Join('&', pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>A number as shown: up to two decimals, no trailing zeros.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
