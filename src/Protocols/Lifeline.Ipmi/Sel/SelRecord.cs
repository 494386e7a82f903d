using System.Buffers.Binary;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Sel;

/// <summary>
/// One 16-byte System Event Log entry (IPMI v2.0 §31, §32). <see cref="Parse"/> dispatches on the record type:
/// 02h system event records are decoded (other types below C0h use the same layout, as ipmitool reads them);
/// C0h-DFh OEM timestamped and E0h-FFh OEM non-timestamped records keep their OEM bytes.
/// </summary>
public abstract class SelRecord
{
    /// <summary>Every SEL entry is 16 bytes.</summary>
    public const int Size = 16;

    /// <summary>Timestamps below this are seconds since BMC initialization, not since 1970 (§37.1).</summary>
    public const uint PreInitLimit = 0x20000000;

    protected SelRecord(ushort recordId, byte recordType)
    {
        RecordId = recordId;
        RecordType = recordType;
    }

    public ushort RecordId { get; init; }

    /// <summary>02h system event, C0h-DFh OEM timestamped, E0h-FFh OEM non-timestamped.</summary>
    public byte RecordType { get; }

    /// <summary>Parses one entry from the first 16 bytes; fewer than 16 bytes throw <see cref="IpmiException"/>.</summary>
    public static SelRecord Parse(ReadOnlySpan<byte> entry)
    {
        if (entry.Length < Size)
        {
            throw IpmiException.Malformed($"SEL entry needs {Size} bytes, got {entry.Length}");
        }
        entry = entry[..Size];
        ushort id = BinaryPrimitives.ReadUInt16LittleEndian(entry);
        byte type = entry[2];
        return type switch
        {
            >= 0xE0 => new OemNonTimestampedSelRecord(id, type, entry[3..]),
            >= 0xC0 => new OemTimestampedSelRecord(id, type, entry[3..]),
            _ => new SystemEventRecord(id, type, entry[3..]),
        };
    }

    /// <summary>Parses entries laid end to end (`ipmitool sel writeraw`, a Get SEL Entry loop).</summary>
    public static IReadOnlyList<SelRecord> ParseAll(ReadOnlySpan<byte> entries)
    {
        if (entries.Length % Size != 0)
        {
            throw IpmiException.Malformed($"SEL data of {entries.Length} bytes is not a whole number of {Size}-byte entries");
        }
        var list = new List<SelRecord>(entries.Length / Size);
        for (int i = 0; i < entries.Length; i += Size)
        {
            list.Add(Parse(entries.Slice(i, Size)));
        }
        return list;
    }

    /// <summary>The 16 bytes on the wire.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, RecordId);
        bytes[2] = RecordType;
        WriteBody(bytes.AsSpan(3));
        return bytes;
    }

    /// <summary>Writes bytes 3-15 (13 bytes).</summary>
    protected abstract void WriteBody(Span<byte> body);

    /// <summary>The time a SEL timestamp stands for; null for pre-init (relative) and unspecified (FFFFFFFFh) stamps.</summary>
    public static DateTimeOffset? TimeOf(uint timestamp) =>
        timestamp < PreInitLimit || timestamp == uint.MaxValue ? null : DateTimeOffset.FromUnixTimeSeconds(timestamp);
}

/// <summary>How event data 2 and 3 are used (IPMI v2.0 §29.7, Table 29-6, event data 1 [7:6] and [5:4]).</summary>
public enum EventDataUsage
{
    Unspecified,
    /// <summary>Threshold events, byte 2: the reading that triggered the event.</summary>
    TriggerReading,
    /// <summary>Threshold events, byte 3: the threshold that was crossed.</summary>
    TriggerThreshold,
    /// <summary>Discrete events, byte 2: [7:4] severity offset (Table 42-2 type 07h), [3:0] previous state offset (Fh: none).</summary>
    PreviousStateAndSeverity,
    Oem,
    /// <summary>A sensor-specific extension code (Table 42-3 says what it means).</summary>
    SensorSpecific,
    Reserved,
}

// IPMI v2.0 §32.1 SEL Event Records, Table 32-1 (record type 02h)
//   0-1  record ID (LS byte first)
//   2    record type (02h = system event record)
//   3-6  timestamp (seconds since 1970-01-01 00:00 UTC; < 20000000h: since BMC init; FFFFFFFFh: unspecified)
//   7-8  generator ID: byte 7 [7:1] slave address or software ID, [0] 1 = software ID;
//        byte 8 [7:4] channel number, [3:2] reserved, [1:0] IPMB device LUN
//   9    EvM revision (04h = IPMI 2.0 / 1.5)
//   10   sensor type (Table 42-3)
//   11   sensor number
//   12   [7] event dir (0 = assertion, 1 = deassertion), [6:0] event/reading type code (Table 42-1)
//   13   event data 1 (§29.7 Table 29-6):
//          threshold: [7:6] byte 2 use (00 unspecified, 01 trigger reading, 10 OEM, 11 sensor-specific)
//                     [5:4] byte 3 use (00 unspecified, 01 trigger threshold, 10 OEM, 11 sensor-specific)
//          discrete:  [7:6] byte 2 use (00 unspecified, 01 previous state and/or severity, 10 OEM, 11 sensor-specific)
//                     [5:4] byte 3 use (00 unspecified, 01 reserved, 10 OEM, 11 sensor-specific)
//          OEM 70h-7Fh: [7:6] (00, 01 previous state/severity, 10 OEM, 11 reserved), [5:4] (00, 01 reserved, 10 OEM, 11 reserved)
//          [3:0] offset from the event/reading type code
//   14   event data 2
//   15   event data 3

/// <summary>A system event record (type 02h): a sensor event as the BMC logged it.</summary>
public sealed class SystemEventRecord : SelRecord
{
    public SystemEventRecord()
        : base(0, 0x02)
    {
    }

    internal SystemEventRecord(ushort recordId, byte recordType, ReadOnlySpan<byte> body)
        : base(recordId, recordType)
    {
        Timestamp = BinaryPrimitives.ReadUInt32LittleEndian(body);
        GeneratorId = BinaryPrimitives.ReadUInt16LittleEndian(body[4..]);
        EvmRevision = body[6];
        SensorType = (SensorType)body[7];
        SensorNumber = body[8];
        IsDeassertion = (body[9] & 0x80) != 0;
        EventReadingType = (EventReadingType)(body[9] & 0x7F);
        EventData1 = body[10];
        EventData2 = body[11];
        EventData3 = body[12];
    }

    public uint Timestamp { get; init; }
    public ushort GeneratorId { get; init; } = 0x0020;
    public byte EvmRevision { get; init; } = 0x04;
    public SensorType SensorType { get; init; }
    public byte SensorNumber { get; init; }
    public bool IsDeassertion { get; init; }
    public EventReadingType EventReadingType { get; init; }
    public byte EventData1 { get; init; }
    public byte EventData2 { get; init; } = 0xFF;
    public byte EventData3 { get; init; } = 0xFF;

    public DateTimeOffset? Time => TimeOf(Timestamp);
    public bool IsPreInit => Timestamp < PreInitLimit;

    /// <summary>Event data 1 [3:0]: the state offset within the event/reading type.</summary>
    public int Offset => EventData1 & 0x0F;

    /// <summary>Generator ID byte 1 [0]: the event came from system software, not an IPMB controller.</summary>
    public bool FromSoftware => (GeneratorId & 0x01) != 0;

    public EventDataUsage Data2Usage => ((EventData1 >> 6) & 0x03, EventReadingType.Class()) switch
    {
        (0, _) => EventDataUsage.Unspecified,
        (1, EventReadingClass.Threshold) => EventDataUsage.TriggerReading,
        (1, _) => EventDataUsage.PreviousStateAndSeverity,
        (2, _) => EventDataUsage.Oem,
        (_, EventReadingClass.Oem) => EventDataUsage.Reserved,
        _ => EventDataUsage.SensorSpecific,
    };

    public EventDataUsage Data3Usage => ((EventData1 >> 4) & 0x03, EventReadingType.Class()) switch
    {
        (0, _) => EventDataUsage.Unspecified,
        (1, EventReadingClass.Threshold) => EventDataUsage.TriggerThreshold,
        (1, _) => EventDataUsage.Reserved,
        (2, _) => EventDataUsage.Oem,
        (_, EventReadingClass.Oem) => EventDataUsage.Reserved,
        _ => EventDataUsage.SensorSpecific,
    };

    /// <summary>The raw reading that triggered a threshold event, when event data 2 carries it.</summary>
    public byte? TriggerReading => Data2Usage == EventDataUsage.TriggerReading ? EventData2 : null;

    /// <summary>The raw threshold that was crossed, when event data 3 carries it.</summary>
    public byte? TriggerThreshold => Data3Usage == EventDataUsage.TriggerThreshold ? EventData3 : null;

    protected override void WriteBody(Span<byte> body)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(body, Timestamp);
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], GeneratorId);
        body[6] = EvmRevision;
        body[7] = (byte)SensorType;
        body[8] = SensorNumber;
        body[9] = (byte)((IsDeassertion ? 0x80 : 0) | ((byte)EventReadingType & 0x7F));
        body[10] = EventData1;
        body[11] = EventData2;
        body[12] = EventData3;
    }

    public override string ToString() =>
        $"SEL {RecordId:X4}h {SensorType.Text()} #{SensorNumber:X2}h type {(byte)EventReadingType:X2}h offset {Offset:X}h {(IsDeassertion ? "deasserted" : "asserted")}";
}

// IPMI v2.0 §32.2 OEM SEL Record, Table 32-2 (types C0h-DFh)
//   0-1  record ID, 2 record type
//   3-6  timestamp
//   7-9  manufacturer ID (IANA, LS byte first)
//   10-15 OEM defined (6 bytes)

/// <summary>An OEM timestamped record (C0h-DFh).</summary>
public sealed class OemTimestampedSelRecord : SelRecord
{
    public OemTimestampedSelRecord(byte recordType = 0xC0)
        : base(0, recordType is >= 0xC0 and <= 0xDF ? recordType
            : throw new IpmiException(IpmiError.InvalidRequest, $"OEM timestamped SEL types are C0h-DFh, not {recordType:X2}h"))
    {
    }

    internal OemTimestampedSelRecord(ushort recordId, byte recordType, ReadOnlySpan<byte> body)
        : base(recordId, recordType)
    {
        Timestamp = BinaryPrimitives.ReadUInt32LittleEndian(body);
        ManufacturerId = (uint)(body[4] | (body[5] << 8) | (body[6] << 16));
        OemData = body.Slice(7, 6).ToArray();
    }

    public uint Timestamp { get; init; }
    public uint ManufacturerId { get; init; }

    /// <summary>Six OEM-defined bytes.</summary>
    public byte[] OemData { get; init; } = new byte[6];

    public DateTimeOffset? Time => TimeOf(Timestamp);

    protected override void WriteBody(Span<byte> body)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(body, Timestamp);
        body[4] = (byte)ManufacturerId;
        body[5] = (byte)(ManufacturerId >> 8);
        body[6] = (byte)(ManufacturerId >> 16);
        CopyFixed(OemData, body.Slice(7, 6));
    }

    internal static void CopyFixed(byte[] source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"OEM SEL data must be {destination.Length} bytes, not {source.Length}");
        }
        source.CopyTo(destination);
    }
}

// IPMI v2.0 §32.3 OEM SEL Record, Table 32-3 (types E0h-FFh)
//   0-1  record ID, 2 record type
//   3-15 OEM defined (13 bytes)

/// <summary>An OEM non-timestamped record (E0h-FFh).</summary>
public sealed class OemNonTimestampedSelRecord : SelRecord
{
    public OemNonTimestampedSelRecord(byte recordType = 0xE0)
        : base(0, recordType >= 0xE0 ? recordType
            : throw new IpmiException(IpmiError.InvalidRequest, $"OEM non-timestamped SEL types are E0h-FFh, not {recordType:X2}h"))
    {
    }

    internal OemNonTimestampedSelRecord(ushort recordId, byte recordType, ReadOnlySpan<byte> body)
        : base(recordId, recordType)
    {
        OemData = body.ToArray();
    }

    /// <summary>Thirteen OEM-defined bytes.</summary>
    public byte[] OemData { get; init; } = new byte[13];

    protected override void WriteBody(Span<byte> body) => OemTimestampedSelRecord.CopyFixed(OemData, body);
}
