using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Auth;
using Lifeline.Server.Hosting;
using Lifeline.Server.Inventory;
using Lifeline.Server.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Server.Apis;

// /monitoring/health, /monitoring/predictions, /monitoring/channels, /monitoring/notifications
internal static partial class MonitoringApi
{
    private static void MapHealth(RouteGroupBuilder group)
    {
        group.MapGet("/health", HealthAsync).WithName("monitoring.health").Requires(Permission.NodeViewer);
        group.MapGet("/predictions", PredictionsAsync).WithName("monitoring.predictions").Requires(Permission.NodeViewer);
        group.MapGet("/channels", ChannelsAsync).WithName("monitoring.channels").Requires(Permission.ServiceViewer);
        group.MapGet("/notifications", NotificationsAsync).WithName("monitoring.notifications").Requires(Permission.ServiceViewer);
    }

    private static async Task<Results<Ok<HealthAnswer>, ProblemHttpResult>> HealthAsync(
        string? noderange, [FromQuery(Name = "group_by")] string? groupBy, HttpContext context, NoderangeResolver resolver, IMonitoringStore store,
        MonitorStates states, MonitoringPipeline pipeline, HealthAssessor assessor, [FromKeyedServices(ServiceClock.Key)] TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (groupBy is not (null or "" or "group" or "site"))
        {
            return Problems.BadRequest($"group_by '{groupBy}' is not known", "use group or site");
        }
        var (_, nodes, problem) = await MonitoringScope.VisibleAsync(noderange, context, resolver, Role.Viewer, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        var now = time.GetUtcNow();
        var names = nodes.Select(n => n.Name).ToList();
        var alerts = names.Count == 0 ? [] : await store.QueryAlertsAsync(new AlertQuery { Nodes = names, Limit = 100_000 }, cancellationToken).ConfigureAwait(false);
        var events = names.Count == 0 ? [] : await store.QueryEventsAsync(new EventQuery
        {
            Nodes = names,
            Since = now - assessor.Options.EventLookback,
            MinSeverity = Severity.Critical,
            Limit = 10_000,
        }, cancellationToken).ConfigureAwait(false);
        var alertsByNode = alerts.ToLookup(a => a.Node, StringComparer.Ordinal);
        var eventsByNode = events.ToLookup(e => e.Node, StringComparer.Ordinal);

        var rows = new List<NodeHealthView>(nodes.Count);
        var healths = new List<NodeHealth>(nodes.Count);
        foreach (var node in nodes)
        {
            var state = states.Get(node.Name);
            var reachability = state.BmcUp is { } bmcUp ? new Reachability(node.Name, bmcUp, state.PrimaryUp, state.LastPollAt ?? now) : null;
            var latest = state.Sensors is { } sensors && state.LastError is { } gap ? new SensorSnapshot(node.Name, state.LastPollAt ?? now, [], gap) : state.Sensors;
            var health = assessor.Assess(node.Name, latest, pipeline.Predictions(node.Name), [.. alertsByNode[node.Name]], [.. eventsByNode[node.Name]],
                reachability, now);
            healths.Add(health);
            rows.Add(new NodeHealthView(node.Name, health.Health, health.CheckedAt ?? state.LastPollAt,
                Path(state.BmcUp), string.IsNullOrWhiteSpace(node.InbandAddress) ? "none" : Path(state.PrimaryUp), state.OutOfBandOnly,
                health.Reasons));
        }
        var placement = nodes.ToDictionary(n => n.Name, n => new NodePlacement(n.Groups, n.Location.Site), StringComparer.Ordinal);
        var rollup = FleetHealthRollup.Rollup(healths, placement);
        var kind = groupBy == "site" ? "site" : "group";
        var buckets = (kind == "site" ? rollup.Sites : rollup.Groups)
            .OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => new RollupView(kind, b.Key, b.Value.Ok, b.Value.Warning, b.Value.Critical, b.Value.Unknown)).ToArray();
        var total = rollup.Total;
        return TypedResults.Ok(new HealthAnswer(
            new SummaryView(total.Ok, total.Warning, total.Critical, total.Unknown, rows.Count(r => r.OutOfBandOnly)), buckets, [.. rows]));
    }

    private static string Path(bool? up) => up switch { true => "up", false => "down", null => "unknown" };

    private static async Task<Results<Ok<Prediction[]>, ProblemHttpResult>> PredictionsAsync(
        string? noderange, HttpContext context, NoderangeResolver resolver, MonitoringPipeline pipeline, CancellationToken cancellationToken)
    {
        var (_, nodes, problem) = await MonitoringScope.VisibleAsync(noderange, context, resolver, Role.Viewer, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        return TypedResults.Ok(nodes.SelectMany(n => pipeline.Predictions(n.Name)).ToArray());
    }

    private static async Task<Ok<ChannelStatus[]>> ChannelsAsync(NotificationDispatcher dispatcher, CancellationToken cancellationToken) =>
        TypedResults.Ok((await dispatcher.GetStatusAsync(cancellationToken).ConfigureAwait(false)).ToArray());

    private static async Task<Results<Ok<QueuedNotificationView[]>, ProblemHttpResult>> NotificationsAsync(
        string? state, int? limit, IMonitoringStore store, CancellationToken cancellationToken)
    {
        if (!MonitoringQuery.TryParseWord<DeliveryState>(state, out var filter))
        {
            return Problems.BadRequest($"'{state}' is not a delivery state", "use pending, delivered or expired");
        }
        if (MonitoringQuery.Limit(limit, MaxEvents, "notifications") is { } invalid)
        {
            return invalid;
        }
        var rows = await store.ListNotificationsAsync(filter, limit ?? 100, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(r => new QueuedNotificationView(r.Id, r.Channel, r.AlertId, r.Transition, r.State, r.Attempts,
            r.CreatedAt, r.NextAttemptAt, r.LastError, r.DeliveredAt)).ToArray());
    }
}

internal sealed record HealthAnswer(SummaryView Summary, RollupView[] Rollup, NodeHealthView[] Nodes);

internal sealed record SummaryView(int Ok, int Warning, int Critical, int Unknown, int OutOfBandOnly);

internal sealed record RollupView(string Kind, string Name, int Ok, int Warning, int Critical, int Unknown);

internal sealed record NodeHealthView(string Node, string Health, DateTimeOffset? CheckedAt, string Bmc, string Primary, bool OutOfBandOnly,
    IReadOnlyList<HealthReason> Reasons);

/// <summary>An outbox row without its payload (the alert is at /alerts/{alert_id}).</summary>
internal sealed record QueuedNotificationView(long Id, string Channel, long AlertId, AlertTransition Transition, DeliveryState State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? DeliveredAt);
