using Lifeline.Ipmi.Sessions;
using Microsoft.Extensions.Logging;

namespace Lifeline.Ipmi.Client;

/// <summary>How to open and run an RMCP+ session. Secrets are held as bytes and never printed.</summary>
public sealed class IpmiSessionOptions
{
    public required string UserName { get; init; }

    /// <summary>K_uid: the user's password (≤ 20 bytes).</summary>
    public required byte[] Password { get; init; }

    /// <summary>The BMC key K_g, or null when the BMC has none (then K_g = K_uid, §13.31).</summary>
    public byte[]? Kg { get; init; }

    public PrivilegeLevel Privilege { get; init; } = PrivilegeLevel.Administrator;

    /// <summary>A cipher suite id to use, or null to pick the strongest the BMC really accepts (17, then 3).</summary>
    public int? CipherSuite { get; init; }

    /// <summary>Suite 0 (no authentication at all) is refused unless this is set.</summary>
    public bool AllowInsecureSuite0 { get; init; }

    public RetransmitPolicy Retransmit { get; init; } = RetransmitPolicy.Default;

    /// <summary>Requests in flight at once on this session (BMCs are small; 1–4 is safe).</summary>
    public int MaxConcurrentRequests { get; init; } = 2;

    /// <summary>When the BMC stops answering an established session (BMC reboot), open a new one and resend once.</summary>
    public bool ReopenOnSessionLoss { get; init; } = true;

    /// <summary>Send a no-op this often when idle, so the BMC does not expire the session (null = off).</summary>
    public TimeSpan? KeepAliveInterval { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILogger? Logger { get; init; }

    public override string ToString() => $"{UserName}@{Privilege} suite {(CipherSuite?.ToString() ?? "auto")} (password redacted)";
}
