namespace Lifeline.Simulator.Model;

/// <summary>
/// How a threshold sensor's value moves: a first-order lag toward a target that depends on the host's power
/// state, the node's ambient temperature and a slow load profile, plus small per-scan noise.
/// <code>
/// target(t) = on  ? OnValue + NodeSpread·u_node + LoadSwing·load(t) + AmbientCoupling·(ambient − 22 °C)
///                 : OffValue + AmbientCoupling·(ambient − 22 °C)
/// value(t)  = target(t) + (start − target(t₀))·e^(−(t − t₀)/τ) + Noise·u(scan slot)
/// </code>
/// where t₀ is the last change of power state or ambient temperature and start the value then.
/// </summary>
public sealed record SensorPhysics(
    double OnValue,
    double OffValue,
    double TimeConstantSeconds,
    double Noise,
    double NoiseWhenOff = 0,
    double NodeSpread = 0,
    double LoadSwing = 0,
    double AmbientCoupling = 0,
    /// <summary>Value main power starts from at power-up instead of continuing smoothly (fans run at full
    /// speed during POST; rails jump to nominal).</summary>
    double? PowerOnStart = null,
    /// <summary>Main power off drops the value straight to <see cref="OffValue"/> (voltage rails).</summary>
    bool DropsAtPowerOff = false,
    double Minimum = 0)
{
    /// <summary>The ambient temperature the On/Off values are given for.</summary>
    public const double ReferenceAmbient = 22.0;
}
