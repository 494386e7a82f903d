using System.Net;
using Lifeline.Ipmi.Client;

namespace Lifeline.Consoles.Sol;

/// <summary>Where and how to open an IPMI Serial-over-LAN console.</summary>
public sealed record SolConsoleSourceOptions
{
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>The RMCP+ session settings (user, password from the credential store, cipher suite, retransmission).</summary>
    public required IpmiSessionOptions Session { get; init; }

    /// <summary>SOL payload instance (almost always 1).</summary>
    public byte Instance { get; init; } = 1;

    /// <summary>When the payload is already active (often a stale console of a dead client), deactivate it and take over.</summary>
    public bool TakeOver { get; init; }

    /// <summary>
    /// How often the BMC is asked something (Get Device ID) to prove the session still lives: a SOL stream is silent both
    /// when the host prints nothing and when the BMC rebooted, so silence alone says nothing. A failed probe ends the
    /// console (the hub reconnects). Zero or less: no probe.
    /// </summary>
    public TimeSpan LivenessInterval { get; init; } = TimeSpan.FromSeconds(5);
}
