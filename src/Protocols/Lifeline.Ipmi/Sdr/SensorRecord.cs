using System.Buffers.Binary;
using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Sdr;

/// <summary>Sensor Initialization (IPMI v2.0 Table 43-1 byte 11; same in the compact record).</summary>
[Flags]
public enum SensorInitialization : byte
{
    None = 0,
    /// <summary>[0] sensor scanning enabled by default.</summary>
    ScanningEnabledByDefault = 0x01,
    /// <summary>[1] event generation enabled by default.</summary>
    EventsEnabledByDefault = 0x02,
    /// <summary>[2] initialize sensor type and event/reading type code.</summary>
    InitSensorType = 0x04,
    /// <summary>[3] initialize hysteresis.</summary>
    InitHysteresis = 0x08,
    /// <summary>[4] initialize thresholds.</summary>
    InitThresholds = 0x10,
    /// <summary>[5] initialize events.</summary>
    InitEvents = 0x20,
    /// <summary>[6] initialize scanning.</summary>
    InitScanning = 0x40,
    /// <summary>[7] settable sensor (accepts Set Sensor Reading and Event Status).</summary>
    Settable = 0x80,
}

/// <summary>Hysteresis support, capabilities [5:4].</summary>
public enum HysteresisSupport : byte
{
    None = 0,
    Readable = 1,
    ReadableSettable = 2,
    FixedUnreadable = 3,
}

/// <summary>Threshold access support, capabilities [3:2].</summary>
public enum ThresholdAccess : byte
{
    None = 0,
    /// <summary>Readable per the reading mask.</summary>
    Readable = 1,
    /// <summary>Readable and settable per the masks.</summary>
    ReadableSettable = 2,
    /// <summary>Fixed, unreadable.</summary>
    FixedUnreadable = 3,
}

/// <summary>Sensor event message control, capabilities [1:0].</summary>
public enum EventMessageControl : byte
{
    PerThreshold = 0,
    EntireSensorOnly = 1,
    GlobalDisableOnly = 2,
    NoEvents = 3,
}

/// <summary>Sensor direction (full record byte 29 [1:0], compact and event-only byte 24/13 [7:6]).</summary>
public enum SensorDirection : byte
{
    Unspecified = 0,
    Input = 1,
    Output = 2,
    Reserved = 3,
}

/// <summary>The six thresholds, as bits of the readable/settable masks and of Get Sensor Reading byte 3.</summary>
[Flags]
public enum ThresholdMask : byte
{
    None = 0,
    LowerNonCritical = 0x01,
    LowerCritical = 0x02,
    LowerNonRecoverable = 0x04,
    UpperNonCritical = 0x08,
    UpperCritical = 0x10,
    UpperNonRecoverable = 0x20,
}

// IPMI v2.0 Table 43-1 byte 12 Sensor Capabilities:
//   [7] ignore sensor if entity absent, [6] auto re-arm, [5:4] hysteresis support, [3:2] threshold access support,
//   [1:0] event message control

/// <summary>The sensor capabilities byte.</summary>
public readonly record struct SensorCapabilities(
    bool IgnoreIfEntityAbsent,
    bool AutoRearm,
    HysteresisSupport Hysteresis,
    ThresholdAccess ThresholdAccess,
    EventMessageControl EventControl)
{
    public static SensorCapabilities FromByte(byte value) => new((value & 0x80) != 0, (value & 0x40) != 0,
        (HysteresisSupport)((value >> 4) & 0x03), (ThresholdAccess)((value >> 2) & 0x03), (EventMessageControl)(value & 0x03));

    public byte ToByte() => (byte)((IgnoreIfEntityAbsent ? 0x80 : 0) | (AutoRearm ? 0x40 : 0) | (((byte)Hysteresis & 0x03) << 4)
        | (((byte)ThresholdAccess & 0x03) << 2) | ((byte)EventControl & 0x03));
}

/// <summary>Raw threshold bytes of a full sensor record (Table 43-1 bytes 37-42).</summary>
public readonly record struct SensorThresholds(
    byte UpperNonRecoverable,
    byte UpperCritical,
    byte UpperNonCritical,
    byte LowerNonRecoverable,
    byte LowerCritical,
    byte LowerNonCritical)
{
    public byte this[ThresholdMask threshold] => threshold switch
    {
        ThresholdMask.UpperNonRecoverable => UpperNonRecoverable,
        ThresholdMask.UpperCritical => UpperCritical,
        ThresholdMask.UpperNonCritical => UpperNonCritical,
        ThresholdMask.LowerNonRecoverable => LowerNonRecoverable,
        ThresholdMask.LowerCritical => LowerCritical,
        ThresholdMask.LowerNonCritical => LowerNonCritical,
        _ => throw new IpmiException(IpmiError.InvalidRequest, $"not a single threshold: {threshold}"),
    };
}

/// <summary>What every sensor record (full, compact, event-only) says about its sensor: who owns it and what it is.</summary>
public interface ISensorIdentity
{
    /// <summary>Owner ID byte: [7:1] IPMB slave address or system software ID, [0] 1 = software ID.</summary>
    byte OwnerId { get; }
    byte OwnerLun { get; }
    byte Channel { get; }
    byte SensorNumber { get; }
    byte EntityId { get; }
    byte EntityInstance { get; }
    SensorType SensorType { get; }
    EventReadingType EventReadingType { get; }
    string IdString { get; }

    /// <summary>The name of sensor <paramref name="sensorNumber"/> when the record is shared by several sensors.</summary>
    string NameOf(byte sensorNumber);

    /// <summary>True when this record describes sensor <paramref name="sensorNumber"/> (shared records cover a range).</summary>
    bool Covers(byte sensorNumber);
}

// IPMI v2.0 §43.1 Table 43-1 / §43.2 Table 43-2 — the part full and compact sensor records share (bytes 6-23):
//   6      sensor owner ID: [7:1] slave address or software ID, [0] 0 = IPMB slave address, 1 = system software ID
//   7      sensor owner LUN: [7:4] channel number, [3:2] reserved, [1:0] sensor owner LUN
//   8      sensor number
//   9      entity ID
//   10     entity instance: [7] 0 = physical entity, 1 = logical container entity, [6:0] instance number
//   11     sensor initialization (SensorInitialization)
//   12     sensor capabilities (SensorCapabilities)
//   13     sensor type (Table 42-3)
//   14     event/reading type code (Table 42-1)
//   15-16  assertion event mask / lower threshold reading mask
//          threshold: [14:12] LNR, LC, LNC comparison returned, [11:0] assertion events (offsets 0Bh-00h)
//   17-18  deassertion event mask / upper threshold reading mask
//          threshold: [14:12] UNR, UC, UNC comparison returned, [11:0] deassertion events
//   19-20  discrete reading mask / settable + readable threshold masks
//          threshold: byte 19 [5:0] readable UNR UC UNC LNR LC LNC, byte 20 [5:0] settable (same order)
//   21-23  sensor units 1, 2, 3 (SensorUnits)

/// <summary>The fields full and compact sensor records share; the base of both.</summary>
public abstract class SensorRecord : SdrRecord, ISensorIdentity
{
    /// <summary>Bytes 6-23.</summary>
    internal const int CommonSize = 18;

    protected SensorRecord()
    {
    }

    protected SensorRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header)
    {
        OwnerId = body[0];
        Channel = (byte)(body[1] >> 4);
        OwnerLun = (byte)(body[1] & 0x03);
        SensorNumber = body[2];
        EntityId = body[3];
        EntityInstance = (byte)(body[4] & 0x7F);
        LogicalEntity = (body[4] & 0x80) != 0;
        Initialization = (SensorInitialization)body[5];
        Capabilities = SensorCapabilities.FromByte(body[6]);
        SensorType = (SensorType)body[7];
        EventReadingType = (EventReadingType)body[8];
        AssertionMask = BinaryPrimitives.ReadUInt16LittleEndian(body[9..]);
        DeassertionMask = BinaryPrimitives.ReadUInt16LittleEndian(body[11..]);
        ReadingMask = BinaryPrimitives.ReadUInt16LittleEndian(body[13..]);
        Units = SensorUnits.Read(body[15..]);
    }

    public byte OwnerId { get; init; } = 0x20;
    public byte OwnerLun { get; init; }
    public byte Channel { get; init; }
    public byte SensorNumber { get; init; }
    public byte EntityId { get; init; }
    public byte EntityInstance { get; init; }
    public bool LogicalEntity { get; init; }
    public SensorInitialization Initialization { get; init; }
    public SensorCapabilities Capabilities { get; init; }
    public SensorType SensorType { get; init; }
    public EventReadingType EventReadingType { get; init; }
    public ushort AssertionMask { get; init; }
    public ushort DeassertionMask { get; init; }
    public ushort ReadingMask { get; init; }
    public SensorUnits Units { get; init; } = new(AnalogDataFormat.None, SensorRateUnit.None, ModifierUnitRelation.None, false, SensorUnit.Unspecified, SensorUnit.Unspecified);
    public string IdString { get; init; } = "";
    public FruFieldEncoding IdStringEncoding { get; init; } = FruFieldEncoding.Text;
    public byte Oem { get; init; }

    public bool IsThreshold => EventReadingType == EventReadingType.Threshold;

    /// <summary>Threshold sensors: the thresholds Get Sensor Thresholds returns (byte 19).</summary>
    public ThresholdMask ReadableThresholds => (ThresholdMask)(ReadingMask & 0x3F);

    /// <summary>Threshold sensors: the thresholds Set Sensor Thresholds accepts (byte 20).</summary>
    public ThresholdMask SettableThresholds => (ThresholdMask)((ReadingMask >> 8) & 0x3F);

    public virtual string NameOf(byte sensorNumber) => IdString;

    public virtual bool Covers(byte sensorNumber) => sensorNumber == SensorNumber;

    protected void WriteCommon(IpmiWriter w)
    {
        w.Byte(OwnerId)
         .Byte((byte)((Channel << 4) | (OwnerLun & 0x03)))
         .Byte(SensorNumber)
         .Byte(EntityId)
         .Byte((byte)((LogicalEntity ? 0x80 : 0) | (EntityInstance & 0x7F)))
         .Byte((byte)Initialization)
         .Byte(Capabilities.ToByte())
         .Byte((byte)SensorType)
         .Byte((byte)EventReadingType)
         .UInt16(AssertionMask)
         .UInt16(DeassertionMask)
         .UInt16(ReadingMask);
        Span<byte> units = stackalloc byte[SensorUnits.Size];
        Units.Write(units);
        w.Bytes(units);
    }

    public override string ToString() => $"{base.ToString()} #{SensorNumber:X2}h \"{IdString}\" {SensorType.Text()}";
}
