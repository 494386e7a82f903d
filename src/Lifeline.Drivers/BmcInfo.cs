namespace Lifeline.Drivers;

/// <summary><c>bmc info</c>: Get Device ID (IPMI v2.0 §20.1) and the system GUID.</summary>
/// <param name="DeviceId">Device ID byte.</param>
/// <param name="DeviceRevision">Device revision (0-15).</param>
/// <param name="FirmwareVersion">"2.31" style: major binary, minor BCD.</param>
/// <param name="IpmiVersion">"2.0".</param>
/// <param name="ManufacturerId">IANA enterprise number (20 bits).</param>
/// <param name="ManufacturerName">A name for the IANA number when known ("Intel"), else null.</param>
/// <param name="ProductId">Product ID.</param>
/// <param name="SystemGuid">Get System GUID (§22.14), when the BMC supports it.</param>
public sealed record BmcInfoResult(
    int DeviceId,
    int DeviceRevision,
    string FirmwareVersion,
    string IpmiVersion,
    int ManufacturerId,
    string? ManufacturerName,
    int ProductId,
    Guid? SystemGuid)
{
    /// <summary>Redfish: the manager's identity, when the BMC was reached over Redfish (the IPMI fields are then zero).</summary>
    public RedfishManagerInfo? Redfish { get; init; }
}

/// <summary>A Redfish Manager (Manager.v1_19_0) and the service's protocol version.</summary>
public sealed record RedfishManagerInfo(string? RedfishVersion, string? Manufacturer, string? Model, string? FirmwareVersion, string? Uuid);

/// <summary>Which BMC reset (IPMI v2.0 §20.2 Cold Reset, §20.3 Warm Reset).</summary>
public enum BmcResetKind
{
    Warm,
    Cold,
}
