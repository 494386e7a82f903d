using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>
/// Any resource collection (DSP0266 v1.20 clause "Resource collections"): <c>Members</c>, <c>Members@odata.count</c>
/// and, when the service pages, <c>Members@odata.nextLink</c>. Members are kept as JSON because an expanded collection
/// carries whole resources.
/// </summary>
public sealed record ResourceCollection : RedfishResource
{
    public IReadOnlyList<JsonElement>? Members { get; init; }

    [JsonPropertyName("Members@odata.count")] public long? MembersCount { get; init; }

    [JsonPropertyName("Members@odata.nextLink")] public string? NextLink { get; init; }
}
