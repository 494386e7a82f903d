using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;
using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Audit;
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
/// <c>/alerts</c> and <c>/silences</c>: alerts of the nodes the caller may view; acknowledging and resolving need the
/// operator role on the alert's node, silences the operator role on every node they cover (admin over <c>*</c> for
/// all nodes). Every change is audited and goes through the alert engine, so the channels hear of it.
/// </summary>
internal static class AlertsApi
{
    private const int MaxAlerts = 10_000;

    public static void MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).WithName("alerts.list").Requires(Permission.NodeViewer);
        alerts.MapGet("/{id:long}", GetAsync).WithName("alerts.get").Requires(Permission.NodeViewer);
        alerts.MapPost("/{id:long}/ack", (long id, AlertAction? body, HttpContext c, IMonitoringStore s, InventoryCache i, AlertEngine e, AuditWriter a, CancellationToken t) =>
            ChangeAsync(id, body, acknowledge: true, c, s, i, e, a, t)).WithName("alerts.ack").Requires(Permission.NodeOperator);
        alerts.MapPost("/{id:long}/resolve", (long id, AlertAction? body, HttpContext c, IMonitoringStore s, InventoryCache i, AlertEngine e, AuditWriter a, CancellationToken t) =>
            ChangeAsync(id, body, acknowledge: false, c, s, i, e, a, t)).WithName("alerts.resolve").Requires(Permission.NodeOperator);

        var silences = api.MapGroup("/silences").WithTags("Alerts");
        silences.MapGet("/", SilencesAsync).WithName("silences.list").Requires(Permission.NodeViewer);
        silences.MapPost("/", SilenceAsync).WithName("silences.add").Requires(Permission.NodeOperator);
        silences.MapDelete("/{id:long}", EndSilenceAsync).WithName("silences.end").Requires(Permission.NodeOperator);
    }

    private static async Task<Results<Ok<Alert[]>, ProblemHttpResult>> ListAsync(
        string? noderange, string? state, string? severity, string? rule, int? limit, HttpContext context, NoderangeResolver resolver,
        IMonitoringStore store, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<AlertState>? states = state?.ToLowerInvariant() switch
        {
            null or "" or "open" => null,
            "firing" => [AlertState.Firing],
            "acknowledged" => [AlertState.Acknowledged],
            "resolved" => [AlertState.Resolved],
            "all" => [AlertState.Firing, AlertState.Acknowledged, AlertState.Resolved],
            _ => [],
        };
        if (states is { Count: 0 })
        {
            return Problems.BadRequest($"'{state}' is not an alert state", "use open, firing, acknowledged, resolved or all");
        }
        if ((MonitoringQuery.Severity(severity, out var minimum) ?? MonitoringQuery.Limit(limit, MaxAlerts, "alerts")) is { } invalid)
        {
            return invalid;
        }
        var (_, nodes, problem) = await MonitoringScope.VisibleAsync(noderange, context, resolver, Role.Viewer, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (nodes.Count == 0)
        {
            return TypedResults.Ok(Array.Empty<Alert>());
        }
        var alerts = await store.QueryAlertsAsync(new AlertQuery
        {
            Nodes = [.. nodes.Select(n => n.Name)],
            States = states,
            MinSeverity = minimum,
            Rule = string.IsNullOrWhiteSpace(rule) ? null : rule,
            Limit = limit ?? 1000,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(alerts.ToArray());
    }

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> GetAsync(
        long id, HttpContext context, IMonitoringStore store, InventoryCache inventory, CancellationToken cancellationToken)
    {
        var (alert, problem) = await FindAsync(id, context, store, inventory, Role.Viewer, cancellationToken).ConfigureAwait(false);
        return problem ?? (Results<Ok<Alert>, ProblemHttpResult>)TypedResults.Ok(alert!);
    }

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> ChangeAsync(
        long id, AlertAction? body, bool acknowledge, HttpContext context, IMonitoringStore store, InventoryCache inventory, AlertEngine engine,
        AuditWriter audit, CancellationToken cancellationToken)
    {
        var (alert, problem) = await FindAsync(id, context, store, inventory, Role.Operator, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (body?.Comment is { Length: > 2000 })
        {
            return Problems.BadRequest("the comment is longer than 2000 characters", "shorten the comment");
        }
        if (alert!.State == AlertState.Resolved)
        {
            return Problems.Conflict($"alert {id} is already resolved (by {alert.ResolvedBy} at {alert.ResolvedAt:u})", "nothing to do; list open alerts with GET /api/v1/alerts");
        }
        if (acknowledge && alert.State == AlertState.Acknowledged)
        {
            return Problems.Conflict($"alert {id} is already acknowledged (by {alert.AcknowledgedBy} at {alert.AcknowledgedAt:u})", "resolve it when the cause is fixed");
        }
        var who = context.GetCaller().UserName;
        var changed = acknowledge
            ? await engine.AcknowledgeAsync(id, who, body?.Comment, cancellationToken).ConfigureAwait(false)
            : await engine.ResolveAsync(id, who, body?.Comment, cancellationToken).ConfigureAwait(false);
        if (changed is null)
        {
            return Problems.NotFound($"no alert {id}", "list alerts with GET /api/v1/alerts");
        }
        await audit.WriteAsync(context, who, acknowledge ? "alerts.ack" : "alerts.resolve", $"node:{changed.Node}", AuditWriter.Ok,
            new { alert = id, rule = changed.Rule, comment = body?.Comment }).ConfigureAwait(false);
        return TypedResults.Ok(changed);
    }

    private static async Task<(Alert? Alert, ProblemHttpResult? Problem)> FindAsync(
        long id, HttpContext context, IMonitoringStore store, InventoryCache inventory, Role role, CancellationToken cancellationToken)
    {
        var alert = await store.GetAlertAsync(id, cancellationToken).ConfigureAwait(false);
        if (alert is null)
        {
            return (null, Problems.NotFound($"no alert {id}", "list alerts with GET /api/v1/alerts"));
        }
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        var caller = context.GetCaller();
        // an alert of a node that left the inventory is the service's business: admins over * only
        bool allowed = view.Nodes.TryGetValue(alert.Node, out var node) ? caller.Allows(role, node.Groups) : caller.AllowsService(Role.Admin);
        if (!allowed)
        {
            return (null, role == Role.Viewer
                ? Problems.NotFound($"no alert {id}", "list alerts with GET /api/v1/alerts")
                : Problems.Forbidden($"alert {id} is about {alert.Node}, outside your {PermissionGate.Name(role)} scope"));
        }
        return (alert, null);
    }

    private static async Task<Ok<Silence[]>> SilencesAsync(HttpContext context, IMonitoringStore store, InventoryCache inventory,
        [FromKeyedServices(ServiceClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var silences = await store.ListSilencesAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(silences.ToArray());
    }

    private static async Task<Results<Created<Silence>, ProblemHttpResult>> SilenceAsync(
        SilenceRequest body, HttpContext context, NoderangeResolver resolver, AlertEngine engine, AuditWriter audit,
        [FromKeyedServices(ServiceClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var now = time.GetUtcNow();
        DateTimeOffset endsAt;
        if (body.EndsAt is { } until)
        {
            endsAt = until;
        }
        else if (QueryTime.TryParseDuration(body.Duration, out var span))
        {
            endsAt = now + span;
        }
        else
        {
            return Problems.BadRequest(body.Duration is null ? "a silence needs a duration or ends_at" : $"'{body.Duration}' is not a duration",
                "give \"duration\": \"2h\" (90s, 15m, 1h, 2d) or \"ends_at\": an ISO 8601 time");
        }
        if (endsAt <= now)
        {
            return Problems.BadRequest($"the silence would end at {endsAt:u}, in the past", "give a later end");
        }
        if (string.IsNullOrWhiteSpace(body.Comment) || body.Comment.Length > 2000)
        {
            return Problems.BadRequest("a silence needs a comment (at most 2000 characters)", "say why the alerts are silenced");
        }
        if (string.IsNullOrWhiteSpace(body.Noderange))
        {
            if (!caller.AllowsService(Role.Admin))
            {
                return Problems.Forbidden("silencing every node needs the admin role over *", "give a noderange within your operator scope");
            }
        }
        else
        {
            var (view, names, problem) = await resolver.ResolveAsync(body.Noderange, required: true, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
            var outside = names.Where(n => !view.Nodes.TryGetValue(n, out var node) || !caller.Allows(Role.Operator, node.Groups)).Take(5).ToList();
            if (outside.Count > 0)
            {
                return Problems.Forbidden($"{string.Join(", ", outside)} {(outside.Count == 1 ? "is" : "are")} outside your operator scope",
                    "narrow the noderange to nodes you operate");
            }
        }
        var silence = await engine.SilenceAsync(string.IsNullOrWhiteSpace(body.Noderange) ? null : body.Noderange.Trim(),
            string.IsNullOrWhiteSpace(body.Rule) ? null : body.Rule.Trim(), endsAt, caller.UserName, body.Comment.Trim(), cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, caller.UserName, "silences.add", silence.Nodes is null ? "node:*" : $"noderange:{silence.Nodes}", AuditWriter.Ok,
            new { silence = silence.Id, rule = silence.Rule, ends_at = silence.EndsAt, comment = silence.Comment }).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/silences/{silence.Id}", silence);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSilenceAsync(
        long id, HttpContext context, IMonitoringStore store, NoderangeResolver resolver, AlertEngine engine, AuditWriter audit,
        [FromKeyedServices(ServiceClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var silence = (await store.ListSilencesAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Id == id);
        if (silence is null)
        {
            return Problems.NotFound($"no active silence {id}", "list silences with GET /api/v1/silences");
        }
        if (silence.Nodes is null ? !caller.AllowsService(Role.Admin) : !await CoversAsync(silence.Nodes, caller, resolver, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Forbidden($"silence {id} covers nodes outside your operator scope");
        }
        await engine.EndSilenceAsync(id, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, caller.UserName, "silences.end", silence.Nodes is null ? "node:*" : $"noderange:{silence.Nodes}", AuditWriter.Ok,
            new { silence = id }).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<bool> CoversAsync(string noderange, Caller caller, NoderangeResolver resolver, CancellationToken cancellationToken)
    {
        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: true, cancellationToken).ConfigureAwait(false);
        return problem is null && names.All(n => view.Nodes.TryGetValue(n, out var node) && caller.Allows(Role.Operator, node.Groups));
    }
}

/// <summary>The body of ack and resolve.</summary>
internal sealed record AlertAction(string? Comment);

/// <summary>The body of POST /silences.</summary>
internal sealed record SilenceRequest(string? Noderange, string? Rule, string? Duration, DateTimeOffset? EndsAt, string? Comment);
