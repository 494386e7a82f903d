namespace Lifeline.Monitoring.Alerts;

/// <summary>A console pattern matched a line of a node's console.</summary>
/// <param name="Node">The node.</param>
/// <param name="Pattern">The pattern's name ("kernel-panic", "mce").</param>
/// <param name="Line">The matched line.</param>
/// <param name="Time">When it was seen.</param>
public sealed record ConsoleHit(string Node, string Pattern, string Line, DateTimeOffset Time);
