using System.IO.Ports;

namespace Lifeline.Consoles.Serial;

/// <summary>A local serial port: device path and line settings (8N1 at 115200 with no flow control unless told).</summary>
public sealed record SerialConsoleOptions
{
    /// <summary>The device, e.g. /dev/ttyS0, /dev/ttyUSB0 or a pty path.</summary>
    public required string Device { get; init; }

    public int BaudRate { get; init; } = 115200;

    public Parity Parity { get; init; } = Parity.None;

    public int DataBits { get; init; } = 8;

    public StopBits StopBits { get; init; } = StopBits.One;

    /// <summary>None, XOnXOff (software), RequestToSend (hardware RTS/CTS) or both.</summary>
    public Handshake FlowControl { get; init; } = Handshake.None;

    /// <summary>How long a break lasts when one is sent.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
