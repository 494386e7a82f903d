using Lifeline.Drivers;

namespace Lifeline.Cli.Targets;

/// <summary>
/// A host pattern could not be parsed. <see cref="Index"/> is the 0-based position in the pattern text that the
/// <see cref="Reason"/> points at; callers add their own offset to report a column in what the user typed.
/// </summary>
public sealed class HostPatternException : Exception
{
    public HostPatternException(string reason, int index)
        : base($"{reason} (at position {index + 1})")
    {
        Reason = reason;
        Index = index;
    }

    public HostPatternException()
    {
        Reason = "";
    }

    public HostPatternException(string message)
        : base(message)
    {
        Reason = message;
    }

    public HostPatternException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public string Reason { get; }

    public int Index { get; }
}
