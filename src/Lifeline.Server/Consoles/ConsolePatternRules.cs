using System.Text.RegularExpressions;
using Lifeline.Consoles.Hub;
using Lifeline.Server.Configuration;

namespace Lifeline.Server.Consoles;

/// <summary>The hub's pattern-watch rules from <c>Lifeline:Consoles:Patterns</c> and the built-in ones.</summary>
internal static class ConsolePatternRules
{
    /// <summary>The built-in rules (unless turned off) with the configured ones added; same name replaces.</summary>
    /// <exception cref="InvalidOperationException">A configured rule has no name or an invalid regular expression.</exception>
    public static IReadOnlyList<ConsolePatternRule> From(ConsoleSettings settings)
    {
        var configured = new List<ConsolePatternRule>();
        for (int i = 0; i < settings.Patterns.Count; i++)
        {
            var p = settings.Patterns[i];
            string where = $"Lifeline:Consoles:Patterns:{i}";
            if (string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrEmpty(p.Regex))
            {
                throw new InvalidOperationException($"{where}: a pattern rule needs a Name and a Regex; fix or remove it in the configuration");
            }

            try
            {
                _ = new Regex(p.Regex, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"{where} ({p.Name}): the Regex is not a valid .NET regular expression ({e.Message}); fix it in the configuration", e);
            }

            configured.Add(new ConsolePatternRule(p.Name, p.Regex, string.IsNullOrWhiteSpace(p.Severity) ? "warning" : p.Severity));
        }

        var builtIn = settings.DefaultPatterns ? ConsolePatternRule.Defaults : [];
        return [.. builtIn.Where(d => !configured.Any(c => c.Name == d.Name)), .. configured];
    }
}
