namespace Lifeline.Ipmi.Sensors;

/// <summary>
/// Event/Reading type codes (IPMI v2.0 §42.1, Table 42-1): how a sensor's states and events are to be read.
/// 02h-0Ch are the generic discrete types of Table 42-2; 70h-7Fh are OEM.
/// </summary>
public enum EventReadingType : byte
{
    Unspecified = 0x00,
    Threshold = 0x01,
    /// <summary>DMI-based "usage state" (idle / active / busy).</summary>
    DmiUsage = 0x02,
    DigitalState = 0x03,
    PredictiveFailure = 0x04,
    LimitExceeded = 0x05,
    Performance = 0x06,
    Severity = 0x07,
    DevicePresence = 0x08,
    DeviceEnabled = 0x09,
    AvailabilityState = 0x0A,
    Redundancy = 0x0B,
    AcpiDevicePowerState = 0x0C,
    SensorSpecific = 0x6F,
}

/// <summary>The four families of Table 42-1.</summary>
public enum EventReadingClass
{
    Unspecified,
    Threshold,
    /// <summary>Generic discrete (02h-0Ch, Table 42-2).</summary>
    Generic,
    /// <summary>Offsets defined per sensor type (6Fh, Table 42-3).</summary>
    SensorSpecific,
    /// <summary>70h-7Fh.</summary>
    Oem,
    Reserved,
}

/// <summary>How bad an event is, for alerting: a deassertion is always <see cref="Info"/>.</summary>
public enum EventSeverity
{
    Info,
    Warning,
    Critical,
}

public static class EventReadingTypeExtensions
{
    public static EventReadingClass Class(this EventReadingType type) => (byte)type switch
    {
        0x00 => EventReadingClass.Unspecified,
        0x01 => EventReadingClass.Threshold,
        >= 0x02 and <= 0x0C => EventReadingClass.Generic,
        0x6F => EventReadingClass.SensorSpecific,
        >= 0x70 and <= 0x7F => EventReadingClass.Oem,
        _ => EventReadingClass.Reserved,
    };

    /// <summary>ipmitool's name of the family ("Threshold", "Generic Discrete", "Sensor-specific Discrete", "OEM").</summary>
    public static string Text(this EventReadingType type) => type.Class() switch
    {
        EventReadingClass.Unspecified => "Unspecified",
        EventReadingClass.Threshold => "Threshold",
        EventReadingClass.Generic => "Generic Discrete",
        EventReadingClass.SensorSpecific => "Sensor-specific Discrete",
        EventReadingClass.Oem => "OEM",
        _ => "Reserved",
    };
}
