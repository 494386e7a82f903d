using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>/rules</c>: the alert rules in force — the built-in defaults (marked <c>builtin</c>; a stored rule of the same
/// name replaces one, e.g. to disable it) and the stored ones. Changing rules needs the admin role over <c>*</c>.
/// </summary>
internal static class RulesApi
{
    private static readonly HashSet<string> Builtin = DefaultRules.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    public static void MapRulesApi(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/rules").WithTags("Alerts");
        rules.MapGet("/", ListAsync).WithName("rules.list").Requires(Permission.NodeViewer);
        rules.MapGet("/{name}", GetAsync).WithName("rules.get").Requires(Permission.NodeViewer);
        rules.MapPut("/{name}", PutAsync).WithName("rules.set").Requires(Permission.ServiceAdmin);
        rules.MapDelete("/{name}", DeleteAsync).WithName("rules.remove").Requires(Permission.ServiceAdmin);
    }

    private static async Task<IReadOnlyList<RuleView>> AllAsync(IMonitoringStore store, CancellationToken cancellationToken)
    {
        var stored = await store.ListRulesAsync(cancellationToken).ConfigureAwait(false);
        var byName = DefaultRules.All.ToDictionary(r => r.Name, r => r, StringComparer.Ordinal);
        foreach (var rule in stored)
        {
            byName[rule.Name] = rule;
        }
        return [.. byName.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => RuleView.From(r, Builtin.Contains(r.Name)))];
    }

    private static async Task<Ok<RuleView[]>> ListAsync(IMonitoringStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await AllAsync(store, cancellationToken).ConfigureAwait(false)).ToArray());

    private static async Task<Results<Ok<RuleView>, ProblemHttpResult>> GetAsync(string name, IMonitoringStore store, CancellationToken cancellationToken)
    {
        var rule = (await AllAsync(store, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Name == name);
        return rule is null ? Problems.NotFound($"no rule {name}", "list rules with GET /api/v1/rules") : TypedResults.Ok(rule);
    }

    private static async Task<Results<Ok<RuleView>, ProblemHttpResult>> PutAsync(
        string name, RuleBody body, HttpContext context, IMonitoringStore store, AlertEngine engine, NotificationDispatcher dispatcher, AuditWriter audit,
        CancellationToken cancellationToken)
    {
        if (!Names.IsValid(name))
        {
            return Problems.BadRequest($"'{name}' is not a valid rule name", "use letters, digits, '.', '_' and '-' (at most 64)");
        }
        var rule = body.ToRule(name);
        var problems = AlertRuleValidator.Validate(rule, [.. dispatcher.Channels.Select(c => c.Name)]);
        if (problems.Count > 0)
        {
            return Problems.BadRequest(string.Join("; ", problems), "fix the rule's fields (see docs/alerts.md \"Rules\")");
        }
        await store.SaveRuleAsync(rule, cancellationToken).ConfigureAwait(false);
        engine.InvalidateRules();
        await audit.WriteAsync(context, context.GetCaller().UserName, "rules.set", $"rule:{name}", AuditWriter.Ok, RuleView.From(rule, Builtin.Contains(name)))
            .ConfigureAwait(false);
        return TypedResults.Ok(RuleView.From(rule, Builtin.Contains(name)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, HttpContext context, IMonitoringStore store, AlertEngine engine, AuditWriter audit, CancellationToken cancellationToken)
    {
        bool removed = await store.DeleteRuleAsync(name, cancellationToken).ConfigureAwait(false);
        if (!removed)
        {
            return Builtin.Contains(name)
                ? Problems.Conflict($"{name} is a built-in rule", $"turn it off instead: PUT /api/v1/rules/{name} with \"enabled\": false")
                : Problems.NotFound($"no rule {name}", "list rules with GET /api/v1/rules");
        }
        engine.InvalidateRules();
        await audit.WriteAsync(context, context.GetCaller().UserName, "rules.remove", $"rule:{name}", AuditWriter.Ok, null).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}

/// <summary>A rule as the API shows it: the stored fields plus whether it is one of the built-in defaults.</summary>
internal sealed record RuleView(string Name, RuleKind Kind, Severity Severity, bool Enabled, string? Nodes, string? Description, string? Sensor,
    string? SensorType, double? Above, double? Below, string? Status, string? Trend, Severity? EventSeverity, string? Match, string? Path,
    TimeSpan For, IReadOnlyList<string>? Channels, bool Builtin)
{
    public static RuleView From(AlertRule r, bool builtin) => new(r.Name, r.Kind, r.Severity, r.Enabled, r.Nodes, r.Description, r.Sensor,
        r.SensorType, r.Above, r.Below, r.Status, r.Trend, r.EventSeverity, r.Match, r.Path, r.For, r.Channels, builtin);
}

/// <summary>The body of PUT /rules/{name}: every field but the name.</summary>
internal sealed record RuleBody(RuleKind Kind, Severity? Severity, bool? Enabled, string? Nodes, string? Description, string? Sensor,
    string? SensorType, double? Above, double? Below, string? Status, string? Trend, Severity? EventSeverity, string? Match, string? Path,
    TimeSpan? For, IReadOnlyList<string>? Channels)
{
    public AlertRule ToRule(string name) => new()
    {
        Name = name,
        Kind = Kind,
        Severity = Severity ?? Lifeline.Monitoring.Model.Severity.Warning,
        Enabled = Enabled ?? true,
        Nodes = string.IsNullOrWhiteSpace(Nodes) ? null : Nodes.Trim(),
        Description = Description,
        Sensor = Sensor,
        SensorType = SensorType,
        Above = Above,
        Below = Below,
        Status = Status,
        Trend = Trend,
        EventSeverity = EventSeverity,
        Match = Match,
        Path = Path,
        For = For ?? TimeSpan.Zero,
        Channels = Channels,
    };
}
