namespace Lifeline.Redfish.Resources;

/// <summary>ManagerNetworkProtocol (ManagerNetworkProtocol.v1_10_0): which services the BMC offers on which ports.</summary>
public sealed record ManagerNetworkProtocol : RedfishResource
{
    public string? HostName { get; init; }
    public string? FQDN { get; init; }
    public ProtocolSettings? HTTP { get; init; }
    public ProtocolSettings? HTTPS { get; init; }
    public ProtocolSettings? SSH { get; init; }
    public ProtocolSettings? IPMI { get; init; }
    public ProtocolSettings? SNMP { get; init; }
    public ProtocolSettings? KVMIP { get; init; }
    public ProtocolSettings? VirtualMedia { get; init; }
}

public sealed record ProtocolSettings
{
    public bool? ProtocolEnabled { get; init; }
    public int? Port { get; init; }
}
