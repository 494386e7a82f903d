namespace Lifeline.Redfish.Resources;

/// <summary>Session (Session.v1_7_2). The password is never read back.</summary>
public sealed record Session : RedfishResource
{
    public string? UserName { get; init; }
    public string? SessionType { get; init; }
}
