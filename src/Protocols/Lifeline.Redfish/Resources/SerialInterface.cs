namespace Lifeline.Redfish.Resources;

/// <summary>SerialInterface (SerialInterface.v1_3_0): a BMC serial port and its line settings.</summary>
public sealed record SerialInterface : RedfishResource
{
    public bool? InterfaceEnabled { get; init; }
    public string? SignalType { get; init; }
    public string? BitRate { get; init; }
    public string? Parity { get; init; }
    public string? DataBits { get; init; }
    public string? StopBits { get; init; }
    public string? FlowControl { get; init; }
    public string? ConnectorType { get; init; }
}
