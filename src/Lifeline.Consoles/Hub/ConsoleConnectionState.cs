namespace Lifeline.Consoles.Hub;

/// <summary>Where a node's console connection stands.</summary>
public enum ConsoleConnectionState
{
    /// <summary>Not connected: nobody attached to an on-demand console, or waiting to retry after a failure.</summary>
    Disconnected,

    /// <summary>Opening the source.</summary>
    Connecting,

    /// <summary>Output is flowing.</summary>
    Connected,

    /// <summary>Cannot connect until the configuration changes (an invalid console method, a missing credential).</summary>
    Disabled,
}
