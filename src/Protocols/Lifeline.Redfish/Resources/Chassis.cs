using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>Chassis (Chassis.v1_25_0): the enclosure, with both the legacy Thermal/Power and the newer Sensors,
/// ThermalSubsystem and PowerSubsystem links.</summary>
public sealed record Chassis : RedfishResource
{
    public string? ChassisType { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? SKU { get; init; }
    public string? SerialNumber { get; init; }
    public string? PartNumber { get; init; }
    public string? AssetTag { get; init; }
    public PowerState? PowerState { get; init; }
    public ODataLink? Thermal { get; init; }
    public ODataLink? Power { get; init; }
    public ODataLink? Sensors { get; init; }
    public ODataLink? ThermalSubsystem { get; init; }
    public ODataLink? PowerSubsystem { get; init; }
    public ODataLink? LogServices { get; init; }
    public ChassisLinks? Links { get; init; }
}

public sealed record ChassisLinks
{
    public IReadOnlyList<ODataLink>? ComputerSystems { get; init; }
    public IReadOnlyList<ODataLink>? ManagedBy { get; init; }
    public IReadOnlyList<ODataLink>? Contains { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
