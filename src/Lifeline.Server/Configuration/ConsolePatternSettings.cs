namespace Lifeline.Server.Configuration;

/// <summary>One entry of <c>Lifeline:Consoles:Patterns</c>: a pattern-watch rule on console output.</summary>
public sealed class ConsolePatternSettings
{
    /// <summary>The rule's name as events carry it; a name of a built-in rule replaces that rule.</summary>
    public string Name { get; set; } = "";

    /// <summary>A .NET regular expression applied to every completed console line.</summary>
    public string Regex { get; set; } = "";

    /// <summary>critical, warning or info (free text for the alerting side).</summary>
    public string Severity { get; set; } = "warning";
}
