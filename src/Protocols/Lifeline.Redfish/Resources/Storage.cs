namespace Lifeline.Redfish.Resources;

/// <summary>Storage (Storage.v1_17_0): a storage subsystem and its drives.</summary>
public sealed record Storage : RedfishResource
{
    public IReadOnlyList<ODataLink>? Drives { get; init; }
    public ODataLink? Volumes { get; init; }
    public ODataLink? Controllers { get; init; }
}
