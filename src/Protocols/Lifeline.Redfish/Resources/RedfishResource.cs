using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>
/// What every Redfish resource has (Resource.v1_20_0 common properties, DSP0266 v1.20 clause "Common properties"):
/// identity, status, actions and OEM data. Properties this build does not model are kept in <see cref="Extra"/>;
/// <see cref="Raw"/> is the whole body as received.
/// </summary>
public record RedfishResource
{
    [JsonPropertyName("@odata.id")] public string? ODataId { get; init; }
    [JsonPropertyName("@odata.type")] public string? ODataType { get; init; }
    [JsonPropertyName("@odata.etag")] public string? ODataEtag { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public ResourceStatus? Status { get; init; }

    /// <summary>The <c>Actions</c> object; use <see cref="Actions.RedfishAction.Find"/> to discover a target.</summary>
    public JsonElement? Actions { get; init; }

    public JsonElement? Oem { get; init; }

    /// <summary>Unknown and OEM-specific properties, preserved as received.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The HTTP ETag of the GET that produced this object (for If-Match), else <c>@odata.etag</c>.</summary>
    [JsonIgnore] public string? ETag { get; internal set; }

    /// <summary>The body as received (a detached copy).</summary>
    [JsonIgnore] public JsonElement Raw { get; internal set; }

    /// <summary>Schema name from <c>@odata.type</c> ("#ComputerSystem.v1_16_0.ComputerSystem" → "ComputerSystem").</summary>
    [JsonIgnore] public string? SchemaName => SchemaNameOf(ODataType);

    internal static string? SchemaNameOf(string? odataType)
    {
        if (string.IsNullOrEmpty(odataType))
        {
            return null;
        }
        var t = odataType.TrimStart('#');
        var dot = t.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? t : t[..dot];
    }
}

/// <summary>A navigation link: <c>{"@odata.id": "/redfish/v1/..."}</c>.</summary>
public sealed record ODataLink
{
    [JsonPropertyName("@odata.id")] public string? ODataId { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Resource.Status (Resource.v1_20_0).</summary>
public sealed record ResourceStatus
{
    public State? State { get; init; }
    public Health? Health { get; init; }
    public Health? HealthRollup { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
