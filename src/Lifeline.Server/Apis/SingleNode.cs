using Lifeline.Fleet.Operations;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Lifeline.Server.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Server.Apis;

/// <summary>
/// One operation on one node with the HTTP status taken from the outcome (<see cref="ErrorStatus"/>): 200 and the
/// result, or a problem with the node's error category and next step.
/// </summary>
internal static class SingleNode
{
    public static async Task<Results<Ok<object>, ProblemHttpResult>> RunAsync(
        string name, NodeOperation operation, HttpContext context, InventoryCache inventory, OperationRunner runner, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        var (node, problem) = NodesApi.Find(view, name, caller, OperationRunner.RoleFor(operation));
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await runner.RunOneAsync(context, caller, operation, node!.Name, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            int status = ErrorStatus.For(error.Category);
            return Problems.Make(status, ErrorStatus.Title(status), error.Message, error.NextStep ?? "see the category for what failed",
                [new("category", error.Category), new("node", name)]);
        }

        return TypedResults.Ok(outcome.Result ?? new object());
    }
}
