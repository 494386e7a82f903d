namespace Lifeline.Consoles.Logging;

/// <summary>
/// One line of console output (without its LF) stamped with the arrival time of its first byte. <see cref="Data"/> is
/// the raw bytes; <see cref="Text"/> is their UTF-8 reading for display and matching (invalid bytes as U+FFFD).
/// <see cref="Continued"/> marks a piece of a line longer than the search limit.
/// </summary>
public sealed record ConsoleLogLine(DateTimeOffset Timestamp, ReadOnlyMemory<byte> Data, string Text, bool Continued = false);
