using Lifeline.Drivers;
using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Operations;
using Orleans;

namespace Lifeline.Server.Monitoring;

/// <summary>The BMC reads the monitor makes, each through the node's grain (warm session, per-BMC gate, deadline).</summary>
internal interface IMonitoredNodes
{
    Task<NodeOutcome> ReadSensorsAsync(string node, CancellationToken cancellationToken);

    /// <summary>The event log after the cursor (an <see cref="EventBatch"/> result).</summary>
    Task<NodeOutcome> ReadEventsAsync(string node, EventReadCursor? cursor, CancellationToken cancellationToken);
}

/// <summary>Through the node's grain, wherever the cluster placed it.</summary>
internal sealed class GrainMonitoredNodes(IGrainFactory grains) : IMonitoredNodes
{
    private static readonly NodeOperation Sensors = new(OperationKind.Sensors);

    public Task<NodeOutcome> ReadSensorsAsync(string node, CancellationToken cancellationToken) =>
        grains.GetGrain<INodeGrain>(node).RunAsync(Sensors, cancellationToken);

    public Task<NodeOutcome> ReadEventsAsync(string node, EventReadCursor? cursor, CancellationToken cancellationToken) =>
        grains.GetGrain<INodeGrain>(node).RunAsync(new NodeOperation(OperationKind.EventsSince, Cursor: cursor), cancellationToken);
}
