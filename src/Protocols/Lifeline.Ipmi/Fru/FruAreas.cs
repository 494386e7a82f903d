namespace Lifeline.Ipmi.Fru;

/// <summary>Chassis Info Area (FRU spec §10, Table 10-1).</summary>
public sealed class FruChassisInfo
{
    // SMBIOS chassis types (FRU spec Table 10-1 refers to SMBIOS), spelled as ipmitool prints them.
    private static readonly string[] ChassisTypes =
    [
        "Unspecified", "Other", "Unknown", "Desktop", "Low Profile Desktop", "Pizza Box", "Mini Tower", "Tower",
        "Portable", "LapTop", "Notebook", "Hand Held", "Docking Station", "All in One", "Sub Notebook", "Space-saving",
        "Lunch Box", "Main Server Chassis", "Expansion Chassis", "SubChassis", "Bus Expansion Chassis",
        "Peripheral Chassis", "RAID Chassis", "Rack Mount Chassis", "Sealed-case PC", "Multi-system Chassis",
        "CompactPCI", "AdvancedTCA", "Blade", "Blade Enclosure",
    ];

    public byte FormatVersion { get; init; } = 1;

    /// <summary>SMBIOS chassis type (17h = rack mount chassis).</summary>
    public byte ChassisType { get; init; } = 0x17;

    public string ChassisTypeText => ChassisType < ChassisTypes.Length ? ChassisTypes[ChassisType] : "Unknown";

    public FruField? PartNumber { get; init; }
    public FruField? SerialNumber { get; init; }
    public IReadOnlyList<FruField> Custom { get; init; } = [];
}

/// <summary>Board Info Area (FRU spec §11, Table 11-1).</summary>
public sealed class FruBoardInfo
{
    /// <summary>Board manufacturing dates count minutes from 1996-01-01 00:00 UTC.</summary>
    public static readonly DateTimeOffset Epoch = new(1996, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public byte FormatVersion { get; init; } = 1;

    /// <summary>Language code (0 or 25 = English).</summary>
    public byte Language { get; init; }

    /// <summary>Manufacturing date/time, whole minutes; null when unspecified (0).</summary>
    public DateTimeOffset? ManufacturedAt { get; init; }

    public FruField? Manufacturer { get; init; }
    public FruField? ProductName { get; init; }
    public FruField? SerialNumber { get; init; }
    public FruField? PartNumber { get; init; }
    public FruField? FruFileId { get; init; }
    public IReadOnlyList<FruField> Custom { get; init; } = [];
}

/// <summary>Product Info Area (FRU spec §12, Table 12-1).</summary>
public sealed class FruProductInfo
{
    public byte FormatVersion { get; init; } = 1;
    public byte Language { get; init; }
    public FruField? Manufacturer { get; init; }
    public FruField? ProductName { get; init; }
    /// <summary>Product part / model number.</summary>
    public FruField? PartNumber { get; init; }
    public FruField? Version { get; init; }
    public FruField? SerialNumber { get; init; }
    public FruField? AssetTag { get; init; }
    public FruField? FruFileId { get; init; }
    public IReadOnlyList<FruField> Custom { get; init; } = [];
}

/// <summary>One MultiRecord (FRU spec §16): type, format version and data, kept as bytes.</summary>
public sealed record FruMultiRecord(byte TypeId, byte[] Data, byte FormatVersion = 0x02)
{
    /// <summary>Set on the last record of the area ([7] of header byte 2).</summary>
    public bool EndOfList { get; init; }
}
