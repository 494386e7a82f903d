using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sdr;

/// <summary>Device capabilities of a management controller (Table 43-8 byte 9).</summary>
[Flags]
public enum McCapabilities : byte
{
    None = 0,
    SensorDevice = 0x01,
    SdrRepository = 0x02,
    SelDevice = 0x04,
    FruInventory = 0x08,
    IpmbEventReceiver = 0x10,
    IpmbEventGenerator = 0x20,
    Bridge = 0x40,
    ChassisDevice = 0x80,
}

/// <summary>Global initialization (Table 43-8 byte 8 [1:0]).</summary>
public enum McGlobalInitialization : byte
{
    EnableEventGeneration = 0,
    DisableEventGeneration = 1,
    DoNotInitialize = 2,
    Reserved = 3,
}

// IPMI v2.0 §43.9 Management Controller Device Locator Record (type 12h), Table 43-8
//   1-5    header (SdrHeader)
//   6      device slave address: [7:1] 7-bit I2C slave address, [0] reserved
//   7      [7:4] reserved, [3:0] channel number
//   8      power state notification / global initialization:
//          [7] ACPI system power state notification required, [6] ACPI device power state notification required,
//          [5] 1 = static controller, 0 = dynamic, [4] reserved, [3] controller logs initialization agent errors,
//          [2] log initialization agent errors accessing this controller, [1:0] global initialization
//   9      device capabilities (McCapabilities)
//   10-12  reserved
//   13     entity ID
//   14     entity instance
//   15     OEM
//   16     device ID string type/length (§43.15)
//   17-32  device ID string bytes (at most 16)

/// <summary>Where a management controller is and what it can do.</summary>
public sealed class McDeviceLocatorRecord : SdrRecord
{
    private const int FixedSize = 11; // bytes 6-16

    public McDeviceLocatorRecord()
    {
    }

    internal McDeviceLocatorRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header)
    {
        NeedBody(header, body, FixedSize, "MC device locator");
        SlaveAddress = (byte)(body[0] & 0xFE);
        Channel = (byte)(body[1] & 0x0F);
        byte power = body[2];
        AcpiSystemPowerNotification = (power & 0x80) != 0;
        AcpiDevicePowerNotification = (power & 0x40) != 0;
        IsStatic = (power & 0x20) != 0;
        LogsInitAgentErrors = (power & 0x08) != 0;
        LogInitAgentErrorsAccessing = (power & 0x04) != 0;
        GlobalInitialization = (McGlobalInitialization)(power & 0x03);
        Capabilities = (McCapabilities)body[3];
        EntityId = body[7];
        EntityInstance = body[8];
        Oem = body[9];
        (IdString, IdStringEncoding) = ReadIdString(body, 10);
    }

    public override SdrRecordType RecordType => SdrRecordType.McDeviceLocator;

    /// <summary>8-bit slave address (bit 0 clear), e.g. 20h for the BMC.</summary>
    public byte SlaveAddress { get; init; } = 0x20;
    public byte Channel { get; init; }
    public bool AcpiSystemPowerNotification { get; init; }
    public bool AcpiDevicePowerNotification { get; init; }
    public bool IsStatic { get; init; }
    public bool LogsInitAgentErrors { get; init; }
    public bool LogInitAgentErrorsAccessing { get; init; }
    public McGlobalInitialization GlobalInitialization { get; init; }
    public McCapabilities Capabilities { get; init; }
    public byte EntityId { get; init; }
    public byte EntityInstance { get; init; }
    public byte Oem { get; init; }
    public string IdString { get; init; } = "";
    public FruFieldEncoding IdStringEncoding { get; init; } = FruFieldEncoding.Text;

    protected override void WriteBody(IpmiWriter w)
    {
        w.Byte((byte)(SlaveAddress & 0xFE))
         .Byte((byte)(Channel & 0x0F))
         .Byte((byte)((AcpiSystemPowerNotification ? 0x80 : 0) | (AcpiDevicePowerNotification ? 0x40 : 0) | (IsStatic ? 0x20 : 0)
            | (LogsInitAgentErrors ? 0x08 : 0) | (LogInitAgentErrorsAccessing ? 0x04 : 0) | ((byte)GlobalInitialization & 0x03)))
         .Byte((byte)Capabilities)
         .Bytes([0, 0, 0])
         .Byte(EntityId)
         .Byte(EntityInstance)
         .Byte(Oem);
        WriteIdString(w, IdString, IdStringEncoding);
    }

    public override string ToString() => $"{base.ToString()} MC @ {SlaveAddress:X2}h \"{IdString}\"";
}
