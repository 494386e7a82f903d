namespace Lifeline.Simulator.Model;

/// <summary>
/// One sensor, as immutable data shared by every node: what an SDR full (or compact / event-only) record
/// describes, plus the simulator's <see cref="Physics"/> for threshold sensors.
/// </summary>
public sealed record SensorDefinition
{
    public required byte Number { get; init; }

    /// <summary>At most 16 characters (the SDR id string).</summary>
    public required string Name { get; init; }

    public required SensorType Type { get; init; }
    public required EventReadingType ReadingType { get; init; }
    public EntityId Entity { get; init; } = EntityId.SystemBoard;
    public byte EntityInstance { get; init; } = 1;
    public SensorUnit Unit { get; init; }
    public double? Nominal { get; init; }
    public SensorThresholds Thresholds { get; init; } = SensorThresholds.None;

    /// <summary>Positive and negative hysteresis, in physical units.</summary>
    public double Hysteresis { get; init; }

    public SensorConversion Conversion { get; init; } = new(1, 0, 0, 0);

    /// <summary>Discrete sensors: which sensor-specific offsets (bits 0-14) the sensor can assert.</summary>
    public ushort SupportedStates { get; init; }

    /// <summary>Discrete sensors: the states asserted when a node is built.</summary>
    public ushort InitialStates { get; init; }

    /// <summary>The sensor only reads while main power is on (CPU/DIMM temps, fans, main rails): when off
    /// its reading is flagged unavailable and it raises no threshold events.</summary>
    public bool RequiresMainPower { get; init; }

    /// <summary>A discrete sensor that only generates events (an SDR type 03h record): no reading.</summary>
    public bool EventOnly { get; init; }

    public SensorPhysics? Physics { get; init; }

    public bool IsThreshold => ReadingType == EventReadingType.Threshold;

    public byte ToRaw(double value) => Conversion.ToRaw(value);

    public double FromRaw(byte raw) => Conversion.ToValue(raw);
}
