using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Lifeline.Monitoring.Alerts;

/// <summary>
/// Compiles rule patterns: non-backtracking (linear time) when the pattern allows it, else backtracking with a match
/// timeout, so a rule can never hang the engine.
/// </summary>
internal static class RuleRegex
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>Compiles the pattern; throws <see cref="ArgumentException"/> with the parser's message when invalid.</summary>
    public static Regex Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and atomic groups need the backtracking engine; the timeout bounds it.
            regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        if (Cache.Count < 1024)
        {
            Cache[pattern] = regex;
        }
        return regex;
    }

    /// <summary>True when the pattern matches any of the texts; a timeout counts as no match.</summary>
    public static bool IsMatch(Regex regex, params ReadOnlySpan<string?> texts)
    {
        foreach (string? text in texts)
        {
            if (text is null)
            {
                continue;
            }
            try
            {
                if (regex.IsMatch(text))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
        return false;
    }
}
