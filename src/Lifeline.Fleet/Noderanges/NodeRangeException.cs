using System.Text;

namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// A noderange that does not parse or names something that does not exist. <see cref="Position"/> is the 0-based
/// index of the offending character in <see cref="Expression"/>; the message shows the problem, the expression with a
/// caret under that character, and what to do next:
/// <code>
/// 'n7' is not a node or group (and 3 more names that the range 'n1-n20' produces).
///   n1-n20,rack2
///   ^
/// Every name a range produces must exist: narrow the range, or match only existing nodes with a regex (~^n).
/// </code>
/// </summary>
public sealed class NodeRangeException : Exception
{
    private const int ExcerptWidth = 100;

    /// <summary>Creates the exception; <paramref name="position"/> is clamped into the expression.</summary>
    public NodeRangeException(string expression, int position, string problem, string hint)
        : this(expression, position, problem, hint, null)
    {
    }

    /// <summary>Creates the exception with the failure that caused it (a regex parse error or time-out).</summary>
    public NodeRangeException(string expression, int position, string problem, string hint, Exception? innerException)
        : base(BuildMessage(expression, Math.Clamp(position, 0, expression.Length), problem, hint), innerException)
    {
        Expression = expression;
        Position = Math.Clamp(position, 0, expression.Length);
        Problem = problem;
        Hint = hint;
    }

    /// <summary>The noderange as given.</summary>
    public string Expression { get; }

    /// <summary>0-based index of the offending character (the length of the expression when something is missing at the end).</summary>
    public int Position { get; }

    /// <summary>What is wrong, one sentence (the message's first line).</summary>
    public string Problem { get; }

    /// <summary>What to do about it, one sentence (the message's last line).</summary>
    public string Hint { get; }

    private static string BuildMessage(string expression, int position, string problem, string hint)
    {
        // Show a window around the position for long expressions, and flatten control characters so the caret
        // stays under the right column.
        int start = 0;
        int end = expression.Length;
        if (expression.Length > ExcerptWidth)
        {
            start = Math.Max(0, position - (ExcerptWidth / 2));
            end = Math.Min(expression.Length, start + ExcerptWidth);
            start = Math.Max(0, end - ExcerptWidth);
        }

        var line = new StringBuilder();
        int caret = 2;
        if (start > 0)
        {
            line.Append("...");
            caret += 3;
        }

        foreach (char c in expression.AsSpan(start, end - start))
        {
            line.Append(char.IsControl(c) ? ' ' : c);
        }

        if (end < expression.Length)
        {
            line.Append("...");
        }

        caret += position - start;
        return $"{problem}\n  {line}\n{new string(' ', caret)}^\n{hint}";
    }
}
