namespace Lifeline.Redfish.Resources;

/// <summary>SimpleStorage (SimpleStorage.v1_3_2): the older flat storage model (devices inline).</summary>
public sealed record SimpleStorage : RedfishResource
{
    public string? UefiDevicePath { get; init; }
    public IReadOnlyList<SimpleStorageDevice>? Devices { get; init; }
}

public sealed record SimpleStorageDevice
{
    public string? Name { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public double? CapacityBytes { get; init; }
    public ResourceStatus? Status { get; init; }
}
