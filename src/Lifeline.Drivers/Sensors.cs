namespace Lifeline.Drivers;

/// <summary>How a sensor reading compares to its thresholds, or what a discrete sensor reports.</summary>
public enum SensorStatus
{
    Ok,
    /// <summary>Past a non-critical threshold.</summary>
    Warning,
    /// <summary>Past a critical threshold.</summary>
    Critical,
    /// <summary>Past a non-recoverable threshold.</summary>
    NonRecoverable,
    /// <summary>No reading (§35.14 "reading/state unavailable", or scanning disabled).</summary>
    Unavailable,
}

/// <summary>One sensor.</summary>
/// <param name="Name">The SDR ID string ("CPU1 Temp").</param>
/// <param name="Type">The sensor type (IPMI v2.0 Table 42-3), in words ("Temperature", "Fan", "Voltage").</param>
/// <param name="Value">The converted reading of a threshold sensor; null for discrete sensors or no reading.</param>
/// <param name="Unit">The unit ("degrees C", "RPM", "Volts"); null when there is none.</param>
/// <param name="Status">Threshold status or health.</param>
/// <param name="State">Discrete sensors: the asserted states in words ("Presence detected"); otherwise null.</param>
public sealed record SensorReadingResult(string Name, string Type, double? Value, string? Unit, SensorStatus Status, string? State = null)
{
    /// <summary>The thresholds the BMC reports for a threshold sensor, in <see cref="Unit"/>; null when it has none.</summary>
    public SensorThresholdValues? Thresholds { get; init; }
}

/// <summary>
/// The readable thresholds of a threshold sensor (IPMI v2.0 §43.1 full sensor record bytes 37-42), converted to the
/// sensor's unit; a threshold the BMC does not report is null.
/// </summary>
public sealed record SensorThresholdValues(
    double? LowerNonRecoverable,
    double? LowerCritical,
    double? LowerNonCritical,
    double? UpperNonCritical,
    double? UpperCritical,
    double? UpperNonRecoverable);

/// <summary>The sensors of one BMC, in SDR order.</summary>
public sealed record SensorsResult(IReadOnlyList<SensorReadingResult> Sensors);
