using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Lifeline.Server.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>/nodes/{name}/power</c>: one node's power, the HTTP status from the BMC's answer.</summary>
internal static class PowerApi
{
    public static void MapPowerApi(this RouteGroupBuilder api)
    {
        var node = api.MapGroup("/nodes/{name}").WithTags("Power");
        node.MapGet("/power", StatusAsync).WithName("node.power.status").Requires(Permission.NodeViewer);
        node.MapPost("/power/{action}", ActAsync).WithName("node.power.act").Requires(Permission.NodeOperator);
    }

    private static Task<Results<Ok<object>, ProblemHttpResult>> StatusAsync(
        string name, HttpContext context, InventoryCache inventory, OperationRunner runner, CancellationToken cancellationToken) =>
        SingleNode.RunAsync(name, new NodeOperation(OperationKind.Power, Power: PowerAction.Status), context, inventory, runner, cancellationToken);

    private static async Task<Results<Ok<object>, ProblemHttpResult>> ActAsync(
        string name, string action, HttpContext context, InventoryCache inventory, OperationRunner runner, CancellationToken cancellationToken)
    {
        if (!OperationParser.TryParsePower(action, out var power) || power == PowerAction.Status)
        {
            return Problems.BadRequest($"'{action}' is not a power action", "use on, off, cycle, reset, soft or diag (GET .../power reads the state)");
        }

        return await SingleNode.RunAsync(name, new NodeOperation(OperationKind.Power, Power: power), context, inventory, runner, cancellationToken).ConfigureAwait(false);
    }
}
