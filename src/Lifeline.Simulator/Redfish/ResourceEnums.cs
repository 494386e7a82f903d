namespace Lifeline.Simulator.Redfish;

// DMTF enumerations, written to JSON by name (Enum.ToString()): Resource.v1_19_0 (Health, State, PowerState,
// ResetType), ComputerSystem.v1_20_0 (Boot*), Task.v1_7_3 (TaskState).

/// <summary>Resource.Health.</summary>
public enum Health
{
    OK,
    Warning,
    Critical,
}

/// <summary>Resource.State (the values this service uses).</summary>
public enum ResourceState
{
    Enabled,
    Disabled,
    StandbyOffline,
    Absent,
    UnavailableOffline,
    Starting,
}

/// <summary>Resource.PowerState.</summary>
public enum RedfishPowerState
{
    On,
    Off,
    PoweringOn,
    PoweringOff,
}

/// <summary>Resource.ResetType.</summary>
public enum ResetType
{
    On,
    ForceOff,
    GracefulShutdown,
    GracefulRestart,
    ForceRestart,
    Nmi,
    ForceOn,
    PushPowerButton,
    PowerCycle,
    FullPowerCycle,
    Suspend,
    Pause,
    Resume,
}

/// <summary>ComputerSystem.BootSource (the values the model's IPMI boot device selector can express).</summary>
public enum BootSource
{
    None,
    Pxe,
    Floppy,
    Cd,
    Hdd,
    BiosSetup,
    Diags,
    RemoteDrive,
}

/// <summary>ComputerSystem.BootSourceOverrideEnabled.</summary>
public enum BootSourceOverrideEnabled
{
    Disabled,
    Once,
    Continuous,
}

/// <summary>ComputerSystem.BootSourceOverrideMode.</summary>
public enum BootSourceOverrideMode
{
    Legacy,
    UEFI,
}

/// <summary>TaskService Task.TaskState (the values this service reaches).</summary>
public enum TaskState
{
    New,
    Running,
    Completed,
    Exception,
}
