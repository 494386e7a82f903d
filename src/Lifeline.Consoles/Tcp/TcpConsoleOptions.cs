namespace Lifeline.Consoles.Tcp;

/// <summary>A console-server port (ser2net, a terminal server, a BMC's raw console port).</summary>
public sealed record TcpConsoleOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public TcpConsoleMode Mode { get; init; } = TcpConsoleMode.Telnet;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
