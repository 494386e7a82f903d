using System.Text.Json;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary>
/// <c>sensors NODERANGE --history 1h</c> (<c>GET /monitoring/sensors/history</c>): per node and sensor one line with
/// min/avg/max, a sparkline of the averages and the number of gaps; <c>-o json</c> writes the series as the service
/// sent them, one per line.
/// </summary>
public static class SensorHistory
{
    /// <summary>The sparkline width when the output is not a terminal.</summary>
    public const int DefaultWidth = 40;

    /// <summary>Fetches and writes the history; returns the exit status.</summary>
    public static async Task<int> RunAsync(
        FleetClientFactory clients, ITerminal terminal, string noderange, TimeSpan history, string? sensor, string resolution, int? width,
        ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(settings);
        FleetOperationRunner.CheckSyntax(noderange);
        using var client = clients.Create(settings.TimeoutSpan);
        string path = "monitoring/sensors/history?" + MonitoringArgs.QueryString(
            ("noderange", noderange), ("sensor", sensor), ("since", MonitoringArgs.Query(history)), ("resolution", resolution));
        var raw = await client.GetAsync<JsonElement[]>(path, cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            foreach (var item in raw)
            {
                await terminal.Out.WriteLineAsync(item.GetRawText()).ConfigureAwait(false);
            }

            await terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        List<SensorSeriesItem> series;
        try
        {
            series = [.. raw.Select(r => r.Deserialize<SensorSeriesItem>(FleetJson.Options) ?? throw new JsonException("a series is null"))];
        }
        catch (JsonException e)
        {
            throw new FleetRequestException($"the service answered {path} with something this lifeline cannot read: {e.Message}",
                "use a lifeline command of the same version as the service", ExitCodes.SomeFailed, null, e);
        }

        if (series.Count == 0)
        {
            await terminal.Error.WriteLineAsync(
                $"lifeline: no sensor history for '{noderange}'{(sensor is null ? "" : $" matching '{sensor}'")} in the last {MonitoringArgs.Query(history)} " +
                "(the monitor may not have polled yet; lifeline sensors NODERANGE reads the BMCs now)").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        Write(terminal.Out, series, width ?? FitWidth(terminal));
        return ExitCodes.Ok;
    }

    /// <summary>One line per node and sensor: <c>node  sensor  unit  min/avg/max  sparkline  (gaps: N)</c>.</summary>
    public static void Write(TextWriter output, IReadOnlyList<SensorSeriesItem> series, int width)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(series);
        var rows = series
            .OrderBy(s => s.Node, NaturalNameComparer.Instance)
            .ThenBy(s => s.Sensor, StringComparer.OrdinalIgnoreCase)
            .Select(s => (IReadOnlyList<string>)[s.Node, s.Sensor, s.Unit ?? "", Stats(s.Points), Trend(s.Points, width)]);
        ListOutput.Table(output, ["NODE", "SENSOR", "UNIT", "MIN/AVG/MAX", "TREND"], rows);
    }

    /// <summary><c>7900/8010/8100</c>, or <c>-</c> when nothing was measured.</summary>
    public static string Stats(IReadOnlyList<SeriesPointItem> points) =>
        Sparkline.Summary(points) is { } s
            ? $"{MonitoringArgs.Number(s.Min)}/{MonitoringArgs.Number(s.Avg)}/{MonitoringArgs.Number(s.Max)}"
            : "-";

    /// <summary>The sparkline and, when there are any, the gaps: <c>▁▃▅█·▇ (gaps: 1)</c>.</summary>
    public static string Trend(IReadOnlyList<SeriesPointItem> points, int width)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return "(no points)";
        }

        int gaps = Sparkline.Gaps(points);
        string line = Sparkline.Render(points, width);
        return gaps > 0 ? $"{line} (gaps: {gaps})" : line;
    }

    /// <summary>On a terminal: what is left of its width after the other columns (10 to 120); else <see cref="DefaultWidth"/>.</summary>
    private static int FitWidth(ITerminal terminal)
    {
        if (!terminal.IsOutputInteractive)
        {
            return DefaultWidth;
        }

        try
        {
            int columns = Console.WindowWidth;
            return columns > 0 ? Math.Clamp(columns - 60, 10, 120) : DefaultWidth;
        }
        catch (IOException)
        {
            return DefaultWidth;
        }
    }
}
