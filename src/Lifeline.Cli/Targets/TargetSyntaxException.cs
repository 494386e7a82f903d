using Lifeline.Drivers;
using System.Text;

namespace Lifeline.Cli.Targets;

/// <summary>
/// A BMC URL, range or file line is wrong. The message names where it came from (<c>--bmc</c> or <c>FILE:LINE</c>),
/// what is wrong, and, when a position is known, shows the text with a caret under the column. Passwords typed into
/// a URL are replaced by <c>***</c> before the text is shown.
/// </summary>
public sealed class TargetSyntaxException : UsageException
{
    public TargetSyntaxException(string origin, string reason, string shownInput, int? column)
        : base(Format(origin, reason, shownInput, column))
    {
        Origin = origin;
        Reason = reason;
        Column = column;
    }

    public TargetSyntaxException()
    {
        Origin = "";
        Reason = "";
    }

    public TargetSyntaxException(string message)
        : base(message)
    {
        Origin = "";
        Reason = message;
    }

    public TargetSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Origin = "";
        Reason = message;
    }

    /// <summary>Where the text came from: <c>--bmc</c>, <c>hosts.txt:3</c>, <c>discover</c>.</summary>
    public string Origin { get; }

    /// <summary>What is wrong, without position or text.</summary>
    public string Reason { get; }

    /// <summary>1-based column in the line or argument, when known.</summary>
    public int? Column { get; }

    private static string Format(string origin, string reason, string shownInput, int? column)
    {
        var sb = new StringBuilder();
        sb.Append(origin).Append(": ").Append(reason);
        if (column is { } col)
        {
            sb.Append(" at column ").Append(col).Append(':').Append('\n');
            sb.Append("  ").Append(shownInput).Append('\n');
            sb.Append("  ").Append(' ', Math.Max(0, col - 1)).Append('^');
        }
        else if (shownInput.Length > 0)
        {
            sb.Append(" (in ").Append(shownInput).Append(')');
        }

        return sb.ToString();
    }
}
