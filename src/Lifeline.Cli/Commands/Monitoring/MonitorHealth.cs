using System.Text.Json;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary>
/// <c>health NODERANGE</c> from the monitor (<c>GET /monitoring/health</c>): one row per set of nodes in the same
/// state (names folded into a noderange), worst first, with both paths and the reasons worst first; then the rollup by
/// group or site and a summary line. Exit status 1 when any node is critical.
/// </summary>
public static class MonitorHealth
{
    /// <summary>Fetches and writes the monitor's health of <paramref name="noderange"/>; returns the exit status.</summary>
    public static async Task<int> RunAsync(FleetClientFactory clients, ITerminal terminal, string noderange, string groupBy, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(settings);
        FleetOperationRunner.CheckSyntax(noderange);
        using var client = clients.Create(settings.TimeoutSpan);
        string path = "monitoring/health?" + MonitoringArgs.QueryString(("noderange", noderange), ("group_by", groupBy));
        var raw = await client.GetAsync<JsonElement>(path, cancellationToken).ConfigureAwait(false);
        MonitorHealthAnswer answer;
        try
        {
            answer = raw.Deserialize<MonitorHealthAnswer>(FleetJson.Options) ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new FleetRequestException($"the service answered {path} with something this lifeline cannot read: {e.Message}",
                "use a lifeline command of the same version as the service", ExitCodes.SomeFailed, null, e);
        }

        if (settings.Format == OutputFormat.Json)
        {
            await terminal.Out.WriteLineAsync(raw.GetRawText()).ConfigureAwait(false);
        }
        else
        {
            Write(terminal, answer, groupBy);
        }

        if (answer.Nodes.Count == 0)
        {
            await terminal.Error.WriteLineAsync($"lifeline: health: '{noderange}' names no node you may see").ConfigureAwait(false);
        }

        return answer.Nodes.Any(n => n.Health.Equals("critical", StringComparison.OrdinalIgnoreCase)) ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>The table, the rollup and the summary line.</summary>
    public static void Write(ITerminal terminal, MonitorHealthAnswer answer, string groupBy)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(answer);
        bool colour = terminal.IsOutputInteractive;
        var rows = answer.Nodes
            .GroupBy(n => (Health: n.Health, Paths: Paths(n), Reasons: Reasons(n)))
            .Select(g => (g.Key, Nodes: g.Select(n => n.Node).Order(NaturalNameComparer.Instance).ToList()))
            .OrderByDescending(r => MonitoringArgs.Rank(r.Key.Health))
            .ThenBy(r => r.Nodes[0], NaturalNameComparer.Instance)
            .Select(r => (IReadOnlyList<string>)[NodeFolding.Noderange.Fold(r.Nodes), MonitoringArgs.Colour(r.Key.Health, colour), r.Key.Paths, r.Key.Reasons])
            .ToList();
        ListOutput.Table(terminal.Out, ["NODE", "HEALTH", "PATHS", "REASONS"], rows);

        if (answer.Rollup.Count > 0)
        {
            terminal.Out.WriteLine();
            ListOutput.Table(terminal.Out, [groupBy.ToUpperInvariant(), "OK", "WARNING", "CRITICAL", "UNKNOWN"], answer.Rollup
                .OrderBy(r => r.Name, NaturalNameComparer.Instance)
                .Select(r => (IReadOnlyList<string>)[r.Name, Count(r.Ok), Count(r.Warning), Count(r.Critical), Count(r.Unknown)]));
        }

        terminal.Out.WriteLine(SummaryLine(answer.Summary));
        terminal.Out.Flush();
    }

    /// <summary><c>32 nodes: 28 ok, 2 warning, 1 critical, 1 unknown; 1 out-of-band only</c>.</summary>
    public static string SummaryLine(MonitorHealthSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int total = summary.Ok + summary.Warning + summary.Critical + summary.Unknown;
        string line = $"{total} node{(total == 1 ? "" : "s")}: {summary.Ok} ok, {summary.Warning} warning, {summary.Critical} critical, {summary.Unknown} unknown";
        return summary.OutOfBandOnly > 0 ? $"{line}; {summary.OutOfBandOnly} OUT-OF-BAND ONLY (primary path lost, BMC answers)" : line;
    }

    /// <summary><c>bmc up, primary down</c>, with <c>OOB only</c> in front when only the BMC is reachable.</summary>
    public static string Paths(MonitorNodeHealth node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string paths = $"bmc {node.Bmc}, primary {node.Primary}";
        return node.OutOfBandOnly ? $"OOB ONLY: {paths}" : paths;
    }

    /// <summary>The reasons, worst first, separated by <c>; </c>; <c>-</c> when there are none.</summary>
    public static string Reasons(MonitorNodeHealth node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var reasons = node.Reasons ?? [];
        return reasons.Count == 0
            ? "-"
            : string.Join("; ", reasons.OrderByDescending(r => MonitoringArgs.Rank(r.Severity)).Select(r => $"{r.Severity}: {r.Message}"));
    }

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
