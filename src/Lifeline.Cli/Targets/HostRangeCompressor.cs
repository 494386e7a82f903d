using Lifeline.Drivers;
using System.Globalization;
using System.Text;

namespace Lifeline.Cli.Targets;

/// <summary>
/// Folds host names back into range expressions, the inverse of <see cref="HostPattern"/>:
/// <c>127.0.1.1 127.0.1.2 127.0.1.3 127.0.1.5</c> → <c>127.0.1.[1-3,5]</c>; <c>node01..node04</c> → <c>node[01-04]</c>;
/// a full 4×250 block → <c>127.0.[1-4].[1-250]</c>. Expanding the result gives back exactly the input set.
/// </summary>
/// <remarks>
/// Each name is split into text and digit runs. Names with the same text skeleton are folded one numeric field at a
/// time, last field first: names that differ only in that field merge into one expression with a set there. Then the
/// next field to the left folds expressions whose other fields render identically, which builds multi-dimensional
/// blocks. Names that cannot be written as a pattern (with brackets, commas or more than one colon — IPv6) are kept
/// as they are.
/// </remarks>
public static class HostRangeCompressor
{
    private const int MaxDigits = 18;

    /// <summary>The folded expressions, ordered by their first name in natural (numeric-aware) order.</summary>
    public static IReadOnlyList<string> Compress(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var atoms = new List<string>();
        var bySkeleton = new Dictionary<string, List<Name>>(StringComparer.Ordinal);
        var skeletonOrder = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (!Name.TryTokenize(name, out var tokens) || tokens.Numbers.Length == 0)
            {
                atoms.Add(name);
                continue;
            }

            string skeleton = string.Join('\u0001', tokens.Texts);
            if (!bySkeleton.TryGetValue(skeleton, out var list))
            {
                bySkeleton[skeleton] = list = [];
                skeletonOrder.Add(skeleton);
            }

            list.Add(tokens);
        }

        var result = new List<(string Expression, string SortKey)>();
        foreach (var atom in atoms)
        {
            result.Add((atom, atom));
        }

        foreach (var skeleton in skeletonOrder)
        {
            foreach (var expr in Fold(bySkeleton[skeleton]))
            {
                result.Add((expr.Render(), expr.FirstName()));
            }
        }

        result.Sort((a, b) => NaturalComparer.Instance.Compare(a.SortKey, b.SortKey));
        return result.Select(r => r.Expression).ToArray();
    }

    /// <summary>The folded expressions joined with commas: <c>127.0.1.[1-3,5],node[01-04]</c>.</summary>
    public static string CompressToString(IEnumerable<string> names) => string.Join(',', Compress(names));

    private static List<Expr> Fold(List<Name> names)
    {
        int fields = names[0].Numbers.Length;
        var exprs = names.Select(n => new Expr(n.Texts, n.Numbers)).ToList();
        for (int k = fields - 1; k >= 0; k--)
        {
            var byKey = new Dictionary<string, Expr>(exprs.Count, StringComparer.Ordinal);
            var next = new List<Expr>();
            foreach (var e in exprs)
            {
                string key = e.KeyWithout(k);
                if (byKey.TryGetValue(key, out var existing))
                {
                    existing.Merge(k, e);
                }
                else
                {
                    byKey[key] = e;
                    next.Add(e);
                }
            }

            exprs = next;
        }

        return exprs;
    }

    /// <summary>Renders one field's set: a plain number, or <c>[a-b,c]</c> with runs of consecutive values.</summary>
    internal static string RenderSet(IReadOnlyCollection<string> numbers)
    {
        if (numbers.Count == 1)
        {
            return numbers.First();
        }

        // A padded number ("08") fixes its width; an unpadded one of the same length ("10") can share its run.
        var paddedWidths = numbers.Where(HostPattern.IsPadded).Select(n => n.Length).ToHashSet();
        var runs = new List<(long Lo, string LoText, string HiText, int Class)>();
        foreach (var cls in numbers.GroupBy(n => HostPattern.IsPadded(n) || paddedWidths.Contains(n.Length) ? n.Length : 0))
        {
            var sorted = cls.Select(n => (Value: long.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture), Text: n))
                .OrderBy(x => x.Value).ToList();
            int start = 0;
            for (int i = 1; i <= sorted.Count; i++)
            {
                if (i == sorted.Count || sorted[i].Value != sorted[i - 1].Value + 1)
                {
                    runs.Add((sorted[start].Value, sorted[start].Text, sorted[i - 1].Text, cls.Key));
                    start = i;
                }
            }
        }

        runs.Sort((a, b) => a.Lo != b.Lo ? a.Lo.CompareTo(b.Lo) : a.Class.CompareTo(b.Class));
        var sb = new StringBuilder("[");
        for (int i = 0; i < runs.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(runs[i].LoText);
            if (runs[i].LoText != runs[i].HiText)
            {
                sb.Append('-').Append(runs[i].HiText);
            }
        }

        return sb.Append(']').ToString();
    }

    private readonly record struct Name(string[] Texts, string[] Numbers)
    {
        public static bool TryTokenize(string name, out Name tokens)
        {
            tokens = default;
            if (name.Length == 0 || name.AsSpan().IndexOfAny("[],") >= 0 || name.Count(c => c == ':') > 1)
            {
                return false;
            }

            var texts = new List<string>();
            var numbers = new List<string>();
            var text = new StringBuilder();
            int i = 0;
            while (i < name.Length)
            {
                if (!char.IsAsciiDigit(name[i]))
                {
                    text.Append(name[i++]);
                    continue;
                }

                int start = i;
                while (i < name.Length && char.IsAsciiDigit(name[i]))
                {
                    i++;
                }

                if (i - start > MaxDigits)
                {
                    text.Append(name, start, i - start); // too long to be a range number: keep as text
                    continue;
                }

                texts.Add(text.ToString());
                text.Clear();
                numbers.Add(name[start..i]);
            }

            texts.Add(text.ToString());
            tokens = new Name([.. texts], [.. numbers]);
            return true;
        }
    }

    /// <summary>
    /// A product of numeric sets between fixed texts. Every input name is in exactly one expression, so the sets merged
    /// for one field are disjoint and plain lists suffice; renders are cached until that field changes.
    /// </summary>
    private sealed class Expr
    {
        private readonly string[] _texts;
        private readonly object[] _fields; // a digit string, or a List<string> once merged
        private readonly string?[] _rendered;

        public Expr(string[] texts, string[] numbers)
        {
            _texts = texts;
            _fields = [.. numbers]; // a real object[]: a string[] here would reject the lists Merge stores
            _rendered = (string?[])numbers.Clone();
        }

        public void Merge(int k, Expr other)
        {
            if (_fields[k] is not List<string> list)
            {
                _fields[k] = list = [(string)_fields[k]];
            }

            if (other._fields[k] is List<string> more)
            {
                list.AddRange(more);
            }
            else
            {
                list.Add((string)other._fields[k]);
            }

            _rendered[k] = null;
        }

        private string Rendered(int i) => _rendered[i] ??= RenderSet(Values(i));

        private IReadOnlyCollection<string> Values(int i) => _fields[i] as List<string> ?? [(string)_fields[i]];

        public string KeyWithout(int k)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < _fields.Length; i++)
            {
                sb.Append(_texts[i]).Append('\u0001');
                if (i != k)
                {
                    sb.Append(Rendered(i));
                }

                sb.Append('\u0001');
            }

            return sb.ToString();
        }

        public string Render()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < _fields.Length; i++)
            {
                sb.Append(_texts[i]).Append(Rendered(i));
            }

            return sb.Append(_texts[^1]).ToString();
        }

        public string FirstName()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < _fields.Length; i++)
            {
                sb.Append(_texts[i]).Append(Values(i).Min(NumberComparer.Instance));
            }

            return sb.Append(_texts[^1]).ToString();
        }
    }

    /// <summary>Orders digit strings by value, then by length ("1" before "01").</summary>
    private sealed class NumberComparer : IComparer<string?>
    {
        public static readonly NumberComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            long a = long.Parse(x!, NumberStyles.None, CultureInfo.InvariantCulture);
            long b = long.Parse(y!, NumberStyles.None, CultureInfo.InvariantCulture);
            return a != b ? a.CompareTo(b) : x!.Length.CompareTo(y!.Length);
        }
    }
}

/// <summary>Compares strings with digit runs by numeric value: node2 &lt; node10, 127.0.1.9 &lt; 127.0.1.10.</summary>
public sealed class NaturalComparer : IComparer<string?>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                int c = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (c != 0)
                {
                    return c;
                }

                c = (i - si).CompareTo(j - sj);
                if (c != 0)
                {
                    return c;
                }

                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }
}
