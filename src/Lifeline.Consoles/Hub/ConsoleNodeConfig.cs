using Lifeline.Consoles.Sources;

namespace Lifeline.Consoles.Hub;

/// <summary>
/// What the hub needs to keep one node's console: its logging mode and how to make a fresh, unconnected source (called
/// before every connect, so a changed credential applies at the next reconnect). <see cref="Fingerprint"/> is compared on
/// reconfiguration: a different value restarts the session. <see cref="Others"/> are the node's further console methods
/// (an operator attaches to one of them on demand with <see cref="ConsoleHub.OpenUnlisted"/>).
/// </summary>
public sealed record ConsoleNodeConfig(
    string Node,
    string Method,
    ConsoleLoggingMode Logging,
    Func<CancellationToken, Task<IConsoleSource>> OpenSource,
    string Fingerprint = "")
{
    /// <summary>The node's other console methods, in inventory order after the default (none by default).</summary>
    public IReadOnlyList<ConsoleNodeConfig> Others { get; init; } = [];
}
