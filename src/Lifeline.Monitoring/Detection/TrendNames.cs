namespace Lifeline.Monitoring.Detection;

/// <summary>The findings of the <see cref="TrendDetector"/> (<see cref="Model.Prediction.Trend"/>, <see cref="Model.AlertRule.Trend"/>).</summary>
public static class TrendNames
{
    public const string FanFalling = "fan-falling";
    public const string TemperatureRising = "temperature-rising";
    public const string MemoryErrorsRising = "memory-errors-rising";
    public const string PsuRedundancyLost = "psu-redundancy-lost";
    public const string SensorStale = "sensor-stale";

    /// <summary>Every finding, for validation.</summary>
    public static IReadOnlyList<string> All { get; } = [FanFalling, TemperatureRising, MemoryErrorsRising, PsuRedundancyLost, SensorStale];
}
