using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>/nodes</c>: the inventory. Reads are filtered to the nodes the caller may view; writes need admin over every node
/// they touch (before and after the change) and are all or nothing: one node out of scope refuses the whole request.
/// </summary>
internal static class NodesApi
{
    public static void MapNodesApi(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/nodes").WithTags("Nodes");
        nodes.MapGet("/", ListAsync).WithName("nodes.list").Requires(Permission.NodeViewer);
        nodes.MapGet("/{name}", GetAsync).WithName("nodes.get").Requires(Permission.NodeViewer);
        nodes.MapPost("/", AddAsync).WithName("nodes.add").Requires(Permission.NodeAdmin).Accepts<NodeDefinition[]>("application/json");
        nodes.MapPatch("/", ChangeAsync).WithName("nodes.change").Requires(Permission.NodeAdmin).Accepts<JsonObject>("application/json");
        nodes.MapDelete("/", RemoveAsync).WithName("nodes.remove").Requires(Permission.NodeAdmin);
    }

    private static async Task<Results<Ok<NodeDefinition[]>, ProblemHttpResult>> ListAsync(
        string? noderange, bool? effective, HttpContext context, NoderangeResolver resolver, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var visible = names.Select(n => view.Nodes.GetValueOrDefault(n)).OfType<NodeDefinition>()
            .Where(n => caller.Allows(Role.Viewer, n.Groups))
            .Select(n => effective == true ? Effective(view, n) : n);
        return TypedResults.Ok(visible.ToArray());
    }

    private static async Task<Results<Ok<NodeDefinition>, ProblemHttpResult>> GetAsync(
        string name, bool? effective, HttpContext context, InventoryCache inventory, CancellationToken cancellationToken)
    {
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        var (node, problem) = Find(view, name, context.GetCaller(), Role.Viewer);
        return problem ?? (Results<Ok<NodeDefinition>, ProblemHttpResult>)TypedResults.Ok(effective == true ? Effective(view, node!) : node!);
    }

    private static async Task<Results<Created<NodesChanged>, ProblemHttpResult>> AddAsync(
        JsonElement body, HttpContext context, IFleetStore store, InventoryCache inventory, InventoryChanges changes, AuditWriter audit,
        NoderangeResolver resolver, CancellationToken cancellationToken)
    {
        List<NodeDefinition> nodes;
        try
        {
            nodes = body.ValueKind == JsonValueKind.Array
                ? body.Deserialize<List<NodeDefinition>>(FleetJson.Options) ?? []
                : [body.Deserialize<NodeDefinition>(FleetJson.Options)!];
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"the body is not a node or an array of nodes: {ex.Message}",
                "send {\"name\": \"n1\", \"groups\": [\"rack1\"], \"ipmi_url\": \"ipmi://admin@10.0.0.1\"} or an array of such objects");
        }

        nodes = [.. nodes.Select(NodeValidation.Normalise)];
        if (nodes.Count == 0)
        {
            return Problems.BadRequest("no nodes in the body", "send one node object or a non-empty array");
        }

        if (nodes.Select(NodeValidation.Check).FirstOrDefault(e => e is not null) is { } invalid)
        {
            return Problems.BadRequest(invalid, "fix the node definition and send it again");
        }

        if (nodes.GroupBy(n => n.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Problems.BadRequest($"node {twice.Key} appears twice in the body", "send each node once");
        }

        var caller = context.GetCaller();
        var outside = nodes.Where(n => !caller.Allows(Role.Admin, n.Groups)).Select(n => n.Name).ToList();
        if (outside.Count > 0)
        {
            return await DeniedAsync(context, audit, caller, "nodes.add", outside, resolver).ConfigureAwait(false);
        }

        // all or nothing, and atomic in the store: two servers adding the same name cannot both succeed
        var existing = await store.AddNodesAsync(nodes, cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            return Problems.Conflict($"these nodes exist: {resolver.Engine.Fold(existing)}", "change them with PATCH /api/v1/nodes?noderange=..., or remove them first");
        }

        var names = nodes.Select(n => n.Name).ToList();
        await changes.AppliedAsync(names, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, caller.UserName, "nodes.add", resolver.Engine.Fold(names), AuditWriter.Ok, new { nodes = names }).ConfigureAwait(false);
        return TypedResults.Created("/api/v1/nodes", new NodesChanged(names.Count, names));
    }

    private static async Task<Results<Ok<NodesChanged>, ProblemHttpResult>> ChangeAsync(
        string? noderange, JsonNode? body, HttpContext context, IFleetStore store, InventoryChanges changes, AuditWriter audit, NoderangeResolver resolver,
        CancellationToken cancellationToken)
    {
        var (patch, error) = NodePatch.Parse(body);
        if (patch is null)
        {
            return Problems.BadRequest(error!, "send {\"groups\": [\"rack1\"], \"attributes\": {\"os\": \"debian\"}} (null removes an attribute)");
        }

        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: true, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var caller = context.GetCaller();
        var before = names.Select(n => view.Nodes.GetValueOrDefault(n)).OfType<NodeDefinition>().ToList();
        List<NodeDefinition> after;
        try
        {
            after = [.. before.Select(n => NodeValidation.Normalise(patch.Apply(n)))];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return Problems.BadRequest($"a member has the wrong type: {ex.Message}", "strings for urls and names, an array of strings for groups, an object for location and attributes");
        }

        if (after.Select(NodeValidation.Check).FirstOrDefault(e => e is not null) is { } invalid)
        {
            return Problems.BadRequest(invalid, "fix the patch and send it again");
        }

        var outside = before.Zip(after).Where(p => !caller.Allows(Role.Admin, p.First.Groups) || !caller.Allows(Role.Admin, p.Second.Groups))
            .Select(p => p.First.Name).ToList();
        if (outside.Count > 0)
        {
            return await DeniedAsync(context, audit, caller, "nodes.change", outside, resolver).ConfigureAwait(false);
        }

        var changed = after.Select(n => n.Name).ToList();
        if (after.Count > 0)
        {
            await store.UpsertNodesAsync(after, cancellationToken).ConfigureAwait(false);
            await changes.AppliedAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        await audit.WriteAsync(context, caller.UserName, "nodes.change", noderange, AuditWriter.Ok, new { fields = patch.Fields, nodes = changed }).ConfigureAwait(false);
        return TypedResults.Ok(new NodesChanged(changed.Count, changed));
    }

    private static async Task<Results<Ok<NodesChanged>, ProblemHttpResult>> RemoveAsync(
        string? noderange, HttpContext context, IFleetStore store, InventoryChanges changes, AuditWriter audit, NoderangeResolver resolver,
        CancellationToken cancellationToken)
    {
        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: true, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var caller = context.GetCaller();
        var nodes = names.Select(n => view.Nodes.GetValueOrDefault(n)).OfType<NodeDefinition>().ToList();
        var outside = nodes.Where(n => !caller.Allows(Role.Admin, n.Groups)).Select(n => n.Name).ToList();
        if (outside.Count > 0)
        {
            return await DeniedAsync(context, audit, caller, "nodes.remove", outside, resolver).ConfigureAwait(false);
        }

        var removed = nodes.Select(n => n.Name).ToList();
        if (removed.Count > 0)
        {
            await store.RemoveNodesAsync(removed, cancellationToken).ConfigureAwait(false);
            await changes.AppliedAsync(removed, cancellationToken).ConfigureAwait(false);
        }

        await audit.WriteAsync(context, caller.UserName, "nodes.remove", noderange, AuditWriter.Ok, new { nodes = removed }).ConfigureAwait(false);
        return TypedResults.Ok(new NodesChanged(removed.Count, removed));
    }

    /// <summary>The node by name when the caller holds <paramref name="role"/> over it; 404 unknown, 403 outside scope.</summary>
    internal static (NodeDefinition? Node, ProblemHttpResult? Problem) Find(InventoryView view, string name, Caller caller, Role role)
    {
        if (!view.Nodes.TryGetValue(name, out var node))
        {
            return (null, Problems.NotFound($"no node {name}", "list nodes with GET /api/v1/nodes"));
        }

        if (!caller.Allows(role, node.Groups))
        {
            return (null, Problems.Forbidden($"{name} is outside your {PermissionGate.Name(role)} scope"));
        }

        return (node, null);
    }

    /// <summary>The node with its effective attributes (own, then inherited) and credential.</summary>
    internal static NodeDefinition Effective(InventoryView view, NodeDefinition node) => node with
    {
        Attributes = view.EffectiveAttributes(node),
        Credential = view.EffectiveCredential(node),
    };

    private static async Task<ProblemHttpResult> DeniedAsync(HttpContext context, AuditWriter audit, Caller caller, string action, List<string> outside, NoderangeResolver resolver)
    {
        string folded = resolver.Engine.Fold(outside);
        await audit.WriteAsync(context, caller.UserName, action, folded, AuditWriter.Denied, new { forbidden = outside }).ConfigureAwait(false);
        return Problems.Forbidden($"admin over these nodes is needed and you lack it: {folded}; nothing was changed");
    }
}
