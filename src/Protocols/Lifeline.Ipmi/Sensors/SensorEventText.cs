namespace Lifeline.Ipmi.Sensors;

/// <summary>
/// Names of event offsets and discrete states: generic (IPMI v2.0 §42.2 Table 42-2) and sensor-specific
/// (Table 42-3), spelled as ipmitool prints them so that our SEL and sensor lists read like `ipmitool sel elist`.
/// Where ipmitool's table disagrees with the spec we follow the spec and say so.
/// </summary>
public static class SensorEventText
{
    // Table 42-2, generic event/reading types, indexed [type][offset].
    private static readonly Dictionary<byte, string?[]> Generic = new()
    {
        [0x01] =
        [
            "Lower Non-critical going low", "Lower Non-critical going high", "Lower Critical going low",
            "Lower Critical going high", "Lower Non-recoverable going low", "Lower Non-recoverable going high",
            "Upper Non-critical going low", "Upper Non-critical going high", "Upper Critical going low",
            "Upper Critical going high", "Upper Non-recoverable going low", "Upper Non-recoverable going high",
        ],
        [0x02] = ["Transition to Idle", "Transition to Active", "Transition to Busy"],
        [0x03] = ["State Deasserted", "State Asserted"],
        [0x04] = ["Predictive Failure Deasserted", "Predictive Failure Asserted"],
        [0x05] = ["Limit Not Exceeded", "Limit Exceeded"],
        [0x06] = ["Performance Met", "Performance Lags"],
        [0x07] =
        [
            "Transition to OK", "Transition to Non-critical from OK", "Transition to Critical from less severe",
            "Transition to Non-recoverable from less severe", "Transition to Non-critical from more severe",
            "Transition to Critical from Non-recoverable", "Transition to Non-recoverable", "Monitor", "Informational",
        ],
        [0x08] = ["Device Absent", "Device Present"],
        [0x09] = ["Device Disabled", "Device Enabled"],
        [0x0A] =
        [
            "Transition to Running", "Transition to In Test", "Transition to Power Off", "Transition to On Line",
            "Transition to Off Line", "Transition to Off Duty", "Transition to Degraded", "Transition to Power Save",
            "Install Error",
        ],
        [0x0B] =
        [
            "Fully Redundant", "Redundancy Lost", "Redundancy Degraded", "Non-Redundant: Sufficient from Redundant",
            "Non-Redundant: Sufficient from Insufficient", "Non-Redundant: Insufficient Resources",
            "Redundancy Degraded from Fully Redundant", "Redundancy Degraded from Non-Redundant",
        ],
        [0x0C] = ["D0 Power State", "D1 Power State", "D2 Power State", "D3 Power State"],
    };

    // Table 42-3, sensor-specific offsets (event/reading type 6Fh), indexed [sensor type][offset].
    // Module/Board (15h) has no offsets in the spec; its events have no text, as in ipmitool.
    private static readonly Dictionary<SensorType, string?[]> Specific = new()
    {
        [SensorType.PhysicalSecurity] =
        [
            "General Chassis intrusion", "Drive Bay intrusion", "I/O Card area intrusion", "Processor area intrusion",
            "System unplugged from LAN", "Unauthorized dock", "FAN area intrusion",
        ],
        [SensorType.PlatformSecurity] =
        [
            "Front Panel Lockout violation attempted", "Pre-boot password violation - user password",
            "Pre-boot password violation - setup password", "Pre-boot password violation - network boot password",
            "Other pre-boot password violation", "Out-of-band access password violation",
        ],
        [SensorType.Processor] =
        [
            "IERR", "Thermal Trip", "FRB1/BIST failure", "FRB2/Hang in POST failure",
            "FRB3/Processor startup/init failure", "Configuration Error", "SM BIOS Uncorrectable CPU-complex Error",
            "Presence detected", "Disabled", "Terminator presence detected", "Throttled",
            "Uncorrectable machine check exception", "Correctable machine check error",
        ],
        // ipmitool lists "Power Supply Inactive" under offset 06h a second time; the spec (errata) puts it at 07h.
        [SensorType.PowerSupply] =
        [
            "Presence detected", "Failure detected", "Predictive failure", "Power Supply AC lost",
            "AC lost or out-of-range", "AC out-of-range, but present", "Config Error", "Power Supply Inactive",
        ],
        [SensorType.PowerUnit] =
        [
            "Power off/down", "Power cycle", "240VA power down", "Interlock power down", "AC lost",
            "Soft-power control failure", "Failure detected", "Predictive failure",
        ],
        [SensorType.Memory] =
        [
            "Correctable ECC", "Uncorrectable ECC", "Parity", "Memory Scrub Failed", "Memory Device Disabled",
            "Correctable ECC logging limit reached", "Presence Detected", "Configuration Error", "Spare", "Throttled",
            "Critical Overtemperature",
        ],
        [SensorType.DriveSlot] =
        [
            "Drive Present", "Drive Fault", "Predictive Failure", "Hot Spare", "Parity Check In Progress",
            "In Critical Array", "In Failed Array", "Rebuild In Progress", "Rebuild Aborted",
        ],
        // Offsets 0-2 are refined by event data 2 (FirmwareError / FirmwareProgress); these are the texts without it.
        [SensorType.SystemFirmwareProgress] = ["Unknown Error", "Unknown Hang", "Unknown Progress"],
        [SensorType.EventLoggingDisabled] =
        [
            "Correctable memory error logging disabled", "Event logging disabled", "Log area reset/cleared",
            "All event logging disabled", "Log full", "Log almost full",
        ],
        [SensorType.Watchdog1] =
        [
            "BIOS Reset", "OS Reset", "OS Shut Down", "OS Power Down", "OS Power Cycle", "OS NMI/Diag Interrupt",
            "OS Expired", "OS pre-timeout Interrupt",
        ],
        [SensorType.SystemEvent] =
        [
            "System Reconfigured", "OEM System boot event", "Undetermined system hardware failure",
            "Entry added to auxiliary log", "PEF Action", "Timestamp Clock Sync",
        ],
        [SensorType.CriticalInterrupt] =
        [
            "NMI/Diag Interrupt", "Bus Timeout", "I/O Channel check NMI", "Software NMI", "PCI PERR", "PCI SERR",
            "EISA failsafe timeout", "Bus Correctable error", "Bus Uncorrectable error", "Fatal NMI", "Bus Fatal Error",
            "Bus Degraded",
        ],
        [SensorType.ButtonSwitch] =
        [
            "Power Button pressed", "Sleep Button pressed", "Reset Button pressed", "FRU Latch", "FRU Service",
        ],
        [SensorType.ChipSet] = ["Soft Power Control Failure", "Thermal Trip"],
        [SensorType.CableInterconnect] = ["Connected", "Config Error"],
        [SensorType.SystemBootInitiated] =
        [
            "Initiated by power up", "Initiated by hard reset", "Initiated by warm reset", "User requested PXE boot",
            "Automatic boot to diagnostic", "OS initiated hard reset", "OS initiated warm reset", "System Restart",
        ],
        [SensorType.BootError] =
        [
            "No bootable media", "Non-bootable disk in drive", "PXE server not found", "Invalid boot sector",
            "Timeout waiting for selection",
        ],
        [SensorType.OsBoot] =
        [
            "A: boot completed", "C: boot completed", "PXE boot completed", "Diagnostic boot completed",
            "CD-ROM boot completed", "ROM boot completed", "boot completed - device not specified",
            "Installation started", "Installation completed", "Installation aborted", "Installation failed",
        ],
        [SensorType.OsCriticalStop] =
        [
            "Error during system startup", "Run-time critical stop", "OS graceful stop", "OS graceful shutdown",
            "PEF initiated soft shutdown", "Agent not responding",
        ],
        [SensorType.SlotConnector] =
        [
            "Fault Status", "Identify Status", "Device Installed", "Ready for Device Installation",
            "Ready for Device Removal", "Slot Power is Off", "Device Removal Request", "Interlock", "Slot is Disabled",
            "Spare Device",
        ],
        [SensorType.SystemAcpiPowerState] =
        [
            "S0/G0: working", "S1: sleeping with system hw & processor context maintained",
            "S2: sleeping, processor context lost", "S3: sleeping, processor & hw context lost, memory retained",
            "S4: non-volatile sleep/suspend-to-disk", "S5/G2: soft-off", "S4/S5: soft-off", "G3: mechanical off",
            "Sleeping in S1/S2/S3 state", "G1: sleeping", "S5: entered by override", "Legacy ON state",
            "Legacy OFF state", null, "Unknown",
        ],
        [SensorType.Watchdog2] =
        [
            "Timer expired", "Hard reset", "Power down", "Power cycle", "reserved", "reserved", "reserved", "reserved",
            "Timer interrupt",
        ],
        [SensorType.PlatformAlert] =
        [
            "Platform generated page", "Platform generated LAN alert", "Platform Event Trap generated",
            "Platform generated SNMP trap, OEM format",
        ],
        [SensorType.EntityPresence] = ["Present", "Absent", "Disabled"],
        [SensorType.Lan] = ["Heartbeat Lost", "Heartbeat"],
        [SensorType.ManagementSubsystemHealth] =
        [
            "Sensor access degraded or unavailable", "Controller access degraded or unavailable",
            "Management controller off-line", "Management controller unavailable", "Sensor failure", "FRU failure",
        ],
        [SensorType.Battery] = ["Low", "Failed", "Presence Detected"],
        [SensorType.VersionChange] =
        [
            "Hardware change detected", "Firmware or software change detected", "Hardware incompatibility detected",
            "Firmware or software incompatibility detected", "Invalid or unsupported hardware version",
            "Invalid or unsupported firmware or software version", "Hardware change success",
            "Firmware or software change success",
        ],
        [SensorType.FruState] =
        [
            "Not Installed", "Inactive", "Activation Requested", "Activation in Progress", "Active",
            "Deactivation Requested", "Deactivation in Progress", "Communication lost",
        ],
    };

    // Table 42-3 footnote: System Firmware Error (offset 00h) codes in event data 2.
    private static readonly string[] FirmwareError =
    [
        "Unspecified", "No system memory installed", "No usable system memory", "Unrecoverable IDE device failure",
        "Unrecoverable system-board failure", "Unrecoverable diskette failure",
        "Unrecoverable hard-disk controller failure", "Unrecoverable PS/2 or USB keyboard failure",
        "Removable boot media not found", "Unrecoverable video controller failure", "No video device selected",
        "BIOS corruption detected", "CPU voltage mismatch", "CPU speed mismatch failure",
    ];

    // Table 42-3 footnote: System Firmware Hang / Progress (offsets 01h, 02h) codes in event data 2.
    private static readonly string[] FirmwareProgress =
    [
        "Unspecified", "Memory initialization", "Hard-disk initialization", "Secondary CPU Initialization",
        "User authentication", "User-initiated system setup", "USB resource configuration",
        "PCI resource configuration", "Option ROM initialization", "Video initialization", "Cache initialization",
        "SMBus initialization", "Keyboard controller initialization", "Management controller initialization",
        "Docking station attachment", "Enabling docking station", "Docking station ejection",
        "Disabling docking station", "Calling operating system wake-up vector", "System boot initiated",
        "Motherboard initialization", "reserved", "Floppy initialization", "Keyboard test", "Pointing device test",
        "Primary CPU initialization",
    ];

    // Table 42-3: Power Supply offset 06h "Configuration error" types.
    private static readonly string[] PowerSupplyConfigError =
    [
        "Config Error: Vendor Mismatch", "Config Error: Revision Mismatch", "Config Error: Processor Missing",
        "Config Error: Power Supply Rating Mismatch", "Config Error: Voltage Rating Mismatch",
    ];

    // Table 42-3: Version Change offsets 01h/07h, version change type in event data 2.
    private static readonly string[] VersionChangeType =
    [
        "", "Mngmt Ctrl Dev Id", "Mngmt Ctrl Firm Rev", "Mngmt Ctrl Dev Rev", "Mngmt Ctrl Manuf Id",
        "Mngmt Ctrl IPMI Vers", "Mngmt Ctrl Aux Firm Id", "Mngmt Ctrl Firm Boot Block", "Mngmt Ctrl Other",
        "BIOS/EFI change", "SMBIOS change", "O/S change", "O/S loader change", "Service Diag change",
        "Mngmt SW agent change", "Mngmt SW App change", "Mngmt SW Middle", "Prog HW Change (FPGA)",
        "board/FRU module change", "board/FRU component change", "board/FRU replace equ ver",
        "board/FRU replace new ver", "board/FRU replace old ver", "board/FRU HW conf change",
    ];

    /// <summary>
    /// The text of one state offset without event data: "Upper Critical going high", "Correctable ECC",
    /// "Presence detected". Null when the offset is not defined (or the type is OEM).
    /// </summary>
    public static string? StateText(SensorType sensorType, EventReadingType eventType, int offset)
    {
        if (offset is < 0 or > 14)
        {
            return null;
        }
        string?[]? table = eventType == EventReadingType.SensorSpecific
            ? Specific.GetValueOrDefault(sensorType)
            : Generic.GetValueOrDefault((byte)eventType);
        return table is not null && offset < table.Length ? table[offset] : null;
    }

    /// <summary>
    /// The text of an event (SEL entry) offset, refined by event data where Table 42-3 defines it (firmware
    /// progress codes, power supply configuration error types, version change types). Like ipmitool, event data 2
    /// counts as present whenever event data 1 [7:6] is non-zero.
    /// </summary>
    public static string? EventText(SensorType sensorType, EventReadingType eventType, byte eventData1, byte eventData2, byte eventData3)
    {
        int offset = eventData1 & 0x0F;
        string? plain = StateText(sensorType, eventType, offset);
        if (eventType != EventReadingType.SensorSpecific)
        {
            return plain;
        }
        bool data2 = (eventData1 & 0xC0) != 0;
        switch (sensorType)
        {
            case SensorType.SystemFirmwareProgress when data2 && offset == 0 && eventData2 < FirmwareError.Length:
                return FirmwareError[eventData2];
            case SensorType.SystemFirmwareProgress when data2 && offset is 1 or 2 && eventData2 < FirmwareProgress.Length:
                return FirmwareProgress[eventData2];
            case SensorType.PowerSupply when offset == 6:
                // The spec puts the error type in event data 3 [3:0] (ED1 [5:4] = 11b); ipmitool reads it from
                // event data 2. Accept both, preferring the spec.
                int? kind = (eventData1 & 0x30) == 0x30 ? eventData3 & 0x0F : data2 ? eventData2 : null;
                return kind is { } k && k < PowerSupplyConfigError.Length ? PowerSupplyConfigError[k] : plain;
            case SensorType.VersionChange when data2 && offset is 1 or 7 && eventData2 is > 0 and < 0x18:
                return $"{plain}, {VersionChangeType[eventData2]}";
            default:
                return plain;
        }
    }

    /// <summary>The texts of the asserted states (bits 0-14 of a discrete reading), lowest offset first.</summary>
    public static IReadOnlyList<string> States(SensorType sensorType, EventReadingType eventType, ushort stateBits)
    {
        var list = new List<string>();
        for (int offset = 0; offset < 15; offset++)
        {
            if ((stateBits & (1 << offset)) != 0 && StateText(sensorType, eventType, offset) is { } text)
            {
                list.Add(text);
            }
        }
        return list;
    }

    /// <summary>
    /// How bad an event is. Deassertions are informational. Threshold events: non-critical thresholds warn,
    /// critical and non-recoverable thresholds are critical. Generic and sensor-specific offsets follow what the
    /// state means for the machine (correctable ECC warns, uncorrectable ECC and PSU failure are critical).
    /// </summary>
    public static EventSeverity Severity(SensorType sensorType, EventReadingType eventType, int offset, bool deassertion)
    {
        if (deassertion)
        {
            return EventSeverity.Info;
        }
        const EventSeverity I = EventSeverity.Info, W = EventSeverity.Warning, C = EventSeverity.Critical;
        return (byte)eventType switch
        {
            0x01 => offset switch
            {
                0 or 1 or 6 or 7 => W,
                >= 2 and <= 5 or >= 8 and <= 11 => C,
                _ => I,
            },
            0x04 => offset == 1 ? W : I,
            0x05 => offset == 1 ? W : I,
            0x06 => offset == 1 ? W : I,
            0x07 => offset switch { 1 or 4 => W, 2 or 3 or 5 or 6 => C, _ => I },
            0x0A => offset switch { 6 => W, 8 => C, _ => I },
            0x0B => offset switch { 1 or 5 => C, 2 or 3 or 4 or 6 or 7 => W, _ => I },
            0x6F => SensorSpecificSeverity(sensorType, offset),
            _ => I,
        };

        static EventSeverity SensorSpecificSeverity(SensorType type, int offset) => type switch
        {
            SensorType.PhysicalSecurity or SensorType.PlatformSecurity => W,
            SensorType.Processor => offset switch { 7 or 9 => I, 8 or 10 or 12 => W, _ => C },
            SensorType.PowerSupply => offset switch { 0 => I, 2 or 5 or 7 => W, _ => C },
            SensorType.PowerUnit => offset switch { 0 or 1 => I, 3 or 7 => W, _ => C },
            SensorType.Memory => offset switch { 0 or 4 or 5 or 9 => W, 6 or 8 => I, _ => C },
            SensorType.DriveSlot => offset switch { 1 or 6 => C, 2 or 5 or 8 => W, _ => I },
            SensorType.SystemFirmwareProgress => offset switch { 0 or 1 => C, _ => I },
            SensorType.EventLoggingDisabled => offset == 2 ? I : W,
            SensorType.Watchdog1 => W,
            SensorType.SystemEvent => offset == 2 ? C : I,
            SensorType.CriticalInterrupt => offset switch { 3 or 7 or 11 => W, _ => C },
            SensorType.ChipSet => C,
            SensorType.CableInterconnect => offset == 1 ? W : I,
            SensorType.BootError => W,
            SensorType.OsBoot => offset switch { 9 => W, 10 => C, _ => I },
            SensorType.OsCriticalStop => offset switch { 0 or 1 => C, 5 => W, _ => I },
            SensorType.SlotConnector => offset == 0 ? W : I,
            SensorType.Watchdog2 => offset <= 3 ? W : I,
            SensorType.EntityPresence => offset == 0 ? I : W,
            SensorType.Lan => offset == 0 ? W : I,
            SensorType.ManagementSubsystemHealth => W,
            SensorType.Battery => offset switch { 0 => W, 1 => C, _ => I },
            SensorType.VersionChange => offset is >= 2 and <= 5 ? W : I,
            SensorType.FruState => offset == 7 ? W : I,
            _ => I,
        };
    }
}
