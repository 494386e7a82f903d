namespace Lifeline.Simulator.Redfish;

/// <summary>
/// Redfish-level fault injection for one node, on top of the model's own <see cref="Model.FaultSettings"/> (added
/// latency, hung BMC) and BMC reboots (<see cref="Model.BmcModel.RebootBmc"/>: every session, subscription, SSE
/// stream and task is lost and the node refuses connections until it is back).
/// </summary>
public sealed record RedfishFaults
{
    public static RedfishFaults None { get; } = new();

    /// <summary>Added before every answer (on top of the model's <c>Faults.AddedLatency</c>).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Bursts of 5xx/429 answers with Retry-After.</summary>
    public ErrorBurst? Burst { get; init; }

    /// <summary>Every session slot is taken: session creation answers 503 SessionLimitExceeded.</summary>
    public bool SessionsExhausted { get; init; }

    /// <summary>Tasks take this many times their normal duration.</summary>
    public double TaskSlowdown { get; init; } = 1;

    /// <summary>Firmware update tasks end in the Exception state and change nothing.</summary>
    public bool FailUpdates { get; init; }
}

/// <summary>
/// Of every <see cref="Period"/> requests to a node, the first <see cref="Count"/> are answered with
/// <see cref="Status"/> (503 or 429) and <c>Retry-After: <see cref="RetryAfter"/></c>.
/// </summary>
public sealed record ErrorBurst(int Status, int Count, int Period, TimeSpan RetryAfter)
{
    /// <summary>Whether the <paramref name="requestNumber"/>-th request (1-based) falls in a burst.</summary>
    public bool Hits(long requestNumber) =>
        Count > 0 && (Period <= 0 ? requestNumber <= Count : (requestNumber - 1) % Period < Count);
}
