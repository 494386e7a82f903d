using Lifeline.Fleet.Inventory;
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
/// <c>/groups</c>: defined groups and groups only named by nodes, with their members. A caller sees a group when it
/// holds viewer over <c>*</c>, over the group, or over one of its members; members are filtered to what it may view.
/// Writes need admin over <c>*</c>.
/// </summary>
internal static class GroupsApi
{
    public static void MapGroupsApi(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("/", ListAsync).WithName("groups.list").Requires(Permission.NodeViewer);
        groups.MapGet("/{name}", GetAsync).WithName("groups.get").Requires(Permission.NodeViewer);
        groups.MapPut("/{name}", SetAsync).WithName("groups.set").Requires(Permission.ServiceAdmin);
        groups.MapDelete("/{name}", RemoveAsync).WithName("groups.remove").Requires(Permission.ServiceAdmin);
    }

    private static async Task<Ok<GroupView[]>> ListAsync(HttpContext context, InventoryCache inventory, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(view.AllGroupNames.Select(g => Visible(view, caller, g)).OfType<GroupView>().ToArray());
    }

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> GetAsync(string name, HttpContext context, InventoryCache inventory, CancellationToken cancellationToken)
    {
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!view.AllGroupNames.Contains(name, StringComparer.Ordinal))
        {
            return Problems.NotFound($"no group {name}", "list groups with GET /api/v1/groups");
        }

        return Visible(view, context.GetCaller(), name) is { } group
            ? TypedResults.Ok(group)
            : Problems.Forbidden($"group {name} is outside your viewer scope");
    }

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> SetAsync(
        string name, GroupRequest request, HttpContext context, IFleetStore store, InventoryCache inventory, InventoryChanges changes, AuditWriter audit,
        CancellationToken cancellationToken)
    {
        if (!Names.IsValid(name))
        {
            return Problems.BadRequest($"a group name is {Names.Rule}", "pick another name");
        }

        if (request.Credential is { } credential && !Names.IsValid(credential))
        {
            return Problems.BadRequest($"credential '{credential}' is not a credential name", "name a credential from GET /api/v1/credentials");
        }

        var attributes = (request.Attributes ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value, StringComparer.Ordinal);
        if (attributes.Keys.FirstOrDefault(k => !Names.IsValid(k)) is { } key)
        {
            return Problems.BadRequest($"attribute name '{key}' must be {Names.Rule}", "rename the attribute");
        }

        var group = new GroupDefinition { Name = name, Description = request.Description, Credential = request.Credential, Attributes = attributes };
        await store.UpsertGroupAsync(group, cancellationToken).ConfigureAwait(false);
        var members = (await inventory.GetAsync(cancellationToken).ConfigureAwait(false)).Members(name);
        await changes.AppliedAsync(members, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, context.GetCaller().UserName, "groups.set", $"group:{name}", AuditWriter.Ok,
            new { description = group.Description, credential = group.Credential, attributes }).ConfigureAwait(false);
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(Visible(view, context.GetCaller(), name)!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string name, HttpContext context, IFleetStore store, InventoryCache inventory, InventoryChanges changes, AuditWriter audit,
        CancellationToken cancellationToken)
    {
        var members = (await inventory.GetAsync(cancellationToken).ConfigureAwait(false)).Members(name);
        if (!await store.RemoveGroupAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound($"no group {name}", "list groups with GET /api/v1/groups");
        }

        await changes.AppliedAsync(members, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, context.GetCaller().UserName, "groups.remove", $"group:{name}", AuditWriter.Ok, new { members }).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static GroupView? Visible(InventoryView view, Caller caller, string name)
    {
        var members = view.Members(name).Where(n => caller.Allows(Role.Viewer, view.Nodes[n].Groups)).ToList();
        bool visible = caller.AllowsService(Role.Viewer) || caller.Allows(Role.Viewer, [name]) || members.Count > 0;
        if (!visible)
        {
            return null;
        }

        var definition = view.Groups.GetValueOrDefault(name);
        return new GroupView(name, definition?.Description, definition?.Credential, definition?.Attributes ?? new Dictionary<string, string>(), members);
    }
}
