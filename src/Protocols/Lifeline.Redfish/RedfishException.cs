namespace Lifeline.Redfish;

/// <summary>What kind of failure a <see cref="RedfishException"/> reports.</summary>
public enum RedfishError
{
    /// <summary>The service could not be reached (connection refused, DNS, TLS handshake to a dead host).</summary>
    Unreachable,
    /// <summary>No answer within the deadline.</summary>
    Timeout,
    /// <summary>The certificate is not trusted (CA validation failed, or the pinned fingerprint changed).</summary>
    UntrustedCertificate,
    /// <summary>The service rejected the credentials (401 on login).</summary>
    Unauthorized,
    /// <summary>The service answered with an error status and (usually) a Redfish error body: the BMC said no.</summary>
    Rejected,
    /// <summary>The answer did not parse or broke a protocol rule (bad JSON, wrong types, link loops, foreign links).</summary>
    MalformedResponse,
    /// <summary>The service has no free session slot.</summary>
    SessionLimit,
    /// <summary>The resource or action does not exist on this service (a missing capability).</summary>
    NotSupported,
    /// <summary>A task the service ran ended in failure.</summary>
    TaskFailed,
    /// <summary>The request cannot be made as asked (caller error: value not allowed, missing argument).</summary>
    InvalidRequest,
}

/// <summary>
/// The one exception type of the Redfish client. <see cref="Error"/> keeps transport failures apart from "the BMC said
/// no" (<see cref="RedfishError.Rejected"/> with <see cref="StatusCode"/> and <see cref="MessageId"/>).
/// </summary>
public sealed class RedfishException : Exception
{
    public RedfishException(RedfishError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    public RedfishError Error { get; }

    /// <summary>HTTP status of the answer, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The first <c>@Message.ExtendedInfo</c> MessageId (or <c>error.code</c>), e.g. "Base.1.8.PropertyValueNotInList".</summary>
    public string? MessageId { get; init; }

    /// <summary>Resolutions the service suggested (<c>@Message.ExtendedInfo[].Resolution</c>).</summary>
    public IReadOnlyList<string> Resolutions { get; init; } = [];

    /// <summary>Every <c>@Message.ExtendedInfo</c> entry of the error body (or of a failed task), in order.</summary>
    public IReadOnlyList<RedfishMessage> ExtendedInfo { get; init; } = [];

    /// <summary>The values a parameter allows, when <see cref="RedfishError.InvalidRequest"/> was raised by an allowable-values check.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>True when the BMC may have acted on the request although no good answer came back.</summary>
    public bool MayHaveBeenDelivered { get; init; }

    public bool IsRetryable => Error is RedfishError.Timeout or RedfishError.Unreachable or RedfishError.SessionLimit
        || StatusCode is 429 or 503;

    /// <summary>A short hint for operators: what to do next.</summary>
    public string NextStep => Error switch
    {
        RedfishError.Unreachable => "check the BMC address and that HTTPS (443) reaches it",
        RedfishError.Timeout => "the BMC is slow or overloaded; raise --timeout or retry later",
        RedfishError.UntrustedCertificate => "verify the BMC's certificate, then pass --ca FILE, --pin SHA256, or re-trust it",
        RedfishError.Unauthorized => "check the user name and the password (LIFELINE_BMC_PASSWORD)",
        RedfishError.SessionLimit => "the BMC has no free sessions; log other clients out or wait for their sessions to expire",
        RedfishError.NotSupported => "this BMC does not offer it; check its Redfish version or use IPMI",
        RedfishError.Rejected => Resolutions.Count > 0 ? string.Join("; ", Resolutions) : "see the BMC's message",
        RedfishError.MalformedResponse => "the BMC answered something we refuse to use; retry, and report the BMC model if it persists",
        RedfishError.TaskFailed => "see the task's messages; the BMC ran the request and it failed",
        RedfishError.InvalidRequest => AllowedValues.Count > 0 ? "choose one of: " + string.Join(", ", AllowedValues) : "see the message",
        _ => "see the message",
    };

    internal static RedfishException Malformed(string what, Exception? inner = null) =>
        new(RedfishError.MalformedResponse, "malformed Redfish answer: " + what, inner);
}

/// <summary>One <c>@Message.ExtendedInfo</c> entry (Message schema v1_1_2; DSP0266 v1.20, clause "Error responses").</summary>
public sealed record RedfishMessage(string? MessageId, string? Message, string? Resolution, string? Severity)
{
    public override string ToString() => $"{MessageId}: {Message}";
}
