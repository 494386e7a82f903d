namespace Lifeline.Simulator.Model;

public sealed partial class BmcModel
{
    /// <summary>Highest user id (IPMI v2.0 Get User Access "maximum number of user ids").</summary>
    public const int MaxUsers = 10;

    public VendorPersonality Personality => _shared.Vendor.Personality;

    public VendorProfile Vendor => _shared.Vendor;

    /// <summary>Get Device ID fields (§20.1); the firmware revision follows <see cref="ApplyFirmwareUpdate"/>.</summary>
    public DeviceIdentity Identity => Volatile.Read(ref _identity) ?? _shared.Identity;

    /// <summary>Get System GUID (§22.14): a version-4 style GUID derived from seed and index.</summary>
    public Guid SystemGuid
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            BitConverterLe(Mix.Hash(_nodeSeed, 0x6D1D), bytes[..8]);
            BitConverterLe(Mix.Hash(_nodeSeed, 0x6D1E), bytes[8..]);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte 7 is the high byte of Data3)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        }
    }

    /// <summary>FRU device 0 (structured): chassis, board and product areas, distinct per node.</summary>
    public FruInventory Fru
    {
        get
        {
            lock (_lock)
            {
                return _fru ??= FruInventory.Create(_shared.Vendor, Index, _nodeSeed);
            }
        }
    }

    private FruInventory? _fru;

    private static void BitConverterLe(ulong value, Span<byte> destination) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, value);

    public override string ToString() => $"{Name} (#{Index}, {Personality})";
}
