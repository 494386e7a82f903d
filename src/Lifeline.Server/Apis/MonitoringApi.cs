using System.Text.Json;
using Lifeline.Fleet.Security;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Auth;
using Lifeline.Server.Hosting;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>/monitoring/…</c>: sensor history and stored events (with <c>follow</c>), from the monitoring store; health,
/// predictions and channels are in <c>MonitoringApi.Health.cs</c>. Every answer is limited to the nodes the caller may view.
/// </summary>
internal static partial class MonitoringApi
{
    private const int MaxEvents = 10_000;
    private static readonly TimeSpan FollowPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapMonitoringApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/monitoring").WithTags("Monitoring");
        group.MapGet("/sensors/history", HistoryAsync).WithName("monitoring.history").Requires(Permission.NodeViewer);
        group.MapGet("/events", EventsAsync).WithName("monitoring.events").Requires(Permission.NodeViewer);
        MapHealth(group);
    }

    private static async Task<Results<Ok<SensorSeries[]>, ProblemHttpResult>> HistoryAsync(
        string? noderange, string? sensor, string? since, string? until, string? resolution, HttpContext context, NoderangeResolver resolver,
        IMonitoringStore store, [FromKeyedServices(ServiceClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!QueryTime.TryParse(since ?? "1h", now, out var from) || !QueryTime.TryParse(until, now, out var to))
        {
            return Problems.BadRequest($"'{since ?? until}' is not a time", QueryTime.Hint);
        }
        SeriesResolution? tier = resolution?.ToLowerInvariant() switch
        {
            null or "" or "auto" => SeriesResolution.Auto,
            "raw" => SeriesResolution.Raw,
            "5m" or "five-minutes" => SeriesResolution.FiveMinutes,
            _ => null,
        };
        if (tier is null)
        {
            return Problems.BadRequest($"'{resolution}' is not a resolution", "use auto, raw or 5m");
        }
        var (_, nodes, problem) = await MonitoringScope.VisibleAsync(noderange, context, resolver, Role.Viewer, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (nodes.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<SensorSeries>());
        }
        var query = new SeriesQuery([.. nodes.Select(n => n.Name)], string.IsNullOrWhiteSpace(sensor) ? null : sensor, from!.Value, to ?? now, tier.Value);
        var series = await store.ReadSeriesAsync(query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(series.ToArray());
    }

    private static async Task<IResult> EventsAsync(
        string? noderange, string? since, string? until, string? severity, string? text, string? source, int? limit,
        [FromQuery(Name = "after_id")] long? afterId, bool? follow, HttpContext context, NoderangeResolver resolver, IMonitoringStore store,
        [FromKeyedServices(ServiceClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!QueryTime.TryParse(since, now, out var from) || !QueryTime.TryParse(until, now, out var to))
        {
            return Problems.BadRequest($"'{since ?? until}' is not a time", QueryTime.Hint);
        }
        if ((MonitoringQuery.Severity(severity, out var minimum) ?? MonitoringQuery.Limit(limit, MaxEvents, "events")) is { } invalid)
        {
            return invalid;
        }
        var (_, nodes, problem) = await MonitoringScope.VisibleAsync(noderange, context, resolver, Role.Viewer, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        var query = new EventQuery
        {
            Nodes = [.. nodes.Select(n => n.Name)],
            Since = from,
            Until = to,
            MinSeverity = minimum,
            Text = string.IsNullOrWhiteSpace(text) ? null : text,
            Source = string.IsNullOrWhiteSpace(source) ? null : source,
            AfterId = afterId,
            Limit = limit ?? 1000,
        };
        if (follow != true)
        {
            var events = nodes.Count == 0 ? [] : await store.QueryEventsAsync(query, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(events.Select(EventView.From).ToArray());
        }
        await FollowAsync(context, store, query, time, cancellationToken).ConfigureAwait(false);
        return TypedResults.Empty;
    }

    /// <summary>
    /// NDJSON: the backlog (oldest first), then every event as it is stored, until the client goes away. Reads the
    /// store by id, so it sees what every server of the cluster stored.
    /// </summary>
    private static async Task FollowAsync(HttpContext context, IMonitoringStore store, EventQuery query, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "application/x-ndjson";
        response.Headers.CacheControl = "no-cache";
        long after = query.AfterId ?? 0;
        if (query.AfterId is null)
        {
            // the backlog: the newest `limit` matching events, sent oldest first
            var backlog = query.Nodes!.Count == 0 ? [] : await store.QueryEventsAsync(query with { AfterId = null }, cancellationToken).ConfigureAwait(false);
            foreach (var e in backlog.Reverse())
            {
                await WriteLineAsync(response, EventView.From(e), cancellationToken).ConfigureAwait(false);
            }
            after = backlog.Count > 0 ? backlog.Max(e => e.Id) : await LatestIdAsync(store, cancellationToken).ConfigureAwait(false);
        }
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        var lastWrite = time.GetTimestamp();
        var live = query with { Since = null, Until = null };
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(FollowPoll, time, cancellationToken).ConfigureAwait(false);
                var fresh = live.Nodes!.Count == 0 ? [] : await store.QueryEventsAsync(live with { AfterId = after }, cancellationToken).ConfigureAwait(false);
                foreach (var e in fresh)
                {
                    await WriteLineAsync(response, EventView.From(e), cancellationToken).ConfigureAwait(false);
                    after = Math.Max(after, e.Id);
                }
                if (fresh.Count == 0 && time.GetElapsedTime(lastWrite) >= Heartbeat)
                {
                    await WriteLineAsync(response, new { heartbeat = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                }
                if (fresh.Count > 0 || time.GetElapsedTime(lastWrite) >= Heartbeat)
                {
                    await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    lastWrite = time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the client went away
        }
    }

    /// <summary>The newest stored event's id (following starts after it), or 0.</summary>
    private static async Task<long> LatestIdAsync(IMonitoringStore store, CancellationToken cancellationToken)
    {
        var newest = await store.QueryEventsAsync(new EventQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return newest.Count == 0 ? 0 : newest[0].Id;
    }

    private static async Task WriteLineAsync<T>(HttpResponse response, T value, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(response.Body, value, MonitoringJson.Options, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An event as the API shows it.</summary>
internal sealed record EventView(long Id, string Node, DateTimeOffset Time, Severity Severity, string Source, string Message, string? Sensor,
    string? Kind, string? Raw, DateTimeOffset ReceivedAt)
{
    public static EventView From(MonitoredEvent e) => new(e.Id, e.Node, e.Time, e.Severity, e.Source, e.Message, e.Sensor, e.Kind, e.Raw, e.ReceivedAt);
}
