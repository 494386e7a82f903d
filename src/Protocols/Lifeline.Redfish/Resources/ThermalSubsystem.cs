namespace Lifeline.Redfish.Resources;

/// <summary>ThermalSubsystem (ThermalSubsystem.v1_3_2).</summary>
public sealed record ThermalSubsystem : RedfishResource
{
    public ODataLink? Fans { get; init; }
    public ODataLink? ThermalMetrics { get; init; }
    public ODataLink? Heaters { get; init; }
}
