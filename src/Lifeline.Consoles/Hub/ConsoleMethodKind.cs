namespace Lifeline.Consoles.Hub;

/// <summary>The transport of a node's console.</summary>
public enum ConsoleMethodKind
{
    /// <summary>IPMI Serial-over-LAN on the node's IPMI URL and credential.</summary>
    Sol,

    /// <summary>A raw TCP console-server port.</summary>
    Tcp,

    /// <summary>A telnet console-server port.</summary>
    Telnet,

    /// <summary>A local serial device.</summary>
    Serial,

    /// <summary>An SSH console (BMC SSH-SOL, switch CLI).</summary>
    Ssh,
}
