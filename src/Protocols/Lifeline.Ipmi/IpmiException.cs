using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi;

/// <summary>What kind of failure an <see cref="IpmiException"/> reports.</summary>
public enum IpmiError
{
    /// <summary>The BMC could not be reached at all (no route, port closed, ICMP unreachable).</summary>
    Unreachable,
    /// <summary>No answer within the deadline after all retries.</summary>
    Timeout,
    /// <summary>The BMC does not know this user name (RAKP status 0Dh "unauthorized name").</summary>
    UnknownUser,
    /// <summary>The password (or key) did not produce a matching HMAC.</summary>
    BadPassword,
    /// <summary>The BMC key K_g did not match (RAKP 2 verified, RAKP 4 or the BMC rejected the key-exchange code).</summary>
    BadKg,
    /// <summary>The requested privilege level exceeds what the user or channel allows.</summary>
    InsufficientPrivilege,
    /// <summary>The BMC answered with a non-zero completion code.</summary>
    CompletionCode,
    /// <summary>The payload (e.g. SOL) is already active in another session.</summary>
    PayloadInUse,
    /// <summary>The BMC has no free session slot.</summary>
    SessionLimit,
    /// <summary>The BMC's answer did not parse (truncated, wrong checksum, wrong integrity code).</summary>
    MalformedResponse,
    /// <summary>No cipher suite acceptable to both sides (or suite 0 refused by policy).</summary>
    NoCipherSuite,
    /// <summary>The session was closed or lost and could not be re-established.</summary>
    SessionLost,
    /// <summary>The request cannot be encoded (caller error).</summary>
    InvalidRequest,
}

/// <summary>
/// The one exception type of the IPMI stack. <see cref="Error"/> says what happened; <see cref="MayHaveBeenDelivered"/>
/// says whether a non-idempotent request (power off!) may already have reached the BMC; <see cref="IsRetryable"/> says
/// whether trying again could help.
/// </summary>
public sealed class IpmiException : Exception
{
    public IpmiException(IpmiError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    public IpmiException(CompletionCode code, NetFn netFn, byte command, string? commandName = null)
        : base($"{commandName ?? $"NetFn {(byte)netFn:X2}h cmd {command:X2}h"}: BMC answered {(byte)code:X2}h ({code.Describe()})")
    {
        Error = code == Messages.CompletionCode.InsufficientPrivilege ? IpmiError.InsufficientPrivilege : IpmiError.CompletionCode;
        CompletionCode = code;
        MayHaveBeenDelivered = true;
    }

    public IpmiError Error { get; }

    /// <summary>Set when <see cref="Error"/> is <see cref="IpmiError.CompletionCode"/> or a code-derived error.</summary>
    public CompletionCode? CompletionCode { get; init; }

    /// <summary>True when the BMC may have acted on the request even though no good answer came back.</summary>
    public bool MayHaveBeenDelivered { get; init; }

    /// <summary>True when the same call may succeed later (timeouts, busy BMC, session limit).</summary>
    public bool IsRetryable => Error is IpmiError.Timeout or IpmiError.SessionLimit or IpmiError.SessionLost or IpmiError.Unreachable
        || CompletionCode is Messages.CompletionCode.NodeBusy or Messages.CompletionCode.BmcInitializing or Messages.CompletionCode.Timeout;

    /// <summary>A short hint for operators: what to do next.</summary>
    public string NextStep => Error switch
    {
        IpmiError.Unreachable => "check the BMC address, its network cable and that UDP 623 is open",
        IpmiError.Timeout => "check that the BMC is powered and on the network; raise --timeout or --retries for slow BMCs",
        IpmiError.UnknownUser => "check the user name; the BMC has no such user",
        IpmiError.BadPassword => "check the password (LIFELINE_BMC_PASSWORD)",
        IpmiError.BadKg => "check the BMC key K_g (--kg-env)",
        IpmiError.InsufficientPrivilege => "use an account with a higher privilege level",
        IpmiError.PayloadInUse => "another SOL session is active; deactivate it (steal) or wait",
        IpmiError.SessionLimit => "the BMC has no free session slots; close idle sessions or wait for them to expire",
        IpmiError.MalformedResponse => "the BMC answered something we could not parse; retry, and report the BMC model if it persists",
        IpmiError.NoCipherSuite => "the BMC accepts none of the allowed cipher suites; pass --cipher to pick one explicitly",
        IpmiError.SessionLost => "the session was lost (BMC reboot?); retry",
        _ => "see the message",
    };

    internal static IpmiException Malformed(string what) =>
        new(IpmiError.MalformedResponse, $"malformed IPMI data: {what}");
}
