namespace Lifeline.Simulator.Model;

/// <summary>The host's power as the model sees it, including the pending transitions.</summary>
public enum PowerState
{
    /// <summary>Main power off (S5/G2); the BMC runs on standby power.</summary>
    Off,

    /// <summary>Power-up requested; main power comes on at the transition deadline.</summary>
    PoweringOn,

    /// <summary>Main power on (S0).</summary>
    On,

    /// <summary>Soft-off requested (ACPI): main power is still on while the OS shuts down.</summary>
    ShuttingDown,

    /// <summary>Power cycle: main power is off for the off interval, then comes back.</summary>
    Cycling,
}

public static class PowerStateExtensions
{
    /// <summary>Whether main power is on now: what Get Chassis Status reports as "power is on".</summary>
    public static bool IsMainPowerOn(this PowerState state) => state is PowerState.On or PowerState.ShuttingDown;
}

/// <summary>IPMI v2.0 §28.3 Chassis Control, request byte 1 [3:0].</summary>
public enum ChassisControlCommand : byte
{
    PowerDown = 0x00,
    PowerUp = 0x01,
    PowerCycle = 0x02,
    HardReset = 0x03,
    PulseDiagnosticInterrupt = 0x04,
    SoftShutdown = 0x05,
}

/// <summary>How the model took a chassis control command; the face maps <see cref="NotInPresentState"/> to D5h.</summary>
public enum ChassisControlResult
{
    Accepted,

    /// <summary>"Request parameter(s) not supported in present state": §28.3 recommends this for a power cycle
    /// while off; the model also answers it for a reset or diagnostic interrupt while off.</summary>
    NotInPresentState,
}

/// <summary>IPMI v2.0 §28.11 Get System Restart Cause, response byte 1 [3:0].</summary>
public enum SystemRestartCause : byte
{
    Unknown = 0x0,
    ChassisControlCommand = 0x1,
    ResetButton = 0x2,
    PowerButton = 0x3,
    WatchdogExpiration = 0x4,
    Oem = 0x5,
    PowerRestoreAlwaysOn = 0x6,
    PowerRestorePrevious = 0x7,
    ResetViaPef = 0x8,
    PowerCycleViaPef = 0x9,
    SoftReset = 0xA,
    RtcWakeup = 0xB,
}

/// <summary>IPMI v2.0 §28.8 Set Power Restore Policy / §28.2 byte 1 [6:5].</summary>
public enum PowerRestorePolicy : byte
{
    AlwaysOff = 0,
    RestorePrevious = 1,
    AlwaysOn = 2,
}

/// <summary>IPMI v2.0 §28.2 Get Chassis Status, byte 2 "last power event".</summary>
[Flags]
public enum LastPowerEvent : byte
{
    None = 0,
    AcFailed = 0x01,
    PowerOverload = 0x02,
    PowerInterlock = 0x04,
    PowerFault = 0x08,

    /// <summary>The last "power is on" state was entered through an IPMI command.</summary>
    PowerOnViaIpmi = 0x10,
}

/// <summary>IPMI v2.0 §28.2 byte 3 [5:4] chassis identify state.</summary>
public enum ChassisIdentifyState : byte
{
    Off = 0,
    TimedOn = 1,
    IndefiniteOn = 2,
}

/// <summary>IPMI v2.0 §28.6 Set Front Panel Enables / §28.2 byte 4: which buttons are disabled.</summary>
public readonly record struct FrontPanelState(
    bool PowerButtonDisabled,
    bool ResetButtonDisabled,
    bool DiagnosticInterruptButtonDisabled,
    bool StandbyButtonDisabled)
{
    /// <summary>Every button may be disabled by command (the "disable allowed" bits [7:4] of §28.2 byte 4).</summary>
    public const bool DisableAllowed = true;
}

/// <summary>Everything Get Chassis Status (IPMI v2.0 §28.2) reports, as structured values.</summary>
public readonly record struct ChassisStatus(
    bool PowerOn,
    bool PowerOverload,
    bool PowerInterlock,
    bool PowerFault,
    bool PowerControlFault,
    PowerRestorePolicy RestorePolicy,
    LastPowerEvent LastPowerEvent,
    bool ChassisIntrusion,
    bool FrontPanelLockout,
    bool DriveFault,
    bool CoolingFault,
    ChassisIdentifyState Identify,
    FrontPanelState FrontPanel);
