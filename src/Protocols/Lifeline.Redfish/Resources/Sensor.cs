namespace Lifeline.Redfish.Resources;

/// <summary>Sensor (Sensor.v1_9_0): one reading in the Chassis Sensors collection.</summary>
public sealed record Sensor : RedfishResource
{
    public double? Reading { get; init; }
    public ReadingType? ReadingType { get; init; }
    public string? ReadingUnits { get; init; }
    public string? PhysicalContext { get; init; }
    public double? ReadingRangeMin { get; init; }
    public double? ReadingRangeMax { get; init; }
}
