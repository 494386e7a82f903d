using Lifeline.Monitoring.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Server.Apis;

/// <summary>The query parameters the monitoring endpoints share, checked one way: enum words by name only, limits in range.</summary>
internal static class MonitoringQuery
{
    /// <summary>An enum word (case-insensitive); numbers and undefined values are refused. Empty = null.</summary>
    public static bool TryParseWord<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (char.IsDigit(text[0]) || text[0] == '-' || !Enum.TryParse<T>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return false;
        }
        value = parsed;
        return true;
    }

    /// <summary><c>severity</c>: null when absent, a problem when it is not info, warning or critical.</summary>
    public static ProblemHttpResult? Severity(string? text, out Severity? value) =>
        TryParseWord(text, out value) ? null : Problems.BadRequest($"'{text}' is not a severity", "use info, warning or critical");

    /// <summary><c>limit</c>: a problem when given and outside 1..<paramref name="max"/>.</summary>
    public static ProblemHttpResult? Limit(int? limit, int max, string what) =>
        limit is < 1 || limit > max ? Problems.BadRequest($"limit {limit} is out of range", $"ask for 1 to {max} {what}") : null;
}
