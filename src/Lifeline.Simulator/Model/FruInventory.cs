namespace Lifeline.Simulator.Model;

// IPMI Platform Management FRU Information Storage Definition v1.0, areas as structured values; the face
// encodes them (type/length bytes, 6-bit ASCII or 8-bit, checksums, the board date in minutes since 1996).

/// <summary>Chassis info area (§10). <see cref="Type"/> is an SMBIOS chassis type (17h = rack mount chassis).</summary>
public sealed record FruChassisInfo(byte Type, string PartNumber, string SerialNumber)
{
    public const byte RackMountChassis = 0x17;
}

/// <summary>Board info area (§11).</summary>
public sealed record FruBoardInfo(
    DateTimeOffset ManufacturedAt,
    string Manufacturer,
    string ProductName,
    string SerialNumber,
    string PartNumber);

/// <summary>Product info area (§12).</summary>
public sealed record FruProductInfo(
    string Manufacturer,
    string Name,
    string PartNumber,
    string Version,
    string SerialNumber,
    string AssetTag);

/// <summary>FRU device 0 of a node: distinct serial numbers per node, derived from its index.</summary>
public sealed record FruInventory(FruChassisInfo Chassis, FruBoardInfo Board, FruProductInfo Product)
{
    private static readonly DateTimeOffset FirstBuildDate = new(2023, 1, 2, 0, 0, 0, TimeSpan.Zero);

    internal static FruInventory Create(VendorProfile vendor, int index, ulong nodeSeed)
    {
        // Boards were built over ~2 years, to the minute (the FRU format's resolution).
        long minutes = (long)(Mix.Unit(Mix.Hash(nodeSeed, 0xF2)) * 730 * 24 * 60);
        var built = FirstBuildDate.AddMinutes(minutes);
        string serial = $"{index + 1:D7}";
        return new FruInventory(
            new FruChassisInfo(FruChassisInfo.RackMountChassis, "CHS-1U-001", $"CH{serial}"),
            new FruBoardInfo(built, vendor.Manufacturer, vendor.BoardName, $"BD{built:yyMM}{serial}", "PN-MB-0042"),
            new FruProductInfo(vendor.Manufacturer, vendor.ProductName, "SIM-1U-A", "A01", $"SN{serial}",
                $"ASSET-{index + 1:D6}"));
    }
}
