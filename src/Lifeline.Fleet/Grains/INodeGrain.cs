using Lifeline.Fleet.Operations;
using Orleans;
using Orleans.Concurrency;

namespace Lifeline.Fleet.Grains;

/// <summary>
/// One managed node (key = node name). Its single activation in the cluster owns the node's BMC sessions, keeps
/// operations that must not interleave apart, caps what runs on the BMC at once, and keeps the node's last known
/// state. Orleans places the activation on one silo and moves it when that silo dies: callers only ever name the node.
/// </summary>
[Alias("Lifeline.INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs one operation on the node's BMC and says how it ended: always an outcome (never an exception for BMC
    /// failures), within the operation's deadline.
    /// </summary>
    [Alias("RunAsync")]
    Task<NodeOutcome> RunAsync(NodeOperation operation, CancellationToken cancellationToken = default);

    /// <summary>The last known state; never touches the BMC and never waits behind a running operation.</summary>
    [AlwaysInterleave]
    [Alias("GetStateAsync")]
    Task<NodeState> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>A light check (power status) that updates reachability, power and the last error.</summary>
    [Alias("RefreshAsync")]
    Task RefreshAsync(CancellationToken cancellationToken = default);

    /// <summary>The node's definition or credential changed: drop the cached copy and the sessions made with it.</summary>
    [AlwaysInterleave]
    [Alias("InvalidateAsync")]
    Task InvalidateAsync(CancellationToken cancellationToken = default);
}
