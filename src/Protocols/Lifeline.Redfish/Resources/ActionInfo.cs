using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>ActionInfo (ActionInfo.v1_4_2): the parameters an action takes and the values it allows.</summary>
public sealed record ActionInfo : RedfishResource
{
    public IReadOnlyList<ActionParameter>? Parameters { get; init; }
}

public sealed record ActionParameter
{
    public string? Name { get; init; }
    public bool? Required { get; init; }
    public string? DataType { get; init; }
    public IReadOnlyList<string>? AllowableValues { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
