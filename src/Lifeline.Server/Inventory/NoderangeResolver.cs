using Lifeline.Server.Apis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Server.Inventory;

/// <summary>A noderange of a request, evaluated against the cached snapshot; a syntax error becomes a 400 with <c>position</c>.</summary>
internal sealed class NoderangeResolver(InventoryCache cache, INoderangeEngine engine)
{
    public INoderangeEngine Engine => engine;

    public async Task<(InventoryView View, IReadOnlyList<string> Nodes, ProblemHttpResult? Problem)> ResolveAsync(string? expression, bool required, CancellationToken cancellationToken)
    {
        var view = await cache.GetAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(expression))
        {
            return required
                ? (view, [], Problems.BadRequest("a noderange is required", "pass a noderange (for example rack1 or n[1-8]); GET /api/v1/nodes lists the nodes"))
                : (view, [.. view.NodeList.Select(n => n.Name)], null);
        }

        try
        {
            return (view, engine.Expand(expression, view.Universe), null);
        }
        catch (NoderangeSyntaxException ex)
        {
            return (view, [], Problems.Make(400, "Bad noderange", ex.Message,
                "fix the noderange at the position shown; GET /api/v1/noderange?expr=... checks one without acting",
                [new("position", ex.Position), new("noderange", expression)]));
        }
    }
}
