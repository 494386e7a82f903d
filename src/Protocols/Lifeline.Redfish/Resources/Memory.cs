namespace Lifeline.Redfish.Resources;

/// <summary>Memory (Memory.v1_20_0): one DIMM or memory device.</summary>
public sealed record Memory : RedfishResource
{
    public string? MemoryDeviceType { get; init; }
    public string? MemoryType { get; init; }
    public double? CapacityMiB { get; init; }
    public double? OperatingSpeedMhz { get; init; }
    public string? Manufacturer { get; init; }
    public string? PartNumber { get; init; }
    public string? SerialNumber { get; init; }
    public string? DeviceLocator { get; init; }
}
