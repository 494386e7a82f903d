namespace Lifeline.Redfish.Resources;

/// <summary>Drive (Drive.v1_20_0).</summary>
public sealed record Drive : RedfishResource
{
    public string? MediaType { get; init; }
    public string? Protocol { get; init; }
    public double? CapacityBytes { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? SerialNumber { get; init; }
    public string? Revision { get; init; }
}
