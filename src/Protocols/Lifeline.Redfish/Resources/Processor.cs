namespace Lifeline.Redfish.Resources;

/// <summary>Processor (Processor.v1_20_0).</summary>
public sealed record Processor : RedfishResource
{
    public string? ProcessorType { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? Socket { get; init; }
    public int? TotalCores { get; init; }
    public int? TotalThreads { get; init; }
    public double? MaxSpeedMHz { get; init; }
    public string? SerialNumber { get; init; }
}
