namespace Lifeline.Consoles.Sources;

/// <summary>Why a console connection failed; each category has its own next step for the operator.</summary>
public enum ConsoleErrorCategory
{
    /// <summary>The console endpoint did not answer (no route, refused, timed out, device missing).</summary>
    Unreachable,
    /// <summary>The endpoint refused our credentials.</summary>
    Authentication,
    /// <summary>An SSH server presented a key other than the one pinned for it.</summary>
    HostKeyChanged,
    /// <summary>Someone else holds the console (an active SOL payload, a locked serial device).</summary>
    InUse,
    /// <summary>The connection ended, or the source was used after it closed.</summary>
    Closed,
    /// <summary>The source cannot do what was asked (e.g. a break over a transport without one).</summary>
    Unsupported,
    /// <summary>The configuration of the source is invalid.</summary>
    InvalidConfiguration,
}
