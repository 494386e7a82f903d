namespace Lifeline.Redfish.Resources;

/// <summary>EventService (EventService.v1_10_2): subscriptions and the SSE stream.</summary>
public sealed record EventService : RedfishResource
{
    public bool? ServiceEnabled { get; init; }
    public string? ServerSentEventUri { get; init; }
    public int? DeliveryRetryAttempts { get; init; }
    public IReadOnlyList<string>? EventTypesForSubscription { get; init; }
    public ODataLink? Subscriptions { get; init; }
}
