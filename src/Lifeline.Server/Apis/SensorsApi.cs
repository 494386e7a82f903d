using Lifeline.Fleet.Operations;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Lifeline.Server.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>/nodes/{name}/sensors</c> and <c>/nodes/{name}/health</c>: one node's readings, read from its BMC now.</summary>
internal static class SensorsApi
{
    public static void MapSensorsApi(this RouteGroupBuilder api)
    {
        var node = api.MapGroup("/nodes/{name}").WithTags("Sensors");
        node.MapGet("/sensors", SensorsAsync).WithName("node.sensors").Requires(Permission.NodeViewer);
        node.MapGet("/health", HealthAsync).WithName("node.health").Requires(Permission.NodeViewer);
    }

    private static Task<Results<Ok<object>, ProblemHttpResult>> SensorsAsync(
        string name, HttpContext context, InventoryCache inventory, OperationRunner runner, CancellationToken cancellationToken) =>
        SingleNode.RunAsync(name, new NodeOperation(OperationKind.Sensors), context, inventory, runner, cancellationToken);

    private static Task<Results<Ok<object>, ProblemHttpResult>> HealthAsync(
        string name, HttpContext context, InventoryCache inventory, OperationRunner runner, CancellationToken cancellationToken) =>
        SingleNode.RunAsync(name, new NodeOperation(OperationKind.Health), context, inventory, runner, cancellationToken);
}
