using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Sdr;

// IPMI v2.0 §43.3 Event-Only Record (type 03h), Table 43-3
//   1-5    header (SdrHeader)
//   6      sensor owner ID: [7:1] slave address or software ID, [0] 1 = system software ID
//   7      [7:4] channel number, [3:2] FRU inventory device owner LUN, [1:0] sensor owner LUN
//   8      sensor number
//   9      entity ID
//   10     entity instance: [7] logical container, [6:0] instance
//   11     sensor type
//   12     event/reading type code
//   13     record sharing: [7:6] sensor direction, [5:4] ID string instance modifier type, [3:0] share count
//   14     [7] entity instance increments per shared sensor, [6:0] ID string instance modifier offset
//   15     reserved
//   16     OEM
//   17     ID string type/length (§43.15)
//   18-33  ID string bytes (at most 16)

/// <summary>A sensor that only generates events: it has no reading, so Get Sensor Reading does not apply.</summary>
public sealed class EventOnlySensorRecord : SdrRecord, ISensorIdentity
{
    private const int FixedSize = 12; // bytes 6-17

    public EventOnlySensorRecord()
    {
    }

    internal EventOnlySensorRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header)
    {
        NeedBody(header, body, FixedSize, "event-only sensor");
        OwnerId = body[0];
        Channel = (byte)(body[1] >> 4);
        FruOwnerLun = (byte)((body[1] >> 2) & 0x03);
        OwnerLun = (byte)(body[1] & 0x03);
        SensorNumber = body[2];
        EntityId = body[3];
        EntityInstance = (byte)(body[4] & 0x7F);
        LogicalEntity = (body[4] & 0x80) != 0;
        SensorType = (SensorType)body[5];
        EventReadingType = (EventReadingType)body[6];
        Direction = (SensorDirection)(body[7] >> 6);
        Modifier = (IdStringModifier)((body[7] >> 4) & 0x03);
        ShareCount = (byte)(body[7] & 0x0F);
        EntityInstanceIncrements = (body[8] & 0x80) != 0;
        ModifierOffset = (byte)(body[8] & 0x7F);
        Oem = body[10];
        (IdString, IdStringEncoding) = ReadIdString(body, 11);
    }

    public override SdrRecordType RecordType => SdrRecordType.EventOnlySensor;

    public byte OwnerId { get; init; } = 0x20;
    public byte OwnerLun { get; init; }
    public byte FruOwnerLun { get; init; }
    public byte Channel { get; init; }
    public byte SensorNumber { get; init; }
    public byte EntityId { get; init; }
    public byte EntityInstance { get; init; }
    public bool LogicalEntity { get; init; }
    public SensorType SensorType { get; init; }
    public EventReadingType EventReadingType { get; init; }
    public SensorDirection Direction { get; init; }
    public IdStringModifier Modifier { get; init; }
    public byte ShareCount { get; init; }
    public bool EntityInstanceIncrements { get; init; }
    public byte ModifierOffset { get; init; }
    public byte Oem { get; init; }
    public string IdString { get; init; } = "";
    public FruFieldEncoding IdStringEncoding { get; init; } = FruFieldEncoding.Text;

    public bool Covers(byte sensorNumber) => SharedSensorIdentity.Covers(SensorNumber, ShareCount, sensorNumber);

    public string NameOf(byte sensorNumber) =>
        SharedSensorIdentity.NameOf(IdString, SensorNumber, ShareCount, Modifier, ModifierOffset, sensorNumber);

    protected override void WriteBody(IpmiWriter w)
    {
        w.Byte(OwnerId)
         .Byte((byte)((Channel << 4) | ((FruOwnerLun & 0x03) << 2) | (OwnerLun & 0x03)))
         .Byte(SensorNumber)
         .Byte(EntityId)
         .Byte((byte)((LogicalEntity ? 0x80 : 0) | (EntityInstance & 0x7F)))
         .Byte((byte)SensorType)
         .Byte((byte)EventReadingType)
         .Byte((byte)((((byte)Direction & 0x03) << 6) | (((byte)Modifier & 0x03) << 4) | (ShareCount & 0x0F)))
         .Byte((byte)((EntityInstanceIncrements ? 0x80 : 0) | (ModifierOffset & 0x7F)))
         .Byte(0)
         .Byte(Oem);
        WriteIdString(w, IdString, IdStringEncoding);
    }

    public override string ToString() => $"{base.ToString()} #{SensorNumber:X2}h \"{IdString}\" {SensorType.Text()}";
}
