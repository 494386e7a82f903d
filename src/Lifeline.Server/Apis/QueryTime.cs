using System.Globalization;

namespace Lifeline.Server.Apis;

/// <summary>Times in query strings: an ISO 8601 time, or a duration back from now (<c>90s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c>).</summary>
internal static class QueryTime
{
    public const string Hint = "write an ISO 8601 time (2026-05-01T12:00:00Z) or a duration back from now (90s, 15m, 1h, 2d)";

    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        if (text.Length >= 2 && char.IsAsciiDigit(text[0]) && text[^1] is 's' or 'm' or 'h' or 'd'
            && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            if (!TryParseDuration(text, out var span) || span > now - DateTimeOffset.MinValue)
            {
                return false;
            }
            value = now - span;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>A duration: <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c> (positive, at most 100 years).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        text = text?.Trim();
        if (text is null || text.Length < 2 || !char.IsAsciiDigit(text[0]) || text[^1] is not ('s' or 'm' or 'h' or 'd')
            || !double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || !double.IsFinite(amount))
        {
            return false;
        }
        double seconds = amount * (text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 86400 });
        if (seconds <= 0 || seconds > 100 * 366 * 86400.0)
        {
            return false;
        }
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
