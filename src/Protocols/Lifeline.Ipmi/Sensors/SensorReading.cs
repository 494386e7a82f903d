namespace Lifeline.Ipmi.Sensors;

// IPMI v2.0 §35.14 Get Sensor Reading — response (after completion code)
//   0  sensor reading (raw, converted by the SDR's M/B/K1/K2/linearisation for threshold sensors)
//   1  [7] 0 = all event messages disabled, [6] 0 = sensor scanning disabled, [5] 1 = reading/state unavailable
//   2  threshold sensors: [5] ≥ upper non-recoverable, [4] ≥ upper critical, [3] ≥ upper non-critical,
//      [2] ≤ lower non-recoverable, [1] ≤ lower critical, [0] ≤ lower non-critical;
//      discrete sensors: state bits 0-7 (optional)
//   3  discrete sensors: state bits 8-14 (optional)

/// <summary>The raw answer of Get Sensor Reading. Decoding to physical values needs the sensor's SDR.</summary>
public readonly record struct SensorReading(
    byte Raw,
    bool EventMessagesEnabled,
    bool ScanningEnabled,
    bool Unavailable,
    /// <summary>Bits 0-14: threshold comparison bits (threshold sensors) or asserted discrete states.</summary>
    ushort States,
    /// <summary>How many state bytes the BMC sent (0, 1 or 2): BMCs may omit them.</summary>
    byte StateBytesPresent)
{
    public bool AtOrBelowLowerNonCritical => (States & 0x01) != 0;
    public bool AtOrBelowLowerCritical => (States & 0x02) != 0;
    public bool AtOrBelowLowerNonRecoverable => (States & 0x04) != 0;
    public bool AtOrAboveUpperNonCritical => (States & 0x08) != 0;
    public bool AtOrAboveUpperCritical => (States & 0x10) != 0;
    public bool AtOrAboveUpperNonRecoverable => (States & 0x20) != 0;
}
