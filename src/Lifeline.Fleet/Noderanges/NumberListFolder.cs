using System.Globalization;

namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// Folds a set of digit strings (one number position of a name template) into the shortest bracket-list items
/// that read back exactly: singles (<c>7</c>), ranges (<c>08-12</c>) and stepped ranges (<c>1-9:2</c>).
/// </summary>
/// <remarks>
/// A range item is padded to the width of its first number, so <c>08-12</c> gives 08..12 and <c>8-12</c> gives
/// 8..12. Each string is put in a width class whose members that rule reproduces exactly: a padded string
/// (<c>08</c>) in the class of its length; an unpadded one in class 1, or (second candidate) in the widest padded
/// class not longer than itself, so <c>08,09,10,11</c> folds to <c>08-11</c>. Within a class a dynamic program over
/// the sorted values picks the cheapest split into singles and arithmetic runs. Numbers longer than
/// <see cref="NameRuns.MaxNumberDigits"/> digits stay singles.
/// </remarks>
internal static class NumberListFolder
{
    public static List<string> Fold(IReadOnlyCollection<string> values)
    {
        if (values.Count == 1)
        {
            return [values.First()];
        }

        List<string>? singles = null;
        var numbers = new List<(long Value, string Text)>(values.Count);
        SortedSet<int>? paddedWidths = null;
        foreach (string text in values)
        {
            if (NameRuns.TryParseNumber(text, out long value))
            {
                numbers.Add((value, text));
                if (NameRuns.IsPadded(text))
                {
                    (paddedWidths ??= []).Add(text.Length);
                }
            }
            else
            {
                (singles ??= []).Add(text);
            }
        }

        var best = FoldClasses(numbers, t => NameRuns.IsPadded(t) ? t.Length : 1);
        if (paddedWidths is not null)
        {
            var widest = FoldClasses(numbers, t => NameRuns.IsPadded(t) ? t.Length : paddedWidths.GetViewBetween(1, t.Length).DefaultIfEmpty(1).Max());
            if (Length(widest) < Length(best))
            {
                best = widest;
            }

            best.Sort((a, b) => NaturalNameComparer.Instance.Compare(a.Min, b.Min));
        }

        if (singles is not null)
        {
            best.AddRange(singles.Select(s => (s, s)));
            best.Sort((a, b) => NaturalNameComparer.Instance.Compare(a.Min, b.Min));
        }

        return best.ConvertAll(p => p.Part);
    }

    /// <summary>The smallest member of a part: the text before a range's '-'.</summary>
    public static string PartMin(string part)
    {
        int dash = part.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? part : part[..dash];
    }

    private static int Length(List<(string Min, string Part)> parts) => parts.Sum(p => p.Part.Length) + parts.Count - 1;

    private static List<(string Min, string Part)> FoldClasses(List<(long Value, string Text)> numbers, Func<string, int> widthClass)
    {
        var classes = new SortedDictionary<int, List<(long Value, string Text)>>();
        foreach (var number in numbers)
        {
            int width = widthClass(number.Text);
            if (!classes.TryGetValue(width, out var members))
            {
                classes[width] = members = [];
            }

            members.Add(number);
        }

        var parts = new List<(string Min, string Part)>();
        foreach (var members in classes.Values)
        {
            members.Sort((a, b) => a.Value.CompareTo(b.Value));
            FoldClass(members, parts);
        }

        return parts;
    }

    /// <summary>
    /// dp[i] = the cheapest text (parts plus a comma each) for the first i values. A part ending at value i-1 is
    /// that value alone, or an arithmetic run j..i-1 whose gaps all equal the last gap; the best start j of the
    /// current run is tracked as the run grows, so the program is linear.
    /// </summary>
    private static void FoldClass(List<(long Value, string Text)> sorted, List<(string Min, string Part)> parts)
    {
        int m = sorted.Count;
        var dp = new int[m + 1];
        var start = new int[m + 1];
        long gap = -1;
        int bestStart = 0;
        int bestCost = 0;
        for (int i = 1; i <= m; i++)
        {
            dp[i] = dp[i - 1] + sorted[i - 1].Text.Length + 1;
            start[i] = i - 1;
            if (i < 2)
            {
                continue;
            }

            long g = sorted[i - 1].Value - sorted[i - 2].Value;
            int candidate = dp[i - 2] + sorted[i - 2].Text.Length;
            if (g != gap)
            {
                gap = g;
                bestStart = i - 2;
                bestCost = candidate;
            }
            else if (candidate < bestCost)
            {
                bestStart = i - 2;
                bestCost = candidate;
            }

            int stepLength = g > 1 ? 1 + g.ToString(CultureInfo.InvariantCulture).Length : 0;
            int rangeCost = bestCost + 1 + sorted[i - 1].Text.Length + stepLength + 1;
            if (rangeCost < dp[i])
            {
                dp[i] = rangeCost;
                start[i] = bestStart;
            }
        }

        var reversed = new List<(string Min, string Part)>();
        for (int i = m; i > 0; i = start[i])
        {
            int j = start[i];
            string first = sorted[j].Text;
            if (j == i - 1)
            {
                reversed.Add((first, first));
                continue;
            }

            long step = sorted[j + 1].Value - sorted[j].Value;
            string part = $"{first}-{sorted[i - 1].Text}";
            if (step > 1)
            {
                part += ":" + step.ToString(CultureInfo.InvariantCulture);
            }

            reversed.Add((first, part));
        }

        reversed.Reverse();
        parts.AddRange(reversed);
    }
}
