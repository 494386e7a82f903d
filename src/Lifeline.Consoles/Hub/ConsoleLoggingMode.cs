namespace Lifeline.Consoles.Hub;

/// <summary>How a node's console is kept: the inventory attribute <c>console.logging</c>.</summary>
public enum ConsoleLoggingMode
{
    /// <summary>Connected and logged all the time, even with nobody watching (the default).</summary>
    Full,

    /// <summary>Connected while someone is attached, and logged then.</summary>
    OnDemand,

    /// <summary>Connected while someone is attached, never logged.</summary>
    None,
}
