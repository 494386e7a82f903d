namespace Lifeline.Redfish.Resources;

/// <summary>SoftwareInventory (SoftwareInventory.v1_10_2): one firmware or software component and its version.</summary>
public sealed record SoftwareInventory : RedfishResource
{
    public string? Version { get; init; }
    public bool? Updateable { get; init; }
    public string? Manufacturer { get; init; }
    public string? ReleaseDate { get; init; }
    public string? SoftwareId { get; init; }
}
