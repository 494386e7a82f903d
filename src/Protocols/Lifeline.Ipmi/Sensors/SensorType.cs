namespace Lifeline.Ipmi.Sensors;

/// <summary>Sensor type codes (IPMI v2.0 §42.2, Table 42-3). C0h-FFh are OEM reserved.</summary>
public enum SensorType : byte
{
    Reserved = 0x00,
    Temperature = 0x01,
    Voltage = 0x02,
    Current = 0x03,
    Fan = 0x04,
    PhysicalSecurity = 0x05,
    PlatformSecurity = 0x06,
    Processor = 0x07,
    PowerSupply = 0x08,
    PowerUnit = 0x09,
    CoolingDevice = 0x0A,
    OtherUnitsBased = 0x0B,
    Memory = 0x0C,
    DriveSlot = 0x0D,
    PostMemoryResize = 0x0E,
    SystemFirmwareProgress = 0x0F,
    EventLoggingDisabled = 0x10,
    Watchdog1 = 0x11,
    SystemEvent = 0x12,
    CriticalInterrupt = 0x13,
    ButtonSwitch = 0x14,
    ModuleBoard = 0x15,
    MicrocontrollerCoprocessor = 0x16,
    AddInCard = 0x17,
    Chassis = 0x18,
    ChipSet = 0x19,
    OtherFru = 0x1A,
    CableInterconnect = 0x1B,
    Terminator = 0x1C,
    SystemBootInitiated = 0x1D,
    BootError = 0x1E,
    OsBoot = 0x1F,
    OsCriticalStop = 0x20,
    SlotConnector = 0x21,
    SystemAcpiPowerState = 0x22,
    Watchdog2 = 0x23,
    PlatformAlert = 0x24,
    EntityPresence = 0x25,
    MonitorAsic = 0x26,
    Lan = 0x27,
    ManagementSubsystemHealth = 0x28,
    Battery = 0x29,
    SessionAudit = 0x2A,
    VersionChange = 0x2B,
    FruState = 0x2C,
}

public static class SensorTypeText
{
    // ipmitool's spelling of Table 42-3, so that our lists read like `ipmitool sdr elist` / `sel elist`.
    private static readonly string[] Names =
    [
        "reserved", "Temperature", "Voltage", "Current", "Fan", "Physical Security", "Platform Security", "Processor",
        "Power Supply", "Power Unit", "Cooling Device", "Other", "Memory", "Drive Slot / Bay", "POST Memory Resize",
        "System Firmwares", "Event Logging Disabled", "Watchdog1", "System Event", "Critical Interrupt", "Button",
        "Module / Board", "Microcontroller", "Add-in Card", "Chassis", "Chip Set", "Other FRU", "Cable / Interconnect",
        "Terminator", "System Boot Initiated", "Boot Error", "OS Boot", "OS Critical Stop", "Slot / Connector",
        "System ACPI Power State", "Watchdog2", "Platform Alert", "Entity Presence", "Monitor ASIC", "LAN",
        "Management Subsys Health", "Battery", "Session Audit", "Version Change", "FRU State",
    ];

    /// <summary>The display name ("Temperature", "Power Supply"); reserved and OEM codes are "Unknown" (as ipmitool).</summary>
    public static string Text(this SensorType type) => (byte)type < Names.Length ? Names[(byte)type] : "Unknown";

    /// <summary>True for the OEM range C0h-FFh.</summary>
    public static bool IsOem(this SensorType type) => (byte)type >= 0xC0;
}
