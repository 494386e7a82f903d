using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;

namespace Lifeline.Server.Tests.StandIns;

/// <summary>
/// A stand-in fleet until the grains land: per-node power state in memory, errors injected per node, and a record of
/// every node an operation reached (so tests can prove a forbidden node was never acted on).
/// </summary>
internal sealed class FakeFleetOperations : IFleetOperations
{
    private readonly ConcurrentDictionary<string, PowerState> _power = new(StringComparer.Ordinal);

    /// <summary>Nodes that answer with this error instead of a result.</summary>
    public ConcurrentDictionary<string, NodeError> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Every (node, operation) that reached the fleet.</summary>
    public ConcurrentQueue<(string Node, NodeOperation Operation)> Reached { get; } = new();

    public ConcurrentQueue<string> Invalidated { get; } = new();

    /// <summary>When set, the fleet itself throws on reaching this node (a bug in the service, not a BMC failure).</summary>
    public string? ThrowAt { get; set; }

    public async IAsyncEnumerable<NodeOutcome> RunAsync(NodeOperation operation, IReadOnlyList<string> nodes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            if (node == ThrowAt)
            {
                throw new InvalidOperationException("the fleet broke");
            }

            Reached.Enqueue((node, operation));
            if (Failures.TryGetValue(node, out var error))
            {
                yield return new NodeOutcome(node, null, error);
                continue;
            }

            yield return new NodeOutcome(node, Result(node, operation), null);
        }
    }

    public Task<IReadOnlyList<NodeState>> GetStatesAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NodeState>>([.. nodes.Select(n => new NodeState(n, "ipmi", _power.TryGetValue(n, out var p) ? p.ToString().ToLowerInvariant() : null,
            "ok", Failures.ContainsKey(n) ? "unreachable" : "reachable", null, Failures.GetValueOrDefault(n)))]);

    public Task InvalidateAsync(IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            Invalidated.Enqueue(node);
        }

        return Task.CompletedTask;
    }

    private object Result(string node, NodeOperation operation) => operation.Kind switch
    {
        OperationKind.Power when operation.Power == PowerAction.Status => new PowerResult(_power.GetOrAdd(node, PowerState.On)),
        OperationKind.Power => new PowerResult(_power[node] = operation.Power is PowerAction.Off or PowerAction.Soft ? PowerState.Off : PowerState.On, operation.Power),
        OperationKind.BootGet => new BootResult(BootDevice.None, false, false),
        OperationKind.BootSet => new BootResult(operation.Boot!.Device, operation.Boot.Persistent, operation.Boot.Efi),
        OperationKind.Sensors => new SensorsResult([new SensorReadingResult("CPU1 Temp", "Temperature", 41, "degrees C", SensorStatus.Ok)]),
        OperationKind.Health => new HealthResult("ok", []),
        OperationKind.EventsList => new SelResult([new SelEvent(1, DateTimeOffset.UnixEpoch, "CPU1 Temp", "Upper Critical going high", EventSeverity.Critical)]),
        OperationKind.EventsClear => new ActionResult("SEL cleared"),
        OperationKind.Identify => new ActionResult("identify on"),
        _ => new ActionResult($"{operation.Kind} done"),
    };
}
