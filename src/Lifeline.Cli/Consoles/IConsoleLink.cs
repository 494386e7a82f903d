namespace Lifeline.Cli.Consoles;

/// <summary>Where an attachment writes what the far end sends.</summary>
public interface IConsoleSink
{
    /// <summary>Console bytes, for stdout verbatim.</summary>
    ValueTask OutputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>One status line (shown as <c>[lifeline] …</c> on stderr).</summary>
    void Status(string line);
}

/// <summary>
/// One console connection as <see cref="ConsoleAttachment"/> drives it: the fleet service's WebSocket
/// (<see cref="WebSocketConsoleLink"/>) or a BMC's SOL directly (<see cref="SourceConsoleLink"/>). Commands a link
/// cannot carry report that through <see cref="IConsoleSink.Status"/> instead of failing.
/// </summary>
public interface IConsoleLink : IAsyncDisposable
{
    /// <summary>What is attached ("n1 via http://mgmt1:8600", "sol://10.0.0.5:623").</summary>
    string Description { get; }

    /// <summary>Connects; throws <see cref="UsageException"/> or <see cref="Fleet.FleetRequestException"/> with what to do.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Pumps the far end's output and messages into <paramref name="sink"/> until it closes; returns the exit status and why it ended.</summary>
    Task<ConsoleEnd> ReceiveAsync(IConsoleSink sink, CancellationToken cancellationToken);

    /// <summary>Keystrokes.</summary>
    Task SendAsync(ReadOnlyMemory<byte> data, IConsoleSink sink, CancellationToken cancellationToken);

    Task BreakAsync(IConsoleSink sink, CancellationToken cancellationToken);

    Task WriterAsync(bool force, IConsoleSink sink, CancellationToken cancellationToken);

    Task SpyAsync(IConsoleSink sink, CancellationToken cancellationToken);

    Task ReplayAsync(int lines, IConsoleSink sink, CancellationToken cancellationToken);

    Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken);

    /// <summary>A power action (on, off, cycle, reset) for this node; the result is reported on the sink.</summary>
    Task PowerAsync(string action, IConsoleSink sink, CancellationToken cancellationToken);
}

/// <summary>How an attachment ended.</summary>
/// <param name="ExitCode">The process exit status.</param>
/// <param name="Message">Why, for the status line (null when the user left).</param>
public sealed record ConsoleEnd(int ExitCode, string? Message);
