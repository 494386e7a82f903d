using System.IO.Ports;

namespace Lifeline.Consoles.Tcp;

/// <summary>
/// A console-server port (ser2net, a terminal server, a BMC's raw console port). In telnet mode, any of the line
/// settings (<see cref="BaudRate"/> … <see cref="FlowControl"/>) asks the server for RFC 2217 remote port control and
/// sets them when it agrees; a server that refuses keeps its own configured settings. Null means "leave as configured".
/// </summary>
public sealed record TcpConsoleOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public TcpConsoleMode Mode { get; init; } = TcpConsoleMode.Telnet;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The serial speed to set through RFC 2217 (telnet mode).</summary>
    public int? BaudRate { get; init; }

    /// <summary>Data bits (5 to 8) to set through RFC 2217.</summary>
    public int? DataBits { get; init; }

    public Parity? Parity { get; init; }

    public StopBits? StopBits { get; init; }

    /// <summary>None, XOnXOff (software) or RequestToSend (hardware) flow control to set through RFC 2217.</summary>
    public Handshake? FlowControl { get; init; }

    /// <summary>How long a break lasts when it is sent as RFC 2217 BREAK-ON … BREAK-OFF.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
