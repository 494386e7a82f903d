namespace Lifeline.Drivers;

/// <summary>What <c>power</c> does. Values other than <see cref="Status"/> are IPMI v2.0 §28.3 Chassis Control.</summary>
public enum PowerAction
{
    /// <summary>Read the state only (§28.2 Get Chassis Status).</summary>
    Status,
    /// <summary>Power up (chassis control 01h).</summary>
    On,
    /// <summary>Hard power down (00h), no OS shutdown.</summary>
    Off,
    /// <summary>Power down, wait, power up (02h).</summary>
    Cycle,
    /// <summary>Hard reset (03h).</summary>
    Reset,
    /// <summary>ACPI soft shutdown via the OS (05h).</summary>
    Soft,
    /// <summary>Pulse a diagnostic interrupt / NMI (04h).</summary>
    Diag,
}

/// <summary>The chassis power state as the BMC reports it.</summary>
public enum PowerState
{
    Off,
    On,
}

/// <summary>
/// The outcome of <c>power</c>: the state read (for <see cref="PowerAction.Status"/>), or the action sent and, when
/// the backend read it afterwards, the state then.
/// </summary>
/// <param name="State">The power state, or null when not read after an action.</param>
/// <param name="Action">The action sent, or null for <c>power status</c>.</param>
public sealed record PowerResult(PowerState? State, PowerAction? Action = null);
