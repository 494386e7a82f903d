namespace Lifeline.Simulator.Model;

// IPMI v2.0 §28.13 boot option parameters, as structured values. Parameter 5 (boot flags):
//   byte 1  [7] valid, [6] 1 = persistent / 0 = next boot only, [5] 1 = EFI / 0 = legacy
//   byte 2  [7] CMOS clear, [6] lock keyboard, [5:2] boot device selector, [1] screen blank, [0] lock reset button
//   byte 3  [7] lock out power button (via front panel), [6:5] firmware verbosity, [4] force progress event traps,
//           [3] bypass user password, [2] lock out sleep button, [1:0] console redirection
//   byte 4  [3] BIOS shared mode override, [2:0] BIOS mux control override
//   byte 5  [4:0] device instance selector

/// <summary>Parameter 5 byte 2 [5:2] boot device selector.</summary>
public enum BootDevice : byte
{
    None = 0x0,
    Pxe = 0x1,
    Disk = 0x2,
    DiskSafeMode = 0x3,
    Diagnostic = 0x4,
    Cdrom = 0x5,
    BiosSetup = 0x6,
    RemoteFloppy = 0x7,
    RemoteCdrom = 0x8,
    RemoteMedia = 0x9,
    RemoteDisk = 0xB,
    Floppy = 0xF,
}

/// <summary>Parameter 5 byte 3 [6:5].</summary>
public enum FirmwareVerbosity : byte
{
    Default = 0,
    Quiet = 1,
    Verbose = 2,
}

/// <summary>Parameter 5 byte 3 [1:0].</summary>
public enum ConsoleRedirectionControl : byte
{
    SystemDefault = 0,
    Suppress = 1,
    Enable = 2,
}

/// <summary>The boot flags (parameter 5).</summary>
public sealed record BootFlags
{
    public static BootFlags Empty { get; } = new();

    public bool Valid { get; init; }
    public bool Persistent { get; init; }
    public bool Efi { get; init; }
    public BootDevice Device { get; init; }
    public bool ClearCmos { get; init; }
    public bool LockKeyboard { get; init; }
    public bool ScreenBlank { get; init; }
    public bool LockResetButton { get; init; }
    public bool LockOutPowerButton { get; init; }
    public FirmwareVerbosity Verbosity { get; init; }
    public bool ForceProgressEventTraps { get; init; }
    public bool BypassUserPassword { get; init; }
    public bool LockOutSleepButton { get; init; }
    public ConsoleRedirectionControl ConsoleRedirection { get; init; }
    public byte DeviceInstance { get; init; }
}

/// <summary>Parameter 0 [1:0] set-in-progress.</summary>
public enum BootOptionsSetState : byte
{
    SetComplete = 0,
    SetInProgress = 1,
    CommitWrite = 2,
}

/// <summary>Parameter 3: which events do not clear the valid bit. The model honours
/// <see cref="DontClearOnTimeout"/>; the other bits are stored for the face to read back.</summary>
[Flags]
public enum BootFlagValidBitClearing : byte
{
    None = 0,
    DontClearOnPefReset = 0x01,
    DontClearOnPowerButtonOrWake = 0x02,
    DontClearOnResetButtonOrSoftReset = 0x04,
    DontClearOnWatchdogReset = 0x08,
    DontClearOnTimeout = 0x10,
}

/// <summary>Parameter 4 data byte: who has handled the boot info. Initialised to 0 when the BMC starts; the
/// simulated BIOS sets <see cref="BiosPost"/> when it consumes valid boot flags.</summary>
[Flags]
public enum BootInfoAcknowledge : byte
{
    None = 0,
    BiosPost = 0x01,
    OsLoader = 0x02,
    OsServicePartition = 0x04,
    Sms = 0x08,
    Oem = 0x10,
}
