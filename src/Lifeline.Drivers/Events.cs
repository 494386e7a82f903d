namespace Lifeline.Drivers;

/// <summary>One event a BMC pushed (a Redfish Event record received over SSE).</summary>
/// <param name="Timestamp">The event's timestamp as the BMC wrote it, when given.</param>
/// <param name="Severity">The BMC's severity word ("OK", "Warning", "Critical"), when given.</param>
/// <param name="MessageId">The registry message id, when given.</param>
/// <param name="Message">The message text.</param>
/// <param name="Origin">The resource the event concerns (OriginOfCondition), when given.</param>
public sealed record BmcEvent(string? Timestamp, string? Severity, string? MessageId, string Message, string? Origin);
