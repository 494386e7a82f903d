using System.Text;
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
/// <c>/inventory</c>: whole-file import (admin over <c>*</c>; the file is read and checked completely before anything is
/// stored) and export of the nodes the caller may view.
/// </summary>
internal static class InventoryApi
{
    /// <summary>The largest inventory file accepted (16 MiB: far beyond 100,000 nodes).</summary>
    public const int MaxImportBytes = 16 * 1024 * 1024;

    public static void MapInventoryApi(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("/inventory").WithTags("Inventory");
        inventory.MapPost("/import", ImportAsync).WithName("inventory.import").Requires(Permission.ServiceAdmin)
            .Accepts<string>("application/yaml", "text/yaml", "text/csv", "text/plain");
        inventory.MapGet("/export", ExportAsync).WithName("inventory.export").Requires(Permission.NodeViewer);
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        string? format, HttpContext context, IInventoryFormats formats, IFleetStore store, InventoryCache inventory, InventoryChanges changes, AuditWriter audit,
        NoderangeResolver resolver, CancellationToken cancellationToken)
    {
        if (FormatProblem(format, formats) is { } bad)
        {
            return bad;
        }

        if (context.Request.ContentLength > MaxImportBytes)
        {
            return TooLarge();
        }

        var body = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await context.Request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + n > MaxImportBytes)
            {
                return TooLarge();
            }

            body.Write(buffer, 0, n);
        }

        string text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);

        IReadOnlyList<NodeDefinition> nodes;
        IReadOnlyList<GroupDefinition> groups;
        try
        {
            (nodes, groups) = formats.Read(format!, text);
        }
        catch (InventoryFormatException ex)
        {
            return Problems.BadRequest(ex.Message, "fix the file at the place shown and import it again; nothing was stored");
        }

        nodes = [.. nodes.Select(NodeValidation.Normalise)];
        if (nodes.Select(NodeValidation.Check).FirstOrDefault(e => e is not null) is { } invalid)
        {
            return Problems.BadRequest(invalid, "fix the file and import it again; nothing was stored");
        }

        if (groups.FirstOrDefault(g => !Names.IsValid(g.Name)) is { } badGroup)
        {
            return Problems.BadRequest($"group name '{badGroup.Name}': a group name is {Names.Rule}", "fix the file and import it again; nothing was stored");
        }

        var before = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in groups)
        {
            await store.UpsertGroupAsync(group, cancellationToken).ConfigureAwait(false);
        }

        if (nodes.Count > 0)
        {
            await store.UpsertNodesAsync(nodes, cancellationToken).ConfigureAwait(false);
        }

        var touched = nodes.Select(n => n.Name).Concat(groups.SelectMany(g => before.Members(g.Name))).ToList();
        await changes.AppliedAsync(touched, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, context.GetCaller().UserName, "inventory.import", resolver.Engine.Fold([.. nodes.Select(n => n.Name)]), AuditWriter.Ok,
            new { format, nodes = nodes.Count, groups = groups.Select(g => g.Name) }).ConfigureAwait(false);
        return TypedResults.Ok(new ImportResponse(nodes.Count, groups.Count));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportAsync(
        string? format, string? noderange, HttpContext context, IInventoryFormats formats, NoderangeResolver resolver, CancellationToken cancellationToken)
    {
        if (FormatProblem(format, formats) is { } bad)
        {
            return bad;
        }

        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var caller = context.GetCaller();
        var nodes = names.Select(n => view.Nodes.GetValueOrDefault(n)).OfType<NodeDefinition>().Where(n => caller.Allows(Role.Viewer, n.Groups)).ToList();
        var used = nodes.SelectMany(n => n.Groups).ToHashSet(StringComparer.Ordinal);
        var groups = view.GroupList.Where(g => used.Contains(g.Name) || (noderange is null && caller.AllowsService(Role.Viewer))).ToList();
        return TypedResults.Text(formats.Write(format!, nodes, groups), formats.ContentType(format!), Encoding.UTF8);
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Make(StatusCodes.Status413PayloadTooLarge, "Too large", $"an inventory file may hold at most {MaxImportBytes / (1024 * 1024)} MiB",
            "split the file and import the parts");

    private static ProblemHttpResult? FormatProblem(string? format, IInventoryFormats formats) =>
        format is not null && formats.Names.Contains(format)
            ? null
            : Problems.BadRequest($"format must be one of {string.Join(", ", formats.Names)}", "add ?format=yaml or ?format=csv");
}
