using Lifeline.Drivers;

namespace Lifeline.Cli.FanOut;

/// <summary>
/// How one node ended: ok with a value, or an error. Every target of a fan-out gets exactly one.
/// </summary>
/// <param name="Index">The target's position in the list given to the runner (output is ordered by it).</param>
/// <param name="Target">The BMC.</param>
/// <param name="Value">The verb's result when <see cref="Ok"/>.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record NodeResult<T>(int Index, BmcTarget Target, T? Value, NodeError? Error)
{
    public bool Ok => Error is null;

    public static NodeResult<T> Success(int index, BmcTarget target, T value) => new(index, target, value, null);

    public static NodeResult<T> Failure(int index, BmcTarget target, NodeError error) => new(index, target, default, error);
}
