using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>ServiceRoot (ServiceRoot.v1_17_0), GET /redfish/v1/ (DSP0266 v1.20 clause "Service root").</summary>
public sealed record ServiceRoot : RedfishResource
{
    public string? RedfishVersion { get; init; }
    public string? UUID { get; init; }
    public string? Product { get; init; }
    public string? Vendor { get; init; }
    public ProtocolFeatures? ProtocolFeaturesSupported { get; init; }
    public ODataLink? Systems { get; init; }
    public ODataLink? Chassis { get; init; }
    public ODataLink? Managers { get; init; }
    public ODataLink? Tasks { get; init; }
    public ODataLink? SessionService { get; init; }
    public ODataLink? AccountService { get; init; }
    public ODataLink? EventService { get; init; }
    public ODataLink? UpdateService { get; init; }
    public ODataLink? Registries { get; init; }
    public ServiceRootLinks? Links { get; init; }
}

public sealed record ServiceRootLinks
{
    public ODataLink? Sessions { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>ServiceRoot.ProtocolFeaturesSupported: which query parameters the service implements.</summary>
public sealed record ProtocolFeatures
{
    public ExpandQueryFeatures? ExpandQuery { get; init; }
    public bool? SelectQuery { get; init; }
    public bool? FilterQuery { get; init; }
    public bool? OnlyMemberQuery { get; init; }
    public bool? ExcerptQuery { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record ExpandQueryFeatures
{
    public bool? ExpandAll { get; init; }
    public bool? Levels { get; init; }
    public int? MaxLevels { get; init; }
    public bool? Links { get; init; }
    public bool? NoLinks { get; init; }
}
