using Lifeline.Drivers;
using System.ComponentModel;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Output;
using Lifeline.Cli.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>discover &lt;range&gt;</c>: an RMCP presence-ping sweep. No session, no credentials; silence is a result
/// ("no answer"), not a failure.
/// </summary>
public sealed class DiscoverCommand : AsyncCommand<DiscoverCommand.Settings>
{
    private readonly VerbRunner _runner;

    public DiscoverCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : FleetSettings
    {
        [CommandArgument(0, "<range>")]
        [Description("Hosts to ping: 10.0.1.[[1-254]], node[[01-40]], several separated by commas.")]
        public string Range { get; set; } = "";

        [CommandOption("--port <PORT>")]
        [Description("The RMCP port (or range, [[623-624]]).")]
        [DefaultValue("623")]
        public string Port { get; set; } = "623";

        public override ValidationResult Validate() =>
            Range.Length == 0 ? ValidationResult.Error("discover: give a host range, e.g. 10.0.1.[1-254]") : base.Validate();
    }

    /// <summary>The targets of a discover range: hosts (with ranges, IPv6 in brackets) × ports, user empty.</summary>
    public static IReadOnlyList<BmcTarget> Targets(string range, string port)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(port);
        const string prefix = "ipmi://discover@";
        try
        {
            _ = HostPattern.Parse(port);
        }
        catch (HostPatternException e)
        {
            throw new TargetSyntaxException("--port", e.Reason, port, e.Index + 1);
        }

        if (port.Length == 0 || port.Any(c => !char.IsAsciiDigit(c) && c is not ('[' or ']' or ',' or '-')))
        {
            throw new TargetSyntaxException("--port", "expected a port number or a range like [623-624]", port, null);
        }

        var list = new TargetList();
        IReadOnlyList<(int Start, string Text)> pieces;
        try
        {
            pieces = HostList.Split(range);
        }
        catch (HostPatternException e)
        {
            throw new TargetSyntaxException("discover", e.Reason, range, e.Index + 1);
        }

        foreach (var (start, text) in pieces)
        {
            if (text.Contains('@', StringComparison.Ordinal) || text.Contains("://", StringComparison.Ordinal))
            {
                throw new TargetSyntaxException("discover", "give hosts only (no scheme or user): discover needs no login", range, start + 1);
            }

            list.AddUrl($"{prefix}{text}:{port}", "discover", start - prefix.Length, range);
        }

        return list.Targets.Select(t => t with { User = "" }).Distinct().ToArray();
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var targets = Targets(settings.Range, settings.Port);
        var ping = new DiscoverSettings(settings.TimeoutSpan, settings.Retries);
        return _runner.RunFleetAsync("discover", targets, settings, ResultViews.Discover, settings.DeadlineFor(1) + TimeSpan.FromSeconds(1),
            (target, ct) => _runner.Backend.DiscoverAsync(target, ping, ct), cancellationToken);
    }
}
