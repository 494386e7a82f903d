namespace Lifeline.Redfish.Resources;

/// <summary>VirtualMedia (VirtualMedia.v1_6_3): a virtual CD/USB device; found under Managers (older) or Systems (newer).</summary>
public sealed record VirtualMedia : RedfishResource
{
    public string? Image { get; init; }
    public string? ImageName { get; init; }
    public IReadOnlyList<VirtualMediaType>? MediaTypes { get; init; }
    public bool? Inserted { get; init; }
    public bool? WriteProtected { get; init; }
    public string? ConnectedVia { get; init; }
    public TransferProtocolType? TransferProtocolType { get; init; }
}
