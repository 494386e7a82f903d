namespace Lifeline.Drivers;

/// <summary>
/// How a warm backend (one per BMC, owned by a fleet node grain) keeps its sessions: the IPMI session's privilege,
/// keep-alive and requests in flight. The CLI's direct mode opens a session per verb and never uses these.
/// </summary>
public sealed record WarmSessionOptions
{
    /// <summary>
    /// The privilege the warm IPMI session asks for: Operator covers power, boot, identify and SEL clear (IPMI v2.0
    /// Appendix G). When the BMC refuses it for the credential, the session falls back to User and mutating verbs
    /// fail with <c>insufficient-privilege</c>.
    /// </summary>
    public PrivilegeLevel Privilege { get; init; } = PrivilegeLevel.Operator;

    /// <summary>
    /// Send a harmless request after this much idle time so the BMC does not expire the session (BMCs commonly drop
    /// idle sessions after 60 s, IPMI v2.0 §6.12.15). Null turns keep-alive off.
    /// </summary>
    public TimeSpan? KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight at once on one warm IPMI session (BMCs are small; 1–4 is safe).</summary>
    public int MaxConcurrentRequests { get; init; } = 2;
}
