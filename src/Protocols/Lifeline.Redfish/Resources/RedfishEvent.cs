using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>Event (Event.v1_10_0): what a service pushes to a subscription or an SSE stream.</summary>
public sealed record RedfishEvent : RedfishResource
{
    public string? Context { get; init; }
    public IReadOnlyList<EventRecord>? Events { get; init; }
}

public sealed record EventRecord
{
    public string? EventType { get; init; }
    public string? EventId { get; init; }
    public string? EventTimestamp { get; init; }
    public string? Severity { get; init; }
    public string? Message { get; init; }
    public string? MessageId { get; init; }
    public IReadOnlyList<string>? MessageArgs { get; init; }
    public ODataLink? OriginOfCondition { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
