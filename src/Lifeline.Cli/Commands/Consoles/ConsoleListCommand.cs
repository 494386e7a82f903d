using System.ComponentModel;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Noderanges;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Consoles;

/// <summary><c>console list [NODERANGE]</c>: each node's console: method, logging, connection, writer, viewers.</summary>
public sealed class ConsoleListCommand : AsyncCommand<ConsoleListCommand.Settings>
{
    private readonly FleetOperationRunner _runner;
    private readonly ITerminal _terminal;

    public ConsoleListCommand(FleetOperationRunner runner, ITerminal terminal)
    {
        _runner = runner;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "[NODERANGE]")]
        [Description("The nodes (default: every console you may see).")]
        public string? Noderange { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Noderange is { } range)
        {
            FleetOperationRunner.CheckSyntax(range);
        }

        using var client = _runner.Clients.Create(settings.TimeoutSpan);
        string path = settings.Noderange is null ? "consoles" : $"consoles?noderange={Uri.EscapeDataString(settings.Noderange)}";
        var consoles = (await client.GetAsync<ConsoleItem[]>(path, cancellationToken).ConfigureAwait(false))
            .OrderBy(c => c.Node, NaturalNameComparer.Instance).ToArray();
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, consoles);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["NODE", "METHOD", "LOGGING", "CONNECTION", "WRITER", "VIEWERS", "SINCE", "LAST ERROR"], consoles.Select(c => new[]
        {
            c.Node,
            c.Method,
            c.Logging,
            c.Connection,
            c.Writer ?? "-",
            c.Viewers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.ConnectedSince is { } at ? CachedState.Time(at) : "-",
            c.LastError ?? "-",
        }));
        if (consoles.Length == 0)
        {
            await _terminal.Error.WriteLineAsync("lifeline: no consoles (that you may see); a node gets one from console_method in the inventory (lifeline nodes import)").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}

/// <summary>One console of <c>GET /consoles</c>.</summary>
public sealed record ConsoleItem(string Node, string Method, string Logging, string Connection, string? Writer, int Viewers, string? LastError, DateTimeOffset? ConnectedSince);
