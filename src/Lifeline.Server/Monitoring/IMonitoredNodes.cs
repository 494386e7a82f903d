using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Operations;
using Orleans;

namespace Lifeline.Server.Monitoring;

/// <summary>The BMC reads the monitor makes, each through the node's grain (warm session, per-BMC gate, deadline).</summary>
internal interface IMonitoredNodes
{
    Task<NodeOutcome> ReadSensorsAsync(string node, CancellationToken cancellationToken);
}

/// <summary>Through the node's grain, wherever the cluster placed it.</summary>
internal sealed class GrainMonitoredNodes(IGrainFactory grains) : IMonitoredNodes
{
    private static readonly NodeOperation Sensors = new(OperationKind.Sensors);

    public Task<NodeOutcome> ReadSensorsAsync(string node, CancellationToken cancellationToken) =>
        grains.GetGrain<INodeGrain>(node).RunAsync(Sensors, cancellationToken);
}
