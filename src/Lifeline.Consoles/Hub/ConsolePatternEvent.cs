namespace Lifeline.Consoles.Hub;

/// <summary>A pattern-watch hit: which rule matched which line of which node's console, with the lines before it.</summary>
public sealed record ConsolePatternEvent(
    string Node, string Rule, string Severity, string Line, IReadOnlyList<string> Context, DateTimeOffset Time);
