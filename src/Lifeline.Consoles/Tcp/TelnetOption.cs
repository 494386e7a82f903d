namespace Lifeline.Consoles.Tcp;

/// <summary>The telnet options this client takes part in; every other option is refused.</summary>
public enum TelnetOption : byte
{
    /// <summary>RFC 856 binary transmission: 8-bit data, no CR NUL stuffing.</summary>
    Binary = 0,
    /// <summary>RFC 857 echo: the server echoes (as a console server does).</summary>
    Echo = 1,
    /// <summary>RFC 858 suppress go-ahead: full duplex.</summary>
    SuppressGoAhead = 3,
    /// <summary>RFC 2217 com port control: we (the client) offer it only when line settings are asked for.</summary>
    ComPortControl = 44,
}
