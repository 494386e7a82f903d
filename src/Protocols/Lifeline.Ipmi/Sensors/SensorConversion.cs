namespace Lifeline.Ipmi.Sensors;

/// <summary>Linearization function L[] of a full sensor record (IPMI v2.0 §36.3, Table 43-1 byte 24).</summary>
public enum Linearization : byte
{
    Linear = 0x00,
    Ln = 0x01,
    Log10 = 0x02,
    Log2 = 0x03,
    E = 0x04,
    Exp10 = 0x05,
    Exp2 = 0x06,
    /// <summary>1/x.</summary>
    Reciprocal = 0x07,
    /// <summary>x².</summary>
    Square = 0x08,
    /// <summary>x³.</summary>
    Cube = 0x09,
    SquareRoot = 0x0A,
    CubeRoot = 0x0B,
    /// <summary>70h: non-linear; 71h-7Fh: non-linear OEM. The factors come from Get Sensor Reading Factors per reading.</summary>
    NonLinear = 0x70,
}

// IPMI v2.0 §36.3 "Sensor Reading Conversion Formula":  y = L[(M*x + B*10^K1) * 10^K2] units
// Factors as stored in the full sensor record (Table 43-1) and returned by Get Sensor Reading Factors (§35.5):
//   byte 25  M [7:0]
//   byte 26  [7:6] M [9:8] (10-bit 2's complement), [5:0] tolerance (in +/- half raw counts)
//   byte 27  B [7:0]
//   byte 28  [7:6] B [9:8] (10-bit 2's complement), [5:0] accuracy [5:0]
//   byte 29  [7:4] accuracy [9:6] (unsigned, in 1/100 percent scaled up by the exponent), [3:2] accuracy exponent,
//            [1:0] sensor direction (not a factor: kept by the record)
//   byte 30  [7:4] R (K2) exponent, [3:0] B (K1) exponent (4-bit 2's complement each)

/// <summary>
/// The conversion between a sensor's raw byte and its physical value: analog data format, linearization, M, B,
/// K1 (B exponent), K2 (R exponent), tolerance and accuracy.
/// </summary>
public readonly record struct SensorConversion(
    AnalogDataFormat AnalogFormat,
    Linearization Linearization,
    short M,
    short B,
    sbyte BExponent,
    sbyte RExponent,
    byte Tolerance = 0,
    ushort Accuracy = 0,
    byte AccuracyExponent = 0)
{
    /// <summary>Size of the factor block (bytes 25-30 of the full record).</summary>
    public const int FactorsSize = 6;

    /// <summary>Reads the six factor bytes (Table 43-1 bytes 25-30); the sensor-direction bits are ignored.</summary>
    public static SensorConversion ReadFactors(AnalogDataFormat format, Linearization linearization, ReadOnlySpan<byte> factors)
    {
        if (factors.Length < FactorsSize)
        {
            throw IpmiException.Malformed($"sensor factors need {FactorsSize} bytes, got {factors.Length}");
        }
        short m = SignExtend(factors[0] | ((factors[1] & 0xC0) << 2), 10);
        byte tolerance = (byte)(factors[1] & 0x3F);
        short b = SignExtend(factors[2] | ((factors[3] & 0xC0) << 2), 10);
        ushort accuracy = (ushort)((factors[3] & 0x3F) | ((factors[4] & 0xF0) << 2));
        byte accuracyExp = (byte)((factors[4] >> 2) & 0x03);
        sbyte k2 = (sbyte)SignExtend(factors[5] >> 4, 4);
        sbyte k1 = (sbyte)SignExtend(factors[5] & 0x0F, 4);
        return new SensorConversion(format, linearization, m, b, k1, k2, tolerance, accuracy, accuracyExp);
    }

    /// <summary>Writes the six factor bytes; the caller ORs the sensor direction into byte 29 [1:0] (index 4).</summary>
    public void WriteFactors(Span<byte> destination)
    {
        if (M is < -512 or > 511 || B is < -512 or > 511 || BExponent is < -8 or > 7 || RExponent is < -8 or > 7
            || Tolerance > 0x3F || Accuracy > 0x3FF || AccuracyExponent > 3)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"sensor factors out of range: {this}");
        }
        destination[0] = (byte)M;
        destination[1] = (byte)(((M >> 2) & 0xC0) | Tolerance);
        destination[2] = (byte)B;
        destination[3] = (byte)(((B >> 2) & 0xC0) | (Accuracy & 0x3F));
        destination[4] = (byte)(((Accuracy >> 2) & 0xF0) | (AccuracyExponent << 2));
        destination[5] = (byte)(((RExponent & 0x0F) << 4) | (BExponent & 0x0F));
    }

    /// <summary>True when a raw byte can be converted from these factors alone (analog format, not non-linear).</summary>
    public bool IsAnalog => AnalogFormat != AnalogDataFormat.None && (byte)Linearization < (byte)Linearization.NonLinear;

    /// <summary>
    /// The physical value of a raw reading or threshold byte, or null when the sensor has no analog reading, is
    /// non-linear (needs Get Sensor Reading Factors) or the formula has no real result (ln of a negative number).
    /// Computed in the same order as ipmitool so that printed values agree to the last digit.
    /// </summary>
    public double? ToPhysical(byte raw)
    {
        if (!IsAnalog)
        {
            return null;
        }
        double y = Linearize(((M * Signed(raw)) + (B * Math.Pow(10, BExponent))) * Math.Pow(10, RExponent), Linearization);
        return double.IsFinite(y) ? y : null;
    }

    /// <summary>A hysteresis byte in units: M * x * 10^K2 (B does not apply to a difference).</summary>
    public double? HysteresisToPhysical(byte raw)
    {
        if (!IsAnalog)
        {
            return null;
        }
        double y = Linearize(M * (double)Signed(raw) * Math.Pow(10, RExponent), Linearization);
        return double.IsFinite(y) ? y : null;
    }

    /// <summary>Tolerance in units (linear sensors): ± M * tolerance/2 * 10^K2.</summary>
    public double ToleranceInUnits => M * (Tolerance / 2.0) * Math.Pow(10, RExponent);

    /// <summary>Accuracy in percent: accuracy * 10^exponent / 100.</summary>
    public double AccuracyPercent => Accuracy * Math.Pow(10, AccuracyExponent) / 100.0;

    /// <summary>
    /// The raw byte whose physical value is closest to <paramref name="value"/>: the inverse formula, rounded and
    /// clamped to the analog format's range (the simulator uses it to serve readings and thresholds).
    /// </summary>
    public byte ToRaw(double value)
    {
        if (!IsAnalog || M == 0 || double.IsNaN(value))
        {
            return 0;
        }
        double v = Delinearize(value, Linearization);
        double x = ((v / Math.Pow(10, RExponent)) - (B * Math.Pow(10, BExponent))) / M;
        (int min, int max) = AnalogFormat switch
        {
            AnalogDataFormat.OnesComplement => (-127, 127),
            AnalogDataFormat.TwosComplement => (-128, 127),
            _ => (0, 255),
        };
        int guess = double.IsNaN(x) ? 0 : (int)Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), min, max);
        // Rounding through a non-linear L[] can land one count off: take the best neighbour.
        int best = guess;
        double bestError = double.PositiveInfinity;
        for (int candidate = Math.Max(min, guess - 1); candidate <= Math.Min(max, guess + 1); candidate++)
        {
            double? y = ToPhysical(Encode(candidate));
            double error = y is { } yy ? Math.Abs(yy - value) : double.PositiveInfinity;
            if (error < bestError)
            {
                best = candidate;
                bestError = error;
            }
        }
        return Encode(best);
    }

    private int Signed(byte raw) => AnalogFormat switch
    {
        // 1's complement: FFh is -0; ipmitool's trick (increment negative values, then read as 2's complement).
        AnalogDataFormat.OnesComplement => (raw & 0x80) != 0 ? (sbyte)(byte)(raw + 1) : raw,
        AnalogDataFormat.TwosComplement => (sbyte)raw,
        _ => raw,
    };

    private byte Encode(int x) => x >= 0 ? (byte)x : AnalogFormat == AnalogDataFormat.OnesComplement ? (byte)(0xFF + x) : (byte)(sbyte)x;

    private static double Linearize(double x, Linearization l) => l switch
    {
        Linearization.Ln => Math.Log(x),
        Linearization.Log10 => Math.Log10(x),
        Linearization.Log2 => Math.Log(x) / Math.Log(2.0),
        Linearization.E => Math.Exp(x),
        Linearization.Exp10 => Math.Pow(10.0, x),
        Linearization.Exp2 => Math.Pow(2.0, x),
        Linearization.Reciprocal => Math.Pow(x, -1.0),
        Linearization.Square => Math.Pow(x, 2.0),
        Linearization.Cube => Math.Pow(x, 3.0),
        Linearization.SquareRoot => Math.Sqrt(x),
        Linearization.CubeRoot => Math.Cbrt(x),
        _ => x, // linear, and the reserved codes 0Ch-6Fh (as ipmitool)
    };

    private static double Delinearize(double y, Linearization l) => l switch
    {
        Linearization.Ln => Math.Exp(y),
        Linearization.Log10 => Math.Pow(10.0, y),
        Linearization.Log2 => Math.Pow(2.0, y),
        Linearization.E => Math.Log(y),
        Linearization.Exp10 => Math.Log10(y),
        Linearization.Exp2 => Math.Log2(y),
        Linearization.Reciprocal => 1.0 / y,
        Linearization.Square => Math.Sqrt(Math.Max(0, y)),
        Linearization.Cube => Math.Cbrt(y),
        Linearization.SquareRoot => y * y,
        Linearization.CubeRoot => y * y * y,
        _ => y,
    };

    private static short SignExtend(int value, int bits)
    {
        int shift = 32 - bits;
        return (short)((value << shift) >> shift);
    }
}
