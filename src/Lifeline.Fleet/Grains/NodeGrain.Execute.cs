using Lifeline.Drivers;
using Lifeline.Fleet.Operations;

namespace Lifeline.Fleet.Grains;

// One operation → one driver verb on the node's warm backend. The result records are the drivers' own.
internal sealed partial class NodeGrain
{
    private static async Task<object> ExecuteAsync(NodeConnection connection, NodeOperation operation, CancellationToken cancellationToken)
    {
        var backend = connection.Backend;
        var target = connection.Target;
        var settings = connection.Settings;
        return operation.Kind switch
        {
            OperationKind.Power => await backend.PowerAsync(target, settings, operation.Power, cancellationToken),
            OperationKind.BootGet => await backend.GetBootAsync(target, settings, cancellationToken),
            OperationKind.BootSet => await backend.SetBootAsync(target, settings, operation.Boot!, cancellationToken),
            OperationKind.Sensors => await backend.ReadSensorsAsync(target, settings, cancellationToken),
            OperationKind.Health => await ReadHealthAsync(backend, target, settings, cancellationToken),
            OperationKind.EventsList => await backend.ListSelAsync(target, settings, cancellationToken),
            OperationKind.EventsClear => await backend.ClearSelAsync(target, settings, cancellationToken),
            OperationKind.Inventory => await backend.ReadInventoryAsync(target, settings, cancellationToken),
            OperationKind.BmcInfo => await backend.GetBmcInfoAsync(target, settings, cancellationToken),
            OperationKind.Identify => await backend.IdentifyAsync(target, settings, operation.Identify!, cancellationToken),
            OperationKind.EventsSince => await backend.ReadEventsSinceAsync(target, settings, operation.Cursor, cancellationToken),
            _ => throw new BmcFailureException(NodeCategories.InvalidRequest, $"unknown operation {operation.Kind}"),
        };
    }

    /// <summary>The sensors' verdict, and for Redfish also the BMC's own health roll-up when it keeps one.</summary>
    private static async Task<HealthResult> ReadHealthAsync(IBmcBackend backend, BmcTarget target, ConnectionSettings settings,
        CancellationToken cancellationToken)
    {
        var sensors = await backend.ReadSensorsAsync(target, settings, cancellationToken);
        BmcHealthResult? rollup = null;
        if (target.IsRedfish)
        {
            try
            {
                rollup = await backend.GetBmcHealthAsync(target, settings, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && IsNotSupported(backend, e))
            {
                // a service without Status on its resources: the sensors decide alone
            }
        }
        return HealthEvaluator.Evaluate(sensors, rollup);
    }

    private static bool IsNotSupported(IBmcBackend backend, Exception e) =>
        NodeCategories.IsUnsupported(new FailureClassifier(backend).Classify(e).Category);
}
