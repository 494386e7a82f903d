namespace Lifeline.Redfish.Resources;

/// <summary>EthernetInterface (EthernetInterface.v1_12_0).</summary>
public sealed record EthernetInterface : RedfishResource
{
    public string? MACAddress { get; init; }
    public string? PermanentMACAddress { get; init; }
    public double? SpeedMbps { get; init; }
    public bool? InterfaceEnabled { get; init; }
    public string? LinkStatus { get; init; }
    public string? HostName { get; init; }
    public IReadOnlyList<IPv4Address>? IPv4Addresses { get; init; }
}

public sealed record IPv4Address
{
    public string? Address { get; init; }
    public string? SubnetMask { get; init; }
    public string? AddressOrigin { get; init; }
    public string? Gateway { get; init; }
}
