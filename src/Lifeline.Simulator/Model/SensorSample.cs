namespace Lifeline.Simulator.Model;

/// <summary>
/// A sensor's present reading: what Get Sensor Reading (IPMI v2.0 §35.14) reports, in physical units.
/// For threshold sensors <see cref="States"/> holds the threshold comparison bits (bit n = at or beyond
/// <see cref="SensorThreshold"/> n); for discrete sensors the asserted sensor-specific offsets.
/// </summary>
public readonly record struct SensorSample(SensorDefinition Definition, double Value, bool Unavailable, ushort States)
{
    /// <summary>The value as the raw byte the face sends (0 when unavailable).</summary>
    public byte Raw => Unavailable || !Definition.IsThreshold ? (byte)0 : Definition.ToRaw(Value);

    public bool IsAtOrBeyond(SensorThreshold threshold) => (States & (1 << (int)threshold)) != 0;

    public override string ToString() => Definition.IsThreshold
        ? $"{Definition.Name}: {(Unavailable ? "no reading" : $"{Value:0.##} {Definition.Unit}")} states 0x{States:X2}"
        : $"{Definition.Name}: states 0x{States:X4}";
}
