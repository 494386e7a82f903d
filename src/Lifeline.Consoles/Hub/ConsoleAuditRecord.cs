namespace Lifeline.Consoles.Hub;

/// <summary>
/// Something the hub asks to be audited: <c>console.attach</c>, <c>console.detach</c>, <c>console.takeover</c>,
/// <c>console.keystrokes</c> (only when keystroke recording is on). Details never hold credentials.
/// </summary>
public sealed record ConsoleAuditRecord(string Action, string User, string Source, string Node, object? Details);
