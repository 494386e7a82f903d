namespace Lifeline.Drivers;

/// <summary>How serious an event is.</summary>
public enum EventSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>One System Event Log record (IPMI v2.0 §32.1).</summary>
/// <param name="Id">The record ID.</param>
/// <param name="Timestamp">When it was logged; null for pre-init timestamps (seconds since BMC start, §37).</param>
/// <param name="Sensor">The sensor it concerns ("CPU1 Temp", or "#0x30" when no SDR names it).</param>
/// <param name="Message">What happened, in words ("Upper Critical going high").</param>
/// <param name="Severity">How serious it is.</param>
public sealed record SelEvent(int Id, DateTimeOffset? Timestamp, string Sensor, string Message, EventSeverity Severity);

/// <summary>The SEL of one BMC, oldest first.</summary>
public sealed record SelResult(IReadOnlyList<SelEvent> Events);
