namespace Lifeline.Drivers;

/// <summary>FRU Chassis Info Area (Platform Management FRU Information Storage Definition v1.0 §10).</summary>
public sealed record FruChassis(string? Type, string? PartNumber, string? SerialNumber, IReadOnlyList<string>? Extra = null);

/// <summary>FRU Board Info Area (§11).</summary>
public sealed record FruBoard(
    DateTimeOffset? ManufacturedAt,
    string? Manufacturer,
    string? ProductName,
    string? SerialNumber,
    string? PartNumber,
    IReadOnlyList<string>? Extra = null);

/// <summary>FRU Product Info Area (§12).</summary>
public sealed record FruProduct(
    string? Manufacturer,
    string? Name,
    string? PartNumber,
    string? Version,
    string? SerialNumber,
    string? AssetTag,
    IReadOnlyList<string>? Extra = null);

/// <summary>The inventory of FRU device 0; an area the FRU lacks is null.</summary>
public sealed record InventoryResult(FruChassis? Chassis, FruBoard? Board, FruProduct? Product)
{
    /// <summary>Get Device ID of the BMC (IPMI v2.0 §20.1), when read.</summary>
    public BmcInfoResult? Bmc { get; init; }

    /// <summary>The BMC's LAN channel configuration (IPMI v2.0 §23.2), when read.</summary>
    public LanResult? Lan { get; init; }

    /// <summary>Redfish: the system's components (CPUs, DIMMs, drives, NICs, firmware), when read.</summary>
    public SystemComponents? Components { get; init; }
}

/// <summary>What a Redfish ComputerSystem lists beyond the product fields, one line of words per component.</summary>
/// <param name="BiosVersion">ComputerSystem.BiosVersion.</param>
/// <param name="Sku">ComputerSystem.SKU.</param>
/// <param name="Uuid">ComputerSystem.UUID.</param>
/// <param name="Processors">"CPU1: Intel Xeon ..., 32 cores".</param>
/// <param name="Memory">"DIMM A1: 32768 MiB DDR5".</param>
/// <param name="Drives">"Disk0: model, capacity".</param>
/// <param name="Nics">"NIC1: aa:bb:...".</param>
/// <param name="Firmware">UpdateService.FirmwareInventory.</param>
public sealed record SystemComponents(
    string? BiosVersion,
    string? Sku,
    string? Uuid,
    IReadOnlyList<string> Processors,
    IReadOnlyList<string> Memory,
    IReadOnlyList<string> Drives,
    IReadOnlyList<string> Nics,
    IReadOnlyList<FirmwareComponent> Firmware);

/// <summary>LAN configuration of the BMC's LAN channel (IPMI v2.0 §23.2, Table 23-4).</summary>
/// <param name="Channel">The LAN channel number read.</param>
/// <param name="IpAddress">Parameter 3.</param>
/// <param name="IpSource">Parameter 4: "static", "dhcp", "bios" or "other".</param>
/// <param name="MacAddress">Parameter 5, as aa:bb:cc:dd:ee:ff.</param>
/// <param name="SubnetMask">Parameter 6.</param>
/// <param name="DefaultGateway">Parameter 12.</param>
/// <param name="VlanId">Parameter 20: null when VLAN tagging is off.</param>
public sealed record LanResult(int Channel, string? IpAddress, string? IpSource, string? MacAddress, string? SubnetMask, string? DefaultGateway, int? VlanId);
