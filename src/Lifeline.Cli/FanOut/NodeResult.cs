using Lifeline.Drivers;

namespace Lifeline.Cli.FanOut;

/// <summary>
/// How one node ended: ok with a value, or an error. Every target of a fan-out gets exactly one; in fleet mode every
/// line the service streams becomes one.
/// </summary>
/// <param name="Index">The node's position: in the target list (direct mode, output is ordered by it) or in arrival order (fleet mode).</param>
/// <param name="Node">The name shown in output: <see cref="BmcTarget.Node"/> in direct mode, the node's name in fleet mode.</param>
/// <param name="Value">The verb's result when <see cref="Ok"/>.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record NodeResult<T>(int Index, string Node, T? Value, NodeError? Error)
{
    public bool Ok => Error is null;

    /// <summary>The BMC, in direct mode; null for a node of the fleet service.</summary>
    public BmcTarget? Target { get; init; }

    public static NodeResult<T> Success(int index, BmcTarget target, T value)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(index, target.Node, value, null) { Target = target };
    }

    public static NodeResult<T> Failure(int index, BmcTarget target, NodeError error)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(index, target.Node, default, error) { Target = target };
    }

    public static NodeResult<T> Success(int index, string node, T value) => new(index, node, value, null);

    public static NodeResult<T> Failure(int index, string node, NodeError error) => new(index, node, default, error);
}
