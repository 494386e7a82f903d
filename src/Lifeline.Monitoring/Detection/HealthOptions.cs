namespace Lifeline.Monitoring.Detection;

/// <summary>Parameters of the <see cref="HealthAssessor"/>.</summary>
public sealed record HealthOptions
{
    /// <summary>Critical events younger than this make a node critical. Default 24 h.</summary>
    public TimeSpan EventLookback { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A latest poll older than this counts as no data (unknown). Default 15 min.</summary>
    public TimeSpan MaxSnapshotAge { get; init; } = TimeSpan.FromMinutes(15);
}
