namespace Lifeline.Redfish.Resources;

/// <summary>AccountService (AccountService.v1_15_0).</summary>
public sealed record AccountService : RedfishResource
{
    public bool? ServiceEnabled { get; init; }
    public int? MinPasswordLength { get; init; }
    public int? MaxPasswordLength { get; init; }
    public ODataLink? Accounts { get; init; }
    public ODataLink? Roles { get; init; }
}
