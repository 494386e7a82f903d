namespace Lifeline.Redfish.Resources;

/// <summary>UpdateService (UpdateService.v1_14_0): SimpleUpdate action, MultipartHttpPushUri, legacy HttpPushUri.</summary>
public sealed record UpdateService : RedfishResource
{
    public bool? ServiceEnabled { get; init; }
    public string? HttpPushUri { get; init; }
    public string? MultipartHttpPushUri { get; init; }
    public long? MaxImageSizeBytes { get; init; }
    public ODataLink? FirmwareInventory { get; init; }
    public ODataLink? SoftwareInventory { get; init; }
}
