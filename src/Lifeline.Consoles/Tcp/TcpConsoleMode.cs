namespace Lifeline.Consoles.Tcp;

/// <summary>How a console-server port speaks.</summary>
public enum TcpConsoleMode
{
    /// <summary>Bytes as they are, both ways (ser2net "tcp", conserver raw ports).</summary>
    Raw,
    /// <summary>Telnet (RFC 854) with binary mode negotiated (ser2net "telnet").</summary>
    Telnet,
}
