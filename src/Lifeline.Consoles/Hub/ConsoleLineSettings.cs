using System.IO.Ports;

namespace Lifeline.Consoles.Hub;

/// <summary>Serial line settings named in a console URL's query; null members are left as the device or server has them.</summary>
public sealed record ConsoleLineSettings
{
    public int? BaudRate { get; init; }

    public int? DataBits { get; init; }

    public Parity? Parity { get; init; }

    public StopBits? StopBits { get; init; }

    public Handshake? FlowControl { get; init; }
}
