using Lifeline.Drivers;
using System.Globalization;
using System.Text;

namespace Lifeline.Cli.Targets;

/// <summary>
/// A host name with pdsh/Confluent-style numeric ranges in brackets: <c>node[01-10,15]</c>,
/// <c>127.0.[1-4].[1-250]</c>. Several groups expand as a cartesian product, the first group varying slowest.
/// Zero padding follows the lower bound: <c>[08-10]</c> gives <c>08 09 10</c>, <c>[8-10]</c> gives <c>8 9 10</c>.
/// </summary>
/// <remarks>
/// Grammar (no whitespace anywhere):
/// <code>
/// pattern = { literal | group }
/// group   = "[" item { "," item } "]"
/// item    = number [ "-" number ]        ; lower ≤ upper; at most 18 digits
/// literal = any character except "[", "]" and ","
/// </code>
/// </remarks>
public sealed class HostPattern
{
    private const int MaxDigits = 18;

    private readonly object[] _parts; // string literal or Group

    private HostPattern(string text, object[] parts)
    {
        Text = text;
        _parts = parts;
        long count = 1;
        foreach (var part in parts)
        {
            if (part is Group g)
            {
                count = SaturatingMultiply(count, g.Count);
            }
        }

        Count = count;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>How many names <see cref="Expand"/> yields (saturates at <see cref="long.MaxValue"/>).</summary>
    public long Count { get; }

    /// <summary>True when the pattern has at least one bracket group.</summary>
    public bool HasRanges => _parts.Any(p => p is Group);

    /// <summary>Parses a pattern; throws <see cref="HostPatternException"/> naming the position of the first problem.</summary>
    public static HostPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<object>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '[')
            {
                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }

                parts.Add(ParseGroup(text, ref i));
                continue;
            }

            if (c == ']')
            {
                throw new HostPatternException("']' without a matching '['", i);
            }

            if (c == ',')
            {
                throw new HostPatternException("',' outside brackets (list values inside a range: node[1,3])", i);
            }

            if (char.IsWhiteSpace(c))
            {
                throw new HostPatternException("unexpected whitespace", i);
            }

            literal.Append(c);
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }

        return new HostPattern(text, [.. parts]);
    }

    /// <summary>Every name the pattern stands for, in order (first group slowest). Duplicates are kept.</summary>
    public IEnumerable<string> Expand()
    {
        var groups = _parts.OfType<Group>().ToArray();
        var index = new long[groups.Length];
        var sb = new StringBuilder();
        while (true)
        {
            sb.Clear();
            int g = 0;
            foreach (var part in _parts)
            {
                if (part is string s)
                {
                    sb.Append(s);
                }
                else
                {
                    ((Group)part).AppendAt(sb, index[g++]);
                }
            }

            yield return sb.ToString();

            // odometer: advance the last group first
            int k = groups.Length - 1;
            while (k >= 0)
            {
                if (++index[k] < groups[k].Count)
                {
                    break;
                }

                index[k] = 0;
                k--;
            }

            if (k < 0)
            {
                yield break;
            }
        }
    }

    public override string ToString() => Text;

    private static Group ParseGroup(string text, ref int i)
    {
        int open = i;
        i++; // '['
        var items = new List<RangeItem>();
        while (true)
        {
            if (i >= text.Length)
            {
                throw new HostPatternException("'[' is never closed", open);
            }

            if (text[i] == ']' && items.Count == 0)
            {
                throw new HostPatternException("empty range '[]'", open);
            }

            int itemStart = i;
            string lo = ReadNumber(text, ref i, open);
            string hi = lo;
            if (i < text.Length && text[i] == '-')
            {
                i++;
                hi = ReadNumber(text, ref i, open);
            }

            items.Add(MakeItem(lo, hi, itemStart));

            if (i >= text.Length)
            {
                throw new HostPatternException("'[' is never closed", open);
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            if (text[i] == ']')
            {
                i++;
                return new Group([.. items]);
            }

            throw Unexpected(text, i);
        }
    }

    private static string ReadNumber(string text, ref int i, int open)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == start)
        {
            if (i >= text.Length)
            {
                throw new HostPatternException("'[' is never closed", open);
            }

            throw Unexpected(text, i);
        }

        if (i - start > MaxDigits)
        {
            throw new HostPatternException($"number longer than {MaxDigits} digits", start);
        }

        return text[start..i];
    }

    private static HostPatternException Unexpected(string text, int i) => text[i] switch
    {
        '[' => new HostPatternException("'[' inside a range (ranges do not nest)", i),
        ']' or ',' or '-' => new HostPatternException($"expected a number before '{text[i]}'", i),
        _ => new HostPatternException($"unexpected '{text[i]}' in a range (expected digits, '-', ',' or ']')", i),
    };

    private static RangeItem MakeItem(string lo, string hi, int index)
    {
        long loValue = long.Parse(lo, NumberStyles.None, CultureInfo.InvariantCulture);
        long hiValue = long.Parse(hi, NumberStyles.None, CultureInfo.InvariantCulture);
        if (loValue > hiValue)
        {
            throw new HostPatternException($"reversed range {lo}-{hi} (write the smaller number first: {hi}-{lo})", index);
        }

        int width = IsPadded(lo) ? lo.Length : 0;
        if (IsPadded(hi) && hi.Length != lo.Length)
        {
            string fixedLo = loValue.ToString(CultureInfo.InvariantCulture).PadLeft(hi.Length, '0');
            throw new HostPatternException(
                $"inconsistent zero padding in {lo}-{hi} (pad both ends to the same width: {fixedLo}-{hi})", index);
        }

        return new RangeItem(loValue, hiValue, width);
    }

    /// <summary>True for numbers written with a leading zero ("07"), which fixes the width of the range.</summary>
    internal static bool IsPadded(string digits) => digits.Length > 1 && digits[0] == '0';

    internal static long SaturatingMultiply(long a, long b)
    {
        if (a == 0 || b == 0)
        {
            return 0;
        }

        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }

    private readonly record struct RangeItem(long Lo, long Hi, int Width)
    {
        public long Count => Hi - Lo + 1;
    }

    private sealed class Group
    {
        private readonly RangeItem[] _items;

        public Group(RangeItem[] items)
        {
            _items = items;
            long count = 0;
            foreach (var item in items)
            {
                count = count > long.MaxValue - item.Count ? long.MaxValue : count + item.Count;
            }

            Count = count;
        }

        public long Count { get; }

        public void AppendAt(StringBuilder sb, long index)
        {
            foreach (var item in _items)
            {
                if (index < item.Count)
                {
                    string digits = (item.Lo + index).ToString(CultureInfo.InvariantCulture);
                    if (digits.Length < item.Width)
                    {
                        sb.Append('0', item.Width - digits.Length);
                    }

                    sb.Append(digits);
                    return;
                }

                index -= item.Count;
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}
