using Lifeline.Drivers;

namespace Lifeline.Monitoring.Model;

/// <summary>One sensor's reading in one poll.</summary>
/// <param name="Sensor">The sensor's name as the BMC gives it ("Fan1", "CPU1 Temp").</param>
/// <param name="Type">"Temperature", "Fan", "Voltage", …</param>
/// <param name="Unit">"degrees C", "RPM", …; null for discrete sensors.</param>
/// <param name="Value">The reading; null for discrete sensors or when the BMC had none.</param>
/// <param name="Status">Threshold status or health as the BMC reported it.</param>
/// <param name="State">Discrete sensors: the asserted states in words.</param>
/// <param name="Thresholds">The BMC's thresholds, when it reports them.</param>
public sealed record SensorPoint(string Sensor, string Type, string? Unit, double? Value, SensorStatus Status, string? State = null,
    SensorThresholdValues? Thresholds = null)
{
    /// <summary>From a driver reading.</summary>
    public static SensorPoint From(SensorReadingResult reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new(reading.Name, reading.Type, reading.Unit, reading.Value, reading.Status, reading.State, reading.Thresholds);
    }
}

/// <summary>
/// One sensor poll of one node. A poll that failed (timeout, packet loss, BMC down) is a snapshot with
/// <see cref="Gap"/> set and no sensors: history marks the gap instead of inventing values.
/// </summary>
/// <param name="Node">The node name.</param>
/// <param name="Time">When the poll completed (service clock).</param>
/// <param name="Sensors">The readings, in the BMC's order; empty for a gap.</param>
/// <param name="Gap">Why there is no data for this poll (the error category and message), or null.</param>
public sealed record SensorSnapshot(string Node, DateTimeOffset Time, IReadOnlyList<SensorPoint> Sensors, string? Gap = null)
{
    public bool IsGap => Gap is not null;
}
