using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>Thermal (Thermal.v1_7_3, deprecated in favour of ThermalSubsystem and Sensors, still what most BMCs serve).</summary>
public sealed record Thermal : RedfishResource
{
    public IReadOnlyList<ThermalTemperature>? Temperatures { get; init; }
    public IReadOnlyList<ThermalFan>? Fans { get; init; }
}

public sealed record ThermalTemperature
{
    [JsonPropertyName("@odata.id")] public string? ODataId { get; init; }
    public string? MemberId { get; init; }
    public string? Name { get; init; }
    public double? ReadingCelsius { get; init; }
    public double? UpperThresholdNonCritical { get; init; }
    public double? UpperThresholdCritical { get; init; }
    public double? UpperThresholdFatal { get; init; }
    public string? PhysicalContext { get; init; }
    public ResourceStatus? Status { get; init; }
}

public sealed record ThermalFan
{
    [JsonPropertyName("@odata.id")] public string? ODataId { get; init; }
    public string? MemberId { get; init; }
    public string? Name { get; init; }
    public string? FanName { get; init; }
    public double? Reading { get; init; }
    public string? ReadingUnits { get; init; }
    public ResourceStatus? Status { get; init; }
}
