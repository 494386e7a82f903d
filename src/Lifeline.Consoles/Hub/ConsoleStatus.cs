namespace Lifeline.Consoles.Hub;

/// <summary>A snapshot of one node's console for listings.</summary>
public sealed record ConsoleStatus(
    string Node,
    string Method,
    ConsoleLoggingMode Logging,
    ConsoleConnectionState Connection,
    string? Writer,
    int Viewers,
    string? LastError,
    DateTimeOffset? ConnectedSince,
    DateTimeOffset Since)
{
    /// <summary>When the next reconnect attempt is due (its timer is running), or null when none is waiting.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
}
