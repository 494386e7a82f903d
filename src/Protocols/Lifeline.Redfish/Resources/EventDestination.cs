namespace Lifeline.Redfish.Resources;

/// <summary>EventDestination (EventDestination.v1_15_0): one event subscription.</summary>
public sealed record EventDestination : RedfishResource
{
    public string? Destination { get; init; }
    public EventDestinationProtocol? Protocol { get; init; }
    public string? Context { get; init; }
    public string? SubscriptionType { get; init; }
    public IReadOnlyList<string>? EventTypes { get; init; }
    public IReadOnlyList<string>? RegistryPrefixes { get; init; }
}
