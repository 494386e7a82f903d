namespace Lifeline.Fleet.Noderanges;

/// <summary>One lexical element of a noderange, at its 0-based position in the expression.</summary>
internal abstract record Token(int Position);

/// <summary>A term that names nodes on its own: a word, a regex or an attribute selector.</summary>
internal abstract record AtomToken(int Position) : Token(Position);

/// <summary>A name, group or range: text runs and bracket lists (<c>r[1-3]u[01-10]</c>).</summary>
internal sealed record WordToken(int Position, string Text, IReadOnlyList<WordSegment> Segments) : AtomToken(Position)
{
    public bool HasBrackets => Segments.Any(s => s is BracketSegment);
}

/// <summary><c>~expr</c> or <c>/expr</c>: nodes whose name the regular expression matches (anywhere in the name).</summary>
internal sealed record RegexToken(int Position, string Pattern, int PatternPosition) : AtomToken(Position);

/// <summary><c>attr=value</c>, <c>attr==value</c>, <c>attr!=value</c>, <c>attr=~regex</c>, <c>attr!~regex</c>.</summary>
internal sealed record AttributeToken(int Position, string Name, AttributeOperator Operator, string Value, int ValuePosition)
    : AtomToken(Position);

internal enum AttributeOperator
{
    Equals,
    NotEquals,
    Matches,
    NotMatches,
}

/// <summary><c>,</c> union, <c>,-</c> exclusion, <c>@</c> intersection.</summary>
internal sealed record OperatorToken(int Position, SetOperator Operator) : Token(Position)
{
    public string Text => Operator switch
    {
        SetOperator.Union => ",",
        SetOperator.Except => ",-",
        _ => "@",
    };
}

internal enum SetOperator
{
    Union,
    Except,
    Intersect,
}

internal sealed record ParenToken(int Position, bool Open) : Token(Position);

/// <summary><c>&gt;N</c> (show at most N nodes) or <c>&lt;N</c> (skip the first N nodes).</summary>
internal sealed record PageToken(int Position, bool IsTake, int Count) : Token(Position)
{
    public string Text => (IsTake ? ">" : "<") + Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record EndToken(int Position) : Token(Position);

/// <summary>A piece of a word: literal text, or a bracket list that expands to several texts.</summary>
internal abstract record WordSegment(int Position);

internal sealed record TextSegment(int Position, string Text) : WordSegment(Position);

internal sealed record BracketSegment(int Position, IReadOnlyList<BracketItem> Items) : WordSegment(Position)
{
    /// <summary>An upper bound on how many texts the list yields (exclusions not subtracted).</summary>
    public long MaxCount => Items.Where(i => !i.Exclude).Sum(i => i.Count);

    /// <summary>The texts in order of first appearance, after applying exclusions left to right.</summary>
    public IReadOnlyList<string> Expand()
    {
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items)
        {
            if (item.Exclude)
            {
                values.RemoveAll(item.Contains);
                seen.RemoveWhere(item.Contains);
                continue;
            }

            foreach (var value in item.Values())
            {
                if (seen.Add(value))
                {
                    values.Add(value);
                }
            }
        }

        return values;
    }
}

/// <summary>
/// One item of a bracket list: a literal (<c>7</c>, <c>07</c>, <c>a</c>) or a numeric range with optional step
/// (<c>1-20</c>, <c>01:10</c>, <c>1..9</c>, <c>1-20:2</c>), padded to the width of its first number.
/// </summary>
internal sealed record BracketItem(int Position, bool Exclude, string? Literal, long Start, long End, long Step, int Width)
{
    public long Count => Literal is not null ? 1 : ((End - Start) / Step) + 1;

    public IEnumerable<string> Values()
    {
        if (Literal is not null)
        {
            yield return Literal;
            yield break;
        }

        for (long n = Start; n <= End; n += Step)
        {
            yield return NameRuns.Format(n, Width);
        }
    }

    public bool Contains(string value)
    {
        if (Literal is not null)
        {
            return string.Equals(Literal, value, StringComparison.Ordinal);
        }

        return NameRuns.TryParseNumber(value, out long n) && n >= Start && n <= End && (n - Start) % Step == 0
            && string.Equals(NameRuns.Format(n, Width), value, StringComparison.Ordinal);
    }
}
