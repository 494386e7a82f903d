using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sdr;

// IPMI v2.0 §43.8 FRU Device Locator Record (type 11h), Table 43-7
//   1-5    header (SdrHeader)
//   6      device access address: [7:1] slave address of the controller used to access the device, [0] reserved
//   7      logical FRU device: FRU device ID; non-intelligent device: [7:1] I2C slave address, [0] reserved
//   8      [7] 1 = logical FRU device (accessed via FRU commands to the controller), [6:5] reserved,
//          [4:3] LUN for Master Write-Read or FRU commands, [2:0] private bus ID (0 = IPMB)
//   9      [7:4] channel number, [3:0] reserved
//   10     reserved
//   11     device type (Table 43-12)
//   12     device type modifier
//   13     FRU entity ID
//   14     FRU entity instance
//   15     OEM
//   16     device ID string type/length (§43.15)
//   17-32  device ID string bytes (at most 16)

/// <summary>Where a FRU inventory device is and how to reach it.</summary>
public sealed class FruDeviceLocatorRecord : SdrRecord
{
    private const int FixedSize = 11; // bytes 6-16

    public FruDeviceLocatorRecord()
    {
    }

    internal FruDeviceLocatorRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header)
    {
        NeedBody(header, body, FixedSize, "FRU device locator");
        DeviceAccessAddress = (byte)(body[0] & 0xFE);
        FruDeviceId = body[1];
        IsLogical = (body[2] & 0x80) != 0;
        AccessLun = (byte)((body[2] >> 3) & 0x03);
        PrivateBusId = (byte)(body[2] & 0x07);
        Channel = (byte)(body[3] >> 4);
        DeviceType = body[5];
        DeviceTypeModifier = body[6];
        EntityId = body[7];
        EntityInstance = body[8];
        Oem = body[9];
        (IdString, IdStringEncoding) = ReadIdString(body, 10);
    }

    public override SdrRecordType RecordType => SdrRecordType.FruDeviceLocator;

    /// <summary>8-bit slave address of the controller that gives access (bit 0 clear).</summary>
    public byte DeviceAccessAddress { get; init; } = 0x20;
    /// <summary>FRU device ID (logical devices) or 8-bit slave address (non-intelligent devices).</summary>
    public byte FruDeviceId { get; init; }
    public bool IsLogical { get; init; } = true;
    public byte AccessLun { get; init; }
    public byte PrivateBusId { get; init; }
    public byte Channel { get; init; }
    public byte DeviceType { get; init; } = 0x10;
    public byte DeviceTypeModifier { get; init; }
    public byte EntityId { get; init; }
    public byte EntityInstance { get; init; }
    public byte Oem { get; init; }
    public string IdString { get; init; } = "";
    public FruFieldEncoding IdStringEncoding { get; init; } = FruFieldEncoding.Text;

    protected override void WriteBody(IpmiWriter w)
    {
        w.Byte((byte)(DeviceAccessAddress & 0xFE))
         .Byte(FruDeviceId)
         .Byte((byte)((IsLogical ? 0x80 : 0) | ((AccessLun & 0x03) << 3) | (PrivateBusId & 0x07)))
         .Byte((byte)(Channel << 4))
         .Byte(0)
         .Byte(DeviceType)
         .Byte(DeviceTypeModifier)
         .Byte(EntityId)
         .Byte(EntityInstance)
         .Byte(Oem);
        WriteIdString(w, IdString, IdStringEncoding);
    }

    public override string ToString() => $"{base.ToString()} FRU {FruDeviceId} \"{IdString}\"";
}
