using System.Globalization;
using System.Text.Json;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary>What to ask <c>GET /monitoring/events</c> for.</summary>
/// <param name="Since">A duration (<c>1h</c>) or an ISO time, already in the query's form; null for no lower bound.</param>
public sealed record StoredEventsQuery(string Noderange, string? Since, string? Severity, string? Text, string? Source, int Limit);

/// <summary>
/// <c>events NODERANGE --stored|--since|--follow</c>: the monitor's stored events (<c>GET /monitoring/events</c>), one
/// line each: local time, node, severity (coloured on a terminal), source, sensor, message. <c>--follow</c> reads the
/// NDJSON stream until Ctrl-C, skips heartbeats, and when the stream drops reconnects with <c>after_id</c> = the last
/// event seen (saying so on stderr): at once after one drop, then waiting 1, 2, 4 … 30 s between failed attempts.
/// </summary>
public sealed class StoredEvents
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;
    private readonly TimeProvider _time;

    public StoredEvents(FleetClientFactory clients, ITerminal terminal, TimeProvider time)
    {
        _clients = clients;
        _terminal = terminal;
        _time = time;
    }

    /// <summary>The query string of <paramref name="query"/> (without <c>follow</c>/<c>after_id</c>).</summary>
    public static string Path(StoredEventsQuery query, bool follow, long? afterId)
    {
        ArgumentNullException.ThrowIfNull(query);
        return "monitoring/events?" + MonitoringArgs.QueryString(
            ("noderange", query.Noderange),
            ("since", query.Since),
            ("severity", query.Severity),
            ("text", query.Text),
            ("source", query.Source),
            ("limit", query.Limit.ToString(CultureInfo.InvariantCulture)),
            ("follow", follow ? "true" : null),
            ("after_id", afterId?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The wait before reconnecting after <paramref name="failures"/> drops or failed attempts in a row: a stream that
    /// ended cleanly or dropped once is resumed at once; then 1, 2, 4 … 30 s.
    /// </summary>
    public static TimeSpan Backoff(int failures) =>
        failures <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 2, 10))));

    /// <summary>One event as a line.</summary>
    public static string Line(MonitoredEventItem item, bool colour)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join("  ",
            MonitoringArgs.LocalTime(item.Time), item.Node, MonitoringArgs.Colour(item.Severity.PadRight(8), colour && MonitoringArgs.Rank(item.Severity) > 0),
            item.Source, item.Sensor ?? "-", item.Message.ReplaceLineEndings(" "));
    }

    /// <summary>Lists the stored events, newest first; returns the exit status.</summary>
    public async Task<int> ListAsync(StoredEventsQuery query, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(settings);
        FleetOperationRunner.CheckSyntax(query.Noderange);
        using var client = _clients.Create(settings.TimeoutSpan);
        var items = await client.GetAsync<JsonElement[]>(Path(query, follow: false, afterId: null), cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            await WriteAsync(item, settings.Format, cancellationToken).ConfigureAwait(false);
        }

        if (items.Length == query.Limit)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: showing the newest {query.Limit}; raise --limit or narrow with --since/--severity/--grep for more").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Follows the stream until Ctrl-C; returns <see cref="ExitCodes.Cancelled"/> then.</summary>
    /// <exception cref="FleetRequestException">The first connection failed, or the service refused a request (4xx).</exception>
    public async Task<int> FollowAsync(StoredEventsQuery query, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(settings);
        FleetOperationRunner.CheckSyntax(query.Noderange);
        using var client = _clients.Create(settings.TimeoutSpan);
        long? lastId = null;
        bool connected = false;
        int failures = 0;
        try
        {
            while (true)
            {
                string why;
                try
                {
                    await foreach (var line in client.GetLinesAsync(Path(query, follow: true, lastId), cancellationToken).ConfigureAwait(false))
                    {
                        connected = true;
                        failures = 0;
                        if (line.ValueKind != JsonValueKind.Object || line.TryGetProperty("heartbeat", out _))
                        {
                            continue;
                        }

                        lastId = await WriteAsync(line, settings.Format, cancellationToken).ConfigureAwait(false) ?? lastId;
                    }

                    // A stream that ends at once again and again (a proxy, an older service) must not spin: count it.
                    why = "the service ended the event stream";
                    failures++;
                }
                catch (FleetRequestException e) when (connected && e.Status is null or >= 500 && !cancellationToken.IsCancellationRequested)
                {
                    why = $"the event stream dropped: {e.Message}";
                    failures++;
                }

                connected = true;
                string after = lastId is { } id ? $"after event {id.ToString(CultureInfo.InvariantCulture)}" : "from the start";
                var wait = Backoff(failures);
                await _terminal.Error.WriteLineAsync(wait > TimeSpan.Zero
                    ? $"lifeline: {why}; reconnecting {after} in {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
                    : $"lifeline: {why}; reconnecting {after}").ConfigureAwait(false);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the normal end of --follow.
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Writes one event (JSON as sent, or a line); returns its id.</summary>
    private async Task<long?> WriteAsync(JsonElement element, OutputFormat format, CancellationToken cancellationToken)
    {
        MonitoredEventItem? item;
        try
        {
            item = element.Deserialize<MonitoredEventItem>(FleetJson.Options);
        }
        catch (JsonException e)
        {
            throw new FleetRequestException($"the service sent an event this lifeline cannot read: {e.Message}",
                "use a lifeline command of the same version as the service", ExitCodes.SomeFailed, null, e);
        }

        if (item is null)
        {
            return null;
        }

        await _terminal.Out.WriteLineAsync(format == OutputFormat.Json ? element.GetRawText() : Line(item, _terminal.IsOutputInteractive)).ConfigureAwait(false);
        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return item.Id;
    }
}
