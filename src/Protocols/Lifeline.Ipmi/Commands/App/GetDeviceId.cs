using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

// IPMI v2.0 §20.1 Get Device ID (NetFn App 06h, cmd 01h)
//
// request: (none)
// response (after completion code):
//   0  device id
//   1  [7] provides device SDRs, [3:0] device revision
//   2  [7] device available (0 = normal), [6:0] firmware major revision (binary)
//   3  firmware minor revision (BCD)
//   4  IPMI version (BCD, 02h = 2.0 as 0x02 → "2.0")
//   5  additional device support bitmap
//   6-8  manufacturer id (IANA, 20 bits, LSB first)
//   9-10 product id (LSB first)
//   11-14 auxiliary firmware revision (optional)
public sealed class GetDeviceId : IIpmiCommand<DeviceIdResponse>
{
    public static readonly GetDeviceId Instance = new();

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x01;
    public string Name => "Get Device ID";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public DeviceIdResponse ReadResponse(ReadOnlySpan<byte> data) => DeviceIdResponse.Read(data);

    /// <summary>Server side: the request has no data.</summary>
    public static GetDeviceId Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record DeviceIdResponse(
    byte DeviceId,
    bool ProvidesDeviceSdrs,
    byte DeviceRevision,
    bool DeviceAvailable,
    byte FirmwareMajor,
    byte FirmwareMinorBcd,
    byte IpmiVersionBcd,
    byte AdditionalDeviceSupport,
    uint ManufacturerId,
    ushort ProductId,
    byte[]? AuxFirmwareRevision)
{
    /// <summary>"2.31" style firmware revision: major binary, minor BCD.</summary>
    public string FirmwareRevision => $"{FirmwareMajor}.{FirmwareMinorBcd:X2}";

    /// <summary>"2.0" style IPMI version from its BCD byte (low nibble major... per §20.1: bits 7:4 minor, 3:0 major).</summary>
    public string IpmiVersion => $"{IpmiVersionBcd & 0x0F}.{IpmiVersionBcd >> 4}";

    public static DeviceIdResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte id = r.ReadByte();
        byte rev = r.ReadByte();
        byte fw1 = r.ReadByte();
        byte fw2 = r.ReadByte();
        byte ipmiVer = r.ReadByte();
        byte support = r.ReadByte();
        uint mfg = r.ReadUInt24() & 0x0FFFFF;
        ushort product = r.ReadUInt16();
        byte[]? aux = r.Remaining >= 4 ? r.ReadBytes(4).ToArray() : null;
        return new DeviceIdResponse(id, (rev & 0x80) != 0, (byte)(rev & 0x0F), (fw1 & 0x80) == 0, (byte)(fw1 & 0x7F), fw2,
            ipmiVer, support, mfg, product, aux);
    }

    public void Write(IpmiWriter w)
    {
        w.Byte(DeviceId)
         .Byte((byte)((ProvidesDeviceSdrs ? 0x80 : 0) | (DeviceRevision & 0x0F)))
         .Byte((byte)((DeviceAvailable ? 0 : 0x80) | (FirmwareMajor & 0x7F)))
         .Byte(FirmwareMinorBcd)
         .Byte(IpmiVersionBcd)
         .Byte(AdditionalDeviceSupport)
         .UInt24(ManufacturerId & 0x0FFFFF)
         .UInt16(ProductId);
        if (AuxFirmwareRevision is { Length: 4 })
        {
            w.Bytes(AuxFirmwareRevision);
        }
    }
}
