using System.Net;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;

namespace Lifeline.Simulator.Ipmi;

/// <summary>A BMC account as the session engine needs it. The password is K_uid; never print it.</summary>
public sealed record BmcAccount(byte Id, string Name, byte[] Password, PrivilegeLevel MaxPrivilege, bool Enabled = true)
{
    public override string ToString() => $"user {Id} '{Name}' ({MaxPrivilege}{(Enabled ? "" : ", disabled")})";
}

/// <summary>Looks up accounts by name for RAKP 1.</summary>
public interface IAccountDirectory
{
    BmcAccount? FindByName(string name);
}

/// <summary>Who is asking: the session (null for session-less requests) and its current privilege.</summary>
public sealed record IpmiCommandContext(ServerSession? Session, PrivilegeLevel Privilege, IPEndPoint Remote)
{
    /// <summary>A handler may set this to answer late (fault injection: slow SDR); the answer is sent after the delay.</summary>
    public TimeSpan ResponseDelay { get; set; }
}

/// <summary>Answers IPMI requests for one simulated BMC (the command dispatcher).</summary>
public interface IIpmiCommandHandler
{
    IpmiResponse Handle(IpmiCommandContext context, IpmiRequest request);
}

/// <summary>Receives SOL payloads that arrive in a session.</summary>
public interface ISolPayloadHandler
{
    void OnSolPayload(ServerSession session, byte[] payload);
    void OnSessionClosed(ServerSession session);
}
