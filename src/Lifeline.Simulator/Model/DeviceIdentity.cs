namespace Lifeline.Simulator.Model;

/// <summary>
/// The fields of IPMI v2.0 §20.1 Get Device ID, as numbers. The face encodes them (firmware minor and IPMI version
/// as BCD, the manufacturer id as 20 bits LSB first).
/// </summary>
public sealed record DeviceIdentity(
    byte DeviceId,
    byte DeviceRevision,
    bool ProvidesDeviceSdrs,
    byte FirmwareMajor,
    /// <summary>Binary 0-99: "2.31" has minor 31; the wire byte is its BCD (0x31).</summary>
    byte FirmwareMinor,
    byte IpmiVersionMajor,
    byte IpmiVersionMinor,
    /// <summary>§20.1 byte 6: [7] chassis, [6] bridge, [5] IPMB event generator, [4] event receiver, [3] FRU
    /// inventory, [2] SEL, [1] SDR repository, [0] sensor device.</summary>
    byte AdditionalDeviceSupport,
    uint ManufacturerId,
    ushort ProductId,
    uint? AuxiliaryFirmwareRevision)
{
    /// <summary>Chassis, FRU inventory, SEL, SDR repository and sensor device.</summary>
    public const byte StandardSupport = 0x80 | 0x08 | 0x04 | 0x02 | 0x01;

    public string FirmwareRevision => $"{FirmwareMajor}.{FirmwareMinor:D2}";

    public static DeviceIdentity For(VendorProfile profile) => new(
        DeviceId: 0x20,
        DeviceRevision: 1,
        ProvidesDeviceSdrs: false,
        FirmwareMajor: profile.FirmwareMajor,
        FirmwareMinor: profile.FirmwareMinor,
        IpmiVersionMajor: 2,
        IpmiVersionMinor: 0,
        AdditionalDeviceSupport: StandardSupport,
        ManufacturerId: profile.ManufacturerId,
        ProductId: profile.ProductId,
        AuxiliaryFirmwareRevision: null);
}
