namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// Reads a word that is not itself a node or group as a range (<c>n1-n20</c>, <c>n1:n20</c>, <c>n1..n20</c>,
/// <c>n10+3</c>) or expands its bracket lists (<c>r[1-3]u[01-10]</c>), following Confluent's rules as described
/// on <see cref="NodeRangeParser"/>.
/// </summary>
internal static class WordExpansion
{
    private const string RangeHint =
        "Use a node or group name, or a range whose ends differ only in numbers: n1-n20, n1:n20, n[1-20], n10+3.";

    public static NameProduct ForBrackets(WordToken word, string expression)
    {
        long upperBound = 1;
        foreach (var segment in word.Segments)
        {
            if (segment is BracketSegment bracket)
            {
                upperBound = Math.Min(upperBound * Math.Min(bracket.MaxCount, NodeRangeLimits.MaxNamesPerTerm + 1L), NodeRangeLimits.MaxNamesPerTerm + 1L);
            }
        }

        CheckCount(word, expression, upperBound);
        var parts = new List<IReadOnlyList<string>>();
        foreach (var segment in word.Segments)
        {
            parts.Add(segment switch
            {
                TextSegment text => [text.Text],
                BracketSegment bracket => bracket.Expand(),
                _ => throw new InvalidOperationException("Unknown word segment."),
            });
        }

        return new NameProduct(parts);
    }

    /// <summary>Reads a plain word as a range, or throws: it is then neither a node, a group nor a range.</summary>
    public static NameProduct ForRange(WordToken word, string expression)
    {
        string text = word.Text;
        string? reason;
        NameProduct? product;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            product = TryRange(text, ":", out reason);
        }
        else if (text.Contains("..", StringComparison.Ordinal))
        {
            product = TryRange(text, "..", out reason);
        }
        else if (text.Contains('-', StringComparison.Ordinal))
        {
            product = TryRange(text, "-", out reason);
        }
        else if (text.Contains('+', StringComparison.Ordinal))
        {
            product = TryPlus(text, out reason);
        }
        else
        {
            throw new NodeRangeException(
                expression,
                word.Position,
                $"'{text}' is not a node or group.",
                "Check the name; use a node or group name, a range (n1-n20, n[1-20]), a regex (~^n1) or an attribute selector (rack=7).");
        }

        if (product is null)
        {
            throw new NodeRangeException(expression, word.Position, $"'{text}' is not a node or group, and not a range: {reason}.", RangeHint);
        }

        CheckCount(word, expression, product.Count);
        return product;
    }

    private static void CheckCount(WordToken word, string expression, long count)
    {
        if (count > NodeRangeLimits.MaxNamesPerTerm)
        {
            throw new NodeRangeException(
                expression,
                word.Position,
                $"'{Shorten(word.Text)}' would produce more than {NodeRangeLimits.MaxNamesPerTerm:N0} names.",
                "Use a smaller range, a group, a regex (~expr) or an attribute selector instead.");
        }
    }

    private static NameProduct? TryRange(string text, string delimiter, out string? reason)
    {
        string[] pieces = text.Split(delimiter);
        if (pieces.Length % 2 != 0)
        {
            reason = $"its '{delimiter}' does not cut it into two ends of the same shape";
            return null;
        }

        int half = pieces.Length / 2;
        string left = string.Join(delimiter, pieces[..half]);
        string right = string.Join(delimiter, pieces[half..]);
        var leftRuns = NameRuns.Split(left);
        var rightRuns = NameRuns.Split(right);
        if (left.Length == 0 || right.Length == 0 || leftRuns.Count != rightRuns.Count)
        {
            reason = $"its ends '{left}' and '{right}' differ in more than their numbers";
            return null;
        }

        var parts = new List<IReadOnlyList<string>>();
        for (int r = 0; r < leftRuns.Count; r++)
        {
            var (ls, ll, digits) = leftRuns[r];
            var (rs, rl, rightDigits) = rightRuns[r];
            string leftRun = left.Substring(ls, ll);
            string rightRun = right.Substring(rs, rl);
            if (digits != rightDigits || (!digits && !string.Equals(leftRun, rightRun, StringComparison.Ordinal)))
            {
                reason = $"its ends '{left}' and '{right}' differ in more than their numbers";
                return null;
            }

            if (string.Equals(leftRun, rightRun, StringComparison.Ordinal))
            {
                parts.Add([leftRun]);
                continue;
            }

            if (!NameRuns.TryParseNumber(leftRun, out long from) || !NameRuns.TryParseNumber(rightRun, out long to))
            {
                reason = $"a number is longer than {NameRuns.MaxNumberDigits} digits";
                return null;
            }

            if (from > to)
            {
                reason = $"it counts down ({leftRun} is more than {rightRun}); write the smaller end first";
                return null;
            }

            if (from == to)
            {
                reason = $"'{leftRun}' and '{rightRun}' are the same number padded differently";
                return null;
            }

            if (to - from >= NodeRangeLimits.MaxNamesPerTerm)
            {
                parts.Add(new CountingList(from, from + NodeRangeLimits.MaxNamesPerTerm, ll));
                continue;
            }

            parts.Add(new CountingList(from, to, ll));
        }

        reason = null;
        return new NameProduct(parts);
    }

    private static NameProduct? TryPlus(string text, out string? reason)
    {
        int plus = text.LastIndexOf('+');
        string baseName = text[..plus];
        string countText = text[(plus + 1)..];
        if (!NameRuns.IsDigits(countText) || countText.TrimStart('0').Length > 9)
        {
            reason = "'+' must be followed by how many more names to count, e.g. n10+3";
            return null;
        }

        int dot = baseName.IndexOf('.', StringComparison.Ordinal);
        string nodePart = dot < 0 ? baseName : baseName[..dot];
        var runs = NameRuns.Split(nodePart);
        int last = runs.FindLastIndex(r => r.Digits);
        if (last < 0)
        {
            reason = $"'{baseName}' has no number to count from";
            return null;
        }

        var (start, length, _) = runs[last];
        if (!NameRuns.TryParseNumber(baseName.AsSpan(start, length), out long from))
        {
            reason = $"a number is longer than {NameRuns.MaxNumberDigits} digits";
            return null;
        }

        long more = long.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
        long to = from + Math.Min(more, NodeRangeLimits.MaxNamesPerTerm);
        reason = null;
        return new NameProduct([[baseName[..start]], new CountingList(from, to, length), [baseName[(start + length)..]]]);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    /// <summary>The numbers <c>from..to</c> zero-padded to a width, without materialising them.</summary>
    private sealed class CountingList(long from, long to, int width) : IReadOnlyList<string>
    {
        public int Count => (int)(to - from + 1);

        public string this[int index] => NameRuns.Format(from + index, width);

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
