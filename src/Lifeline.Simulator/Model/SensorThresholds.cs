namespace Lifeline.Simulator.Model;

/// <summary>Threshold values in physical units (°C, V, RPM…); null means the threshold is absent.</summary>
public sealed record SensorThresholds(
    double? LowerNonRecoverable = null,
    double? LowerCritical = null,
    double? LowerNonCritical = null,
    double? UpperNonCritical = null,
    double? UpperCritical = null,
    double? UpperNonRecoverable = null)
{
    public static SensorThresholds None { get; } = new();

    public double? this[SensorThreshold threshold] => threshold switch
    {
        SensorThreshold.LowerNonCritical => LowerNonCritical,
        SensorThreshold.LowerCritical => LowerCritical,
        SensorThreshold.LowerNonRecoverable => LowerNonRecoverable,
        SensorThreshold.UpperNonCritical => UpperNonCritical,
        SensorThreshold.UpperCritical => UpperCritical,
        SensorThreshold.UpperNonRecoverable => UpperNonRecoverable,
        _ => null,
    };

    /// <summary>Bit n set when threshold n is present: the SDR's readable/settable threshold mask.</summary>
    public byte PresentMask
    {
        get
        {
            byte mask = 0;
            for (var t = SensorThreshold.LowerNonCritical; t <= SensorThreshold.UpperNonRecoverable; t++)
            {
                if (this[t] is not null)
                {
                    mask |= (byte)(1 << (int)t);
                }
            }
            return mask;
        }
    }
}

/// <summary>
/// IPMI v2.0 §36.3 linear conversion: <c>y = (M·x + B·10^BExp)·10^RExp</c> with x the raw byte (unsigned here).
/// M and B are 10-bit signed, the exponents 4-bit signed; BExp is K1 and RExp is K2 in the spec's names.
/// </summary>
public readonly record struct SensorConversion(short M, short B, sbyte BExp, sbyte RExp)
{
    public double ToValue(byte raw) => (M * (double)raw + B * Math.Pow(10, BExp)) * Math.Pow(10, RExp);

    /// <summary>The raw byte nearest to a physical value, clamped to 0-255.</summary>
    public byte ToRaw(double value)
    {
        double raw = (value / Math.Pow(10, RExp) - B * Math.Pow(10, BExp)) / M;
        return (byte)Math.Clamp(Math.Round(raw), 0, 255);
    }

    /// <summary>The physical size of one raw count.</summary>
    public double Resolution => Math.Abs(M) * Math.Pow(10, RExp);
}
