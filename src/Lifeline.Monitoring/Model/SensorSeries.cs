namespace Lifeline.Monitoring.Model;

/// <summary>Which tier a history query reads.</summary>
public enum SeriesResolution
{
    /// <summary>Raw samples when the whole range is within raw retention, else the 5-minute tier.</summary>
    Auto,
    Raw,
    FiveMinutes,
}

/// <summary>A history query: these nodes, sensors whose name or type matches, between two times.</summary>
/// <param name="Nodes">Node names (already expanded from a noderange and checked against the caller's scope).</param>
/// <param name="Sensor">Case-insensitive substring of the sensor name or exact type ("Fan", "Temperature"); null = all.</param>
public sealed record SeriesQuery(IReadOnlyCollection<string> Nodes, string? Sensor, DateTimeOffset From, DateTimeOffset To,
    SeriesResolution Resolution = SeriesResolution.Auto);

/// <summary>
/// One point of a series. Raw points have Min = Avg = Max = the value and Count 1; 5-minute points aggregate the raw
/// samples of their bucket (Time = bucket start). A point with Count 0 and null values is a gap (no data: poll failed).
/// </summary>
public sealed record SeriesPoint(DateTimeOffset Time, double? Min, double? Avg, double? Max, int Count);

/// <summary>A node's sensor over time.</summary>
public sealed record SensorSeries(string Node, string Sensor, string Type, string? Unit, SeriesResolution Resolution, IReadOnlyList<SeriesPoint> Points);

/// <summary>How long each tier is kept.</summary>
public sealed record RetentionPolicy
{
    public TimeSpan Raw { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan FiveMinutes { get; init; } = TimeSpan.FromDays(30);
    public TimeSpan Events { get; init; } = TimeSpan.FromDays(365);
    public TimeSpan ResolvedAlerts { get; init; } = TimeSpan.FromDays(90);
    public TimeSpan DeliveredNotifications { get; init; } = TimeSpan.FromDays(7);
}
