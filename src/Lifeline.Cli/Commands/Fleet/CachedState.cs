using System.Globalization;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Fleet;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary>The service's last known state of a node as the result of <c>power status</c> or <c>health</c> (<c>--cached</c>).</summary>
public static class CachedState
{
    /// <summary>The cached power state; a node never read, whose last check failed, shows that failure.</summary>
    public static NodeResult<PowerResult> Power(int index, StateItem state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Power?.ToLowerInvariant() switch
        {
            "on" => NodeResult<PowerResult>.Success(index, state.Node, new PowerResult(PowerState.On)),
            "off" => NodeResult<PowerResult>.Success(index, state.Node, new PowerResult(PowerState.Off)),
            _ when state.LastError is { } error => NodeResult<PowerResult>.Failure(index, state.Node, LastError(state, error)),
            _ => NodeResult<PowerResult>.Success(index, state.Node, new PowerResult(null)),
        };
    }

    /// <summary>The cached health (without reasons: the cache keeps the level only).</summary>
    public static NodeResult<HealthResult> Health(int index, StateItem state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Health == "unknown" && state.LastError is { } error
            ? NodeResult<HealthResult>.Failure(index, state.Node, LastError(state, error))
            : NodeResult<HealthResult>.Success(index, state.Node, new HealthResult(state.Health, []));
    }

    private static NodeError LastError(StateItem state, FleetError error) => new(
        error.Category,
        state.CheckedAt is { } at ? $"{error.Message} (last check {Time(at)})" : error.Message,
        error.Next);

    /// <summary>A time in output: UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
