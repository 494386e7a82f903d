namespace Lifeline.Simulator.Model;

/// <summary>IPMI v2.0 Table 42-3 sensor type codes (the ones this simulator uses, plus close neighbours).</summary>
public enum SensorType : byte
{
    Temperature = 0x01,
    Voltage = 0x02,
    Current = 0x03,
    Fan = 0x04,
    PhysicalSecurity = 0x05,
    Processor = 0x07,
    PowerSupply = 0x08,
    PowerUnit = 0x09,
    CoolingDevice = 0x0A,
    OtherUnitsBased = 0x0B,
    Memory = 0x0C,
    SystemFirmwareProgress = 0x0F,
    EventLoggingDisabled = 0x10,
    SystemEvent = 0x12,
    CriticalInterrupt = 0x13,
    ButtonSwitch = 0x14,
    SystemBootInitiated = 0x1D,
    BootError = 0x1E,
    OsBoot = 0x1F,
    OsCriticalStop = 0x20,
    AcpiPowerState = 0x22,
    Watchdog2 = 0x23,
    ManagementSubsystemHealth = 0x28,
    Battery = 0x29,
}

/// <summary>IPMI v2.0 Table 42-1 event/reading type codes (7 bits).</summary>
public enum EventReadingType : byte
{
    Threshold = 0x01,
    /// <summary>Generic redundancy states (Table 42-2): 0 fully redundant, 1 redundancy lost, 2 degraded, …</summary>
    Redundancy = 0x0B,
    SensorSpecific = 0x6F,
}

/// <summary>IPMI v2.0 Table 43-15 sensor unit type codes (the ones used here).</summary>
public enum SensorUnit : byte
{
    Unspecified = 0,
    DegreesC = 1,
    DegreesF = 2,
    Kelvin = 3,
    Volts = 4,
    Amps = 5,
    Watts = 6,
    Rpm = 18,
}

/// <summary>IPMI v2.0 Table 43-13 entity ids (the ones used here).</summary>
public enum EntityId : byte
{
    Processor = 0x03,
    PowerSupply = 0x0A,
    SystemBoard = 0x07,
    SystemChassis = 0x17,
    FanCoolingDevice = 0x1D,
    MemoryDevice = 0x20,
    SystemManagementSoftware = 0x21,
    SystemFirmware = 0x22,
    OperatingSystem = 0x23,
    PowerManagement = 0x15,
    AirInlet = 0x37,
}

/// <summary>
/// The six thresholds, numbered as the bits of Get Sensor Reading byte 3 and of the SDR threshold masks
/// (IPMI v2.0 §35.14, §43.1). Threshold event offsets (Table 42-2) are <c>2·threshold + (goingHigh ? 1 : 0)</c>.
/// </summary>
public enum SensorThreshold : byte
{
    LowerNonCritical = 0,
    LowerCritical = 1,
    LowerNonRecoverable = 2,
    UpperNonCritical = 3,
    UpperCritical = 4,
    UpperNonRecoverable = 5,
}

public static class SensorThresholdExtensions
{
    public static bool IsUpper(this SensorThreshold threshold) => threshold >= SensorThreshold.UpperNonCritical;

    /// <summary>Table 42-2 offset of the event the model logs for this threshold: going high for upper
    /// thresholds, going low for lower ones.</summary>
    public static byte EventOffset(this SensorThreshold threshold) =>
        (byte)((int)threshold * 2 + (threshold.IsUpper() ? 1 : 0));
}
