namespace Lifeline.Consoles.Sources;

/// <summary>
/// One byte-stream console connection (SOL, serial port, console-server port, SSH). Output is raw bytes exactly as the
/// far end sent them (terminal escapes and partial UTF-8 included); the source adds or removes nothing but its own
/// transport framing. One reader at a time: the console hub fans output out.
/// </summary>
public interface IConsoleSource : IAsyncDisposable
{
    /// <summary>A human description of the endpoint, without secrets ("sol://10.0.0.5:623", "serial:/dev/ttyS0@115200").</summary>
    string Description { get; }

    /// <summary>Whether <see cref="SendBreakAsync"/> is available on this transport.</summary>
    bool SupportsBreak { get; }

    /// <summary>Connects; throws <see cref="ConsoleException"/> with a category on failure.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Output chunks as they arrive; the sequence ends when the connection closes (then <see cref="Completion"/> says why).</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Sends keystrokes/bytes to the console.</summary>
    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Sends a serial break (sysrq, bootloader break); throws <see cref="ConsoleException"/> (Unsupported) where unavailable.</summary>
    Task SendBreakAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the connection ends: successfully on a local dispose, faulted with a <see cref="ConsoleException"/> otherwise.</summary>
    Task Completion { get; }
}
