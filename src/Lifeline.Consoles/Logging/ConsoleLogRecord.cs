namespace Lifeline.Consoles.Logging;

/// <summary>One stored chunk of console output: the bytes exactly as received, and when they arrived.</summary>
public sealed record ConsoleLogRecord(DateTimeOffset Timestamp, ReadOnlyMemory<byte> Data);
