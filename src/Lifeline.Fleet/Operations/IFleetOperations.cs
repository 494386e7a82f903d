using Lifeline.Drivers;
using Orleans;

namespace Lifeline.Fleet.Operations;

// These records cross silos as grain arguments and results: Orleans serializes them with generated code (their ids
// are the primary-constructor order: only ever append). The driver records inside them (PowerResult, BootRequest, ...)
// live in Lifeline.Drivers, which knows nothing of Orleans: FleetSerialization hands those to System.Text.Json.

/// <summary>The operations a node grain runs; the arguments travel in <see cref="NodeOperation"/>.</summary>
[GenerateSerializer]
[Alias("Lifeline.OperationKind")]
public enum OperationKind
{
    /// <summary><see cref="NodeOperation.Power"/> = Status reads, the others act. Result: <see cref="PowerResult"/>.</summary>
    Power,
    /// <summary>Result: <see cref="BootResult"/>.</summary>
    BootGet,
    /// <summary><see cref="NodeOperation.Boot"/> required. Result: <see cref="BootResult"/>.</summary>
    BootSet,
    /// <summary>Result: <see cref="SensorsResult"/>.</summary>
    Sensors,
    /// <summary>Result: <see cref="HealthResult"/>.</summary>
    Health,
    /// <summary>Result: <see cref="SelResult"/>.</summary>
    EventsList,
    /// <summary>Result: <see cref="ActionResult"/>.</summary>
    EventsClear,
    /// <summary>Result: <see cref="InventoryResult"/>.</summary>
    Inventory,
    /// <summary>Result: <see cref="BmcInfoResult"/>.</summary>
    BmcInfo,
    /// <summary><see cref="NodeOperation.Identify"/> required. Result: <see cref="ActionResult"/>.</summary>
    Identify,
    /// <summary>The event log after <see cref="NodeOperation.Cursor"/> (none: all of it). Result: <see cref="EventBatch"/>.</summary>
    EventsSince,
}

/// <summary>One operation with its arguments (only those of its kind are set).</summary>
[GenerateSerializer]
[Immutable]
[Alias("Lifeline.NodeOperation")]
public sealed record NodeOperation(
    OperationKind Kind,
    PowerAction Power = PowerAction.Status,
    BootRequest? Boot = null,
    IdentifyRequest? Identify = null,
    EventReadCursor? Cursor = null)
{
    /// <summary>True when the operation changes the node (audited, needs the operator role).</summary>
    public bool IsMutating => Kind switch
    {
        OperationKind.Power => Power != PowerAction.Status,
        OperationKind.BootSet or OperationKind.EventsClear or OperationKind.Identify => true,
        _ => false,
    };
}

/// <summary>Node health rolled up from its sensors (and, for Redfish, the BMC's own status): <c>ok</c>, <c>warning</c>, <c>critical</c>.</summary>
/// <param name="Health">ok, warning or critical.</param>
/// <param name="Reasons">Why, one line each (<c>"CPU1 Temp 96 C above upper critical 95"</c>); empty when ok.</param>
[GenerateSerializer]
[Immutable]
[Alias("Lifeline.HealthResult")]
public sealed record HealthResult(string Health, IReadOnlyList<string> Reasons);

/// <summary>How one node ended: a result (one of the driver result records) or an error with category and next step.</summary>
[GenerateSerializer]
[Immutable]
[Alias("Lifeline.NodeOutcome")]
public sealed record NodeOutcome(string Node, object? Result, NodeError? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// The last known state of a node, kept by its grain and refreshed by a light periodic check; reading it never
/// touches the BMC.
/// </summary>
/// <param name="Node">The node name.</param>
/// <param name="Protocol">The endpoint in use: <c>ipmi</c>, <c>redfish</c>, or <c>none</c> (no management URL).</param>
/// <param name="Power"><c>on</c>, <c>off</c>, or null when never read.</param>
/// <param name="Health"><c>ok</c>, <c>warning</c>, <c>critical</c>, or <c>unknown</c>.</param>
/// <param name="Reachability"><c>reachable</c>, <c>unreachable</c> or <c>unknown</c> (not checked yet).</param>
/// <param name="CheckedAt">When the BMC last answered or failed; null when never.</param>
/// <param name="LastError">The last failure, or null after a success.</param>
[GenerateSerializer]
[Immutable]
[Alias("Lifeline.NodeState")]
public sealed record NodeState(
    string Node,
    string Protocol,
    string? Power,
    string Health,
    string Reachability,
    DateTimeOffset? CheckedAt,
    NodeError? LastError);

/// <summary>
/// Operations over a set of nodes through their grains: bounded concurrency, results streamed as each node
/// completes (one slow BMC never holds up the others), every node ends with an outcome.
/// </summary>
public interface IFleetOperations
{
    IAsyncEnumerable<NodeOutcome> RunAsync(NodeOperation operation, IReadOnlyList<string> nodes, CancellationToken cancellationToken);

    /// <summary>The cached states, without touching BMCs.</summary>
    Task<IReadOnlyList<NodeState>> GetStatesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken);

    /// <summary>Tells the nodes' grains their definition or credential changed (reload before the next operation).</summary>
    Task InvalidateAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken);
}
