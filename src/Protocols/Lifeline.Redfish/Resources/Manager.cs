namespace Lifeline.Redfish.Resources;

/// <summary>Manager (Manager.v1_19_0): the BMC itself.</summary>
public sealed record Manager : RedfishResource
{
    public ManagerType? ManagerType { get; init; }
    public string? FirmwareVersion { get; init; }
    public string? Model { get; init; }
    public string? Manufacturer { get; init; }
    public string? UUID { get; init; }
    public string? DateTime { get; init; }
    public PowerState? PowerState { get; init; }
    public SerialConsole? SerialConsole { get; init; }
    public ODataLink? NetworkProtocol { get; init; }
    public ODataLink? SerialInterfaces { get; init; }
    public ODataLink? VirtualMedia { get; init; }
    public ODataLink? LogServices { get; init; }
    public ODataLink? EthernetInterfaces { get; init; }
}
