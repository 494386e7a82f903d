using System.Text.Json.Serialization;
using Lifeline.Redfish.Json;

namespace Lifeline.Redfish.Resources;

// DMTF enumerations as C# enums. Every enum starts with Unknown = 0: a value we do not know reads as Unknown (see
// TolerantEnumConverter). Member names are the DMTF strings exactly, so writing them back needs no table.

/// <summary>Resource.PowerState (Resource.v1_20_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<PowerState>))]
public enum PowerState { Unknown, On, Off, PoweringOn, PoweringOff, Paused }

/// <summary>Resource.ResetType (Resource.v1_20_0), used by ComputerSystem.Reset, Chassis.Reset and Manager.Reset.</summary>
[JsonConverter(typeof(TolerantEnumConverter<ResetType>))]
public enum ResetType
{
    Unknown, On, ForceOff, GracefulShutdown, GracefulRestart, ForceRestart, Nmi, ForceOn, PushPowerButton, PowerCycle,
    Suspend, Pause, Resume, FullPowerCycle,
}

/// <summary>ComputerSystem.BootSource (ComputerSystem.v1_22_0) — the BootSourceOverrideTarget values.</summary>
[JsonConverter(typeof(TolerantEnumConverter<BootSource>))]
public enum BootSource
{
    Unknown, None, Pxe, Floppy, Cd, Usb, Hdd, BiosSetup, Utilities, Diags, UefiShell, UefiTarget, SDCard, UefiHttp,
    RemoteDrive, UefiBootNext, Recovery,
}

/// <summary>ComputerSystem.BootSourceOverrideEnabled (ComputerSystem.v1_22_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<BootSourceOverrideEnabled>))]
public enum BootSourceOverrideEnabled { Unknown, Disabled, Once, Continuous }

/// <summary>ComputerSystem.BootSourceOverrideMode (ComputerSystem.v1_22_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<BootSourceOverrideMode>))]
public enum BootSourceOverrideMode { Unknown, Legacy, UEFI }

/// <summary>Resource.Health (Resource.v1_20_0); also LogEntry.Severity and Event severities.</summary>
[JsonConverter(typeof(TolerantEnumConverter<Health>))]
public enum Health { Unknown, OK, Warning, Critical }

/// <summary>Resource.State (Resource.v1_20_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<State>))]
public enum State
{
    Unknown, Enabled, Disabled, StandbyOffline, StandbySpare, InTest, Starting, Absent, UnavailableOffline, Deferring,
    Quiesced, Updating, Qualified, Degraded,
}

/// <summary>Task.TaskState (Task.v1_7_4).</summary>
[JsonConverter(typeof(TolerantEnumConverter<TaskState>))]
public enum TaskState
{
    Unknown, New, Starting, Running, Suspended, Interrupted, Pending, Stopping, Completed, Killed, Exception, Service,
    Cancelling, Cancelled,
}

/// <summary>LogEntry.LogEntryType (LogEntry.v1_16_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<LogEntryType>))]
public enum LogEntryType { Unknown, Event, SEL, Oem, CXL }

/// <summary>Sensor.ReadingType (Sensor.v1_9_0) — what a Sensor measures.</summary>
[JsonConverter(typeof(TolerantEnumConverter<ReadingType>))]
public enum ReadingType
{
    Unknown, Temperature, Humidity, Power, EnergykWh, EnergyJoules, EnergyWh, ChargeAh, Voltage, Current, Frequency,
    Pressure, PressurekPa, PressurePa, LiquidLevel, Rotational, AirFlow, AirFlowCMM, LiquidFlow, LiquidFlowLPM, Barometric,
    Altitude, Percent, AbsoluteHumidity, Heat,
}

/// <summary>VirtualMedia.MediaType (VirtualMedia.v1_6_3).</summary>
[JsonConverter(typeof(TolerantEnumConverter<VirtualMediaType>))]
public enum VirtualMediaType { Unknown, CD, Floppy, USBStick, DVD }

/// <summary>VirtualMedia.TransferProtocolType (VirtualMedia.v1_6_3).</summary>
[JsonConverter(typeof(TolerantEnumConverter<TransferProtocolType>))]
public enum TransferProtocolType { Unknown, CIFS, FTP, SFTP, HTTP, HTTPS, NFS, SCP, TFTP, OEM }

/// <summary>Manager.ManagerType (Manager.v1_19_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<ManagerType>))]
public enum ManagerType { Unknown, ManagementController, EnclosureManager, BMC, RackManager, AuxiliaryController, Service, FabricManager }

/// <summary>ComputerSystem.SystemType (ComputerSystem.v1_22_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<SystemType>))]
public enum SystemType { Unknown, Physical, Virtual, OS, PhysicallyPartitioned, VirtuallyPartitioned, Composed, DPU }

/// <summary>EventDestination.EventDestinationProtocol (EventDestination.v1_15_0).</summary>
[JsonConverter(typeof(TolerantEnumConverter<EventDestinationProtocol>))]
public enum EventDestinationProtocol { Unknown, Redfish, Kafka, SNMPv1, SNMPv2c, SNMPv3, SMTP, SyslogTLS, SyslogTCP, SyslogUDP, SyslogRELP, OEM }
