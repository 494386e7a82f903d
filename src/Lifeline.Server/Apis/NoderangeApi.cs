using Lifeline.Fleet.Security;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>GET /noderange?expr=</c>: evaluates an expression without acting (the nodes the caller may view, folded).</summary>
internal static class NoderangeApi
{
    public static void MapNoderangeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/noderange", ExpandAsync).WithName("noderange.expand").WithTags("Nodes").Requires(Permission.NodeViewer);
    }

    private static async Task<Results<Ok<NoderangeResponse>, ProblemHttpResult>> ExpandAsync(
        string? expr, HttpContext context, NoderangeResolver resolver, CancellationToken cancellationToken)
    {
        var (view, names, problem) = await resolver.ResolveAsync(expr, required: true, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var caller = context.GetCaller();
        var visible = names.Where(n => view.Nodes.TryGetValue(n, out var node) && caller.Allows(Role.Viewer, node.Groups)).ToList();
        return TypedResults.Ok(new NoderangeResponse(visible, resolver.Engine.Fold(visible)));
    }
}
