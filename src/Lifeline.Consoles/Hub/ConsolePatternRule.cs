namespace Lifeline.Consoles.Hub;

/// <summary>A pattern-watch rule: a regular expression applied to every completed console line.</summary>
/// <param name="Name">The rule's name, as events carry it (<c>kernel-panic</c>).</param>
/// <param name="Pattern">A .NET regular expression (linear-time engine where the pattern allows it).</param>
/// <param name="Severity">Free text for the alerting side: <c>critical</c>, <c>warning</c>, <c>info</c>.</param>
public sealed record ConsolePatternRule(string Name, string Pattern, string Severity)
{
    /// <summary>The rules every hub starts with.</summary>
    public static IReadOnlyList<ConsolePatternRule> Defaults { get; } =
    [
        new("kernel-panic", "Kernel panic", "critical"),
        new("call-trace", "Call Trace:", "warning"),
        new("mce", @"Machine Check|\bMCE\b", "critical"),
        new("login-failures", "[Ll]ogin incorrect", "warning"),
    ];
}
