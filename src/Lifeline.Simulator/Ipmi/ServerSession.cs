using System.Net;
using Lifeline.Ipmi.Sessions;

namespace Lifeline.Simulator.Ipmi;

/// <summary>One RMCP+ session as the simulated BMC sees it.</summary>
public sealed class ServerSession
{
    internal ServerSession(uint bmcSessionId, uint consoleSessionId, CipherSuite suite, PrivilegeLevel requestedMaximum, IPEndPoint remote, long createdTicks)
    {
        BmcSessionId = bmcSessionId;
        ConsoleSessionId = consoleSessionId;
        Suite = suite;
        RequestedMaximum = requestedMaximum;
        Remote = remote;
        LastActivityTicks = createdTicks;
    }

    public uint BmcSessionId { get; }
    public uint ConsoleSessionId { get; }
    public CipherSuite Suite { get; }
    public IPEndPoint Remote { get; }
    public PrivilegeLevel RequestedMaximum { get; }
    public BmcAccount? Account { get; internal set; }
    public PrivilegeLevel MaximumPrivilege { get; internal set; }
    public PrivilegeLevel Privilege { get; internal set; }
    public bool Active { get; internal set; }
    public byte Handle { get; internal set; }

    internal byte[] ConsoleRandom { get; set; } = [];
    internal byte[] BmcRandom { get; set; } = [];
    internal byte Role { get; set; }
    internal byte[] UserName { get; set; } = [];
    internal SessionKeys Keys { get; set; } = SessionKeys.None;
    internal byte[] Sik { get; set; } = [];
    internal long LastActivityTicks { get; set; }
    internal uint OutboundSequence { get; set; }

    private SequenceWindow _inbound;

    /// <summary>Accepts each inbound sequence number once within the window (IPMI v2.0 §6.12.13).</summary>
    internal bool AcceptInbound(uint sequence) => _inbound.Accept(sequence);

    internal uint NextOutbound() => OutboundSequence = OutboundSequence == uint.MaxValue ? 1 : OutboundSequence + 1;

    public override string ToString() => $"session {BmcSessionId:X8} {Account?.Name} {Privilege} {Suite} from {Remote}";
}
