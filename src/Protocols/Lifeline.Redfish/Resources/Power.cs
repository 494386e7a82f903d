using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>Power (Power.v1_7_3, deprecated in favour of PowerSubsystem and Sensors).</summary>
public sealed record Power : RedfishResource
{
    public IReadOnlyList<PowerControl>? PowerControl { get; init; }
    public IReadOnlyList<PowerVoltage>? Voltages { get; init; }
    public IReadOnlyList<PowerSupplyEntry>? PowerSupplies { get; init; }
}

public sealed record PowerControl
{
    [JsonPropertyName("@odata.id")] public string? ODataId { get; init; }
    public string? MemberId { get; init; }
    public string? Name { get; init; }
    public double? PowerConsumedWatts { get; init; }
    public double? PowerCapacityWatts { get; init; }
    public ResourceStatus? Status { get; init; }
}

public sealed record PowerVoltage
{
    [JsonPropertyName("@odata.id")] public string? ODataId { get; init; }
    public string? MemberId { get; init; }
    public string? Name { get; init; }
    public double? ReadingVolts { get; init; }
    public double? UpperThresholdCritical { get; init; }
    public double? LowerThresholdCritical { get; init; }
    public ResourceStatus? Status { get; init; }
}

public sealed record PowerSupplyEntry
{
    [JsonPropertyName("@odata.id")] public string? ODataId { get; init; }
    public string? MemberId { get; init; }
    public string? Name { get; init; }
    public double? PowerInputWatts { get; init; }
    public double? LastPowerOutputWatts { get; init; }
    public double? LineInputVoltage { get; init; }
    public double? PowerCapacityWatts { get; init; }
    public string? Model { get; init; }
    public string? SerialNumber { get; init; }
    public string? FirmwareVersion { get; init; }
    public ResourceStatus? Status { get; init; }
}
