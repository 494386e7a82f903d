using Lifeline.Server.Apis.Models;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Lifeline.Server.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>POST /ops/{verb}</c>: one operation over a noderange, streamed per node as each completes (NDJSON, or SSE when
/// asked). The noderange is checked before anything runs (400 with <c>position</c>); nodes outside the caller's scope
/// for the verb's role come back as <c>forbidden</c> lines and are never acted on.
/// </summary>
internal static class OpsApi
{
    public static void MapOpsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/ops/{verb}", RunAsync).WithName("ops.run").WithTags("Operations").Requires(Permission.NodeViewer);
    }

    private static async Task<Results<NodeStreamResult, ProblemHttpResult>> RunAsync(
        string verb, OperationRequest request, HttpContext context, NoderangeResolver resolver, OperationRunner runner, CancellationToken cancellationToken)
    {
        if (!OperationParser.TryParse(verb, request, out var operation, out var error))
        {
            return OperationParser.Verbs.Contains(verb)
                ? Problems.BadRequest(error, "see docs/api.md, Operations, for each verb's arguments")
                : Problems.NotFound(error, "use one of the verbs listed");
        }

        var (view, nodes, problem) = await resolver.ResolveAsync(request.Noderange, required: true, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var caller = context.GetCaller();
        return new NodeStreamResult(runner.StreamAsync(context, caller, operation, request.Noderange!, nodes, view, cancellationToken));
    }
}
