using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Server.Apis;

/// <summary>The nodes of a noderange (all when none is given) that the caller may see with a role.</summary>
internal static class MonitoringScope
{
    public static async Task<(InventoryView View, List<NodeDefinition> Nodes, ProblemHttpResult? Problem)> VisibleAsync(
        string? noderange, HttpContext context, NoderangeResolver resolver, Role role, CancellationToken cancellationToken)
    {
        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (view, [], problem);
        }
        var caller = context.GetCaller();
        var nodes = names.Select(n => view.Nodes.GetValueOrDefault(n)).OfType<NodeDefinition>().Where(n => caller.Allows(role, n.Groups)).ToList();
        return (view, nodes, null);
    }
}
