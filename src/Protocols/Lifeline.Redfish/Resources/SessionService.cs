namespace Lifeline.Redfish.Resources;

/// <summary>SessionService (SessionService.v1_1_9).</summary>
public sealed record SessionService : RedfishResource
{
    public bool? ServiceEnabled { get; init; }
    public double? SessionTimeout { get; init; }
    public ODataLink? Sessions { get; init; }
}
