using Lifeline.Drivers;

namespace Lifeline.Cli.Targets;

/// <summary>
/// A comma-separated list of host patterns, <c>127.0.1.[1-3,5],node[01-04]</c>: commas inside brackets belong to the
/// range, commas outside separate patterns. This is the form <see cref="HostRangeCompressor"/> writes.
/// </summary>
public static class HostList
{
    /// <summary>Splits and parses; a <see cref="HostPatternException"/> index is relative to the whole list.</summary>
    public static IReadOnlyList<HostPattern> Parse(string list)
    {
        var patterns = new List<HostPattern>();
        foreach (var (start, text) in Split(list))
        {
            try
            {
                patterns.Add(HostPattern.Parse(text));
            }
            catch (HostPatternException e)
            {
                throw new HostPatternException(e.Reason, start + e.Index);
            }
        }

        return patterns;
    }

    /// <summary>Splits at commas outside brackets; returns each piece with its start index.</summary>
    public static IReadOnlyList<(int Start, string Text)> Split(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var pieces = new List<(int, string)>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.Length; i++)
        {
            char c = i < list.Length ? list[i] : ',';
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == ',' && depth == 0)
            {
                if (i == start)
                {
                    throw new HostPatternException("empty name in the list", i == list.Length ? Math.Max(0, i - 1) : i);
                }

                pieces.Add((start, list[start..i]));
                start = i + 1;
            }
        }

        return pieces;
    }

    /// <summary>Every name of every pattern, in order, duplicates removed.</summary>
    public static IReadOnlyList<string> Expand(string list)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var pattern in Parse(list))
        {
            foreach (var name in pattern.Expand())
            {
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }
}
