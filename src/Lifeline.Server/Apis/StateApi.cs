using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Security;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Lifeline.Server.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>GET /state</c>: the grains' cached state of the nodes the caller may view; no BMC is touched.</summary>
internal static class StateApi
{
    public static void MapStateApi(this RouteGroupBuilder api)
    {
        api.MapGet("/state", GetAsync).WithName("state.get").WithTags("Operations").Requires(Permission.NodeViewer);
    }

    private static async Task<Results<Ok<StateView[]>, ProblemHttpResult>> GetAsync(
        string? noderange, HttpContext context, NoderangeResolver resolver, IFleetOperations fleet, CancellationToken cancellationToken)
    {
        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var caller = context.GetCaller();
        var visible = names.Select(n => view.Nodes.GetValueOrDefault(n)).OfType<NodeDefinition>()
            .Where(n => caller.Allows(Role.Viewer, n.Groups)).Select(n => n.Name).ToList();
        var states = visible.Count == 0 ? [] : await fleet.GetStatesAsync(visible, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(states.Select(s => new StateView(s.Node, s.Protocol, s.Power, s.Health, s.Reachability, s.CheckedAt, ErrorBody.From(s.LastError))).ToArray());
    }
}
