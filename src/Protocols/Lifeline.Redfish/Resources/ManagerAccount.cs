namespace Lifeline.Redfish.Resources;

/// <summary>ManagerAccount (ManagerAccount.v1_12_0): a BMC user. Password is write-only and never read.</summary>
public sealed record ManagerAccount : RedfishResource
{
    public string? UserName { get; init; }
    public string? RoleId { get; init; }
    public bool? Enabled { get; init; }
    public bool? Locked { get; init; }
    public IReadOnlyList<string>? AccountTypes { get; init; }
}
