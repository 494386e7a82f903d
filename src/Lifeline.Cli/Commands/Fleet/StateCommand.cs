using System.ComponentModel;
using System.Text.Json;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Noderanges;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary><c>state [NODERANGE]</c>: the last known state of every node, from the service's cache (no BMC is asked).</summary>
public sealed class StateCommand : AsyncCommand<StateCommand.Settings>
{
    private readonly FleetOperationRunner _runner;
    private readonly ITerminal _terminal;

    public StateCommand(FleetOperationRunner runner, ITerminal terminal)
    {
        _runner = runner;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "[NODERANGE]")]
        [Description("The nodes (default: every node you may see).")]
        public string? Noderange { get; set; }
    }

    /// <summary><c>GET /state</c> for <paramref name="noderange"/> (every node when null), in natural name order.</summary>
    public static async Task<IReadOnlyList<StateItem>> LoadAsync(FleetOperationRunner runner, string? noderange, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(settings);
        if (noderange is not null)
        {
            FleetOperationRunner.CheckSyntax(noderange);
        }

        using var client = runner.Clients.Create(settings.TimeoutSpan);
        string path = noderange is null ? "state" : $"state?noderange={Uri.EscapeDataString(noderange)}";
        var states = await client.GetAsync<StateItem[]>(path, cancellationToken).ConfigureAwait(false);
        return [.. states.OrderBy(s => s.Node, NaturalNameComparer.Instance)];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var states = await LoadAsync(_runner, settings.Noderange, settings, cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, states);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["NODE", "PROTOCOL", "POWER", "HEALTH", "REACHABILITY", "CHECKED", "LAST ERROR"], states.Select(s => new[]
        {
            s.Node,
            s.Protocol,
            s.Power ?? "-",
            s.Health,
            s.Reachability,
            s.CheckedAt is { } at ? CachedState.Time(at) : "never",
            s.LastError is { } e ? ResultViews.ErrorLine(new Drivers.NodeError(e.Category, e.Message, e.Next)) : "-",
        }));
        if (states.Count == 0)
        {
            await _terminal.Error.WriteLineAsync("lifeline: no nodes (that you may see)").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
