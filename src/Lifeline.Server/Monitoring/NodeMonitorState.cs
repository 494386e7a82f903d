using Lifeline.Monitoring.Model;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// What the monitor last learnt about one node: the latest sensor readings, whether each path answered, and poll
/// statistics for Prometheus. Immutable: <see cref="MonitorStates"/> swaps whole values.
/// </summary>
internal sealed record NodeMonitorState(string Node)
{
    /// <summary>The last successful sensor poll; null before the first.</summary>
    public SensorSnapshot? Sensors { get; init; }

    /// <summary>Did the BMC answer the last poll? null before the first.</summary>
    public bool? BmcUp { get; init; }

    /// <summary>Did the in-band address answer the last probe? null when the node has none or before the first.</summary>
    public bool? PrimaryUp { get; init; }

    public string? PrimaryDetail { get; init; }

    /// <summary>The last poll error (category: message), or null after a success.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastPollAt { get; init; }

    /// <summary>How long the last sensor poll took.</summary>
    public TimeSpan? SensorPollDuration { get; init; }

    /// <summary>How long the last event poll took.</summary>
    public TimeSpan? EventPollDuration { get; init; }

    public long SensorPolls { get; init; }
    public long SensorPollErrors { get; init; }
    public long EventPolls { get; init; }
    public long EventPollErrors { get; init; }

    /// <summary>Reachable out-of-band only: the BMC answers, the primary path does not — what OOB management exists for.</summary>
    public bool OutOfBandOnly => BmcUp == true && PrimaryUp == false;
}
