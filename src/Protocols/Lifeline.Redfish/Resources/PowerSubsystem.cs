namespace Lifeline.Redfish.Resources;

/// <summary>PowerSubsystem (PowerSubsystem.v1_1_2).</summary>
public sealed record PowerSubsystem : RedfishResource
{
    public double? CapacityWatts { get; init; }
    public ODataLink? PowerSupplies { get; init; }
    public ODataLink? Batteries { get; init; }
}
