namespace Lifeline.Simulator.Model;

// IPMI v2.0 §32.1 SEL system event record (16 bytes on the wire):
//   0-1   record id              2  record type (02h = system event)   3-6  timestamp (seconds since 1970, LSB first)
//   7-8   generator id           9  EvM revision (04h)                 10   sensor type   11  sensor number
//   12    [7] event dir (0 assertion, 1 deassertion), [6:0] event/reading type
//   13-15 event data 1-3

/// <summary>Event direction, §32.1 byte 13 bit 7.</summary>
public enum EventDirection : byte
{
    Assertion = 0,
    Deassertion = 1,
}

/// <summary>
/// Generator ids (§32.1 bytes 8-9, §5.5): low byte = [7:1] slave address or software id, [0] 1 = software id;
/// high byte = [7:4] channel, [1:0] LUN.
/// </summary>
public static class SelGenerator
{
    /// <summary>The BMC itself (IPMB slave address 20h).</summary>
    public const ushort Bmc = 0x0020;

    /// <summary>BIOS/POST (system software id 00h).</summary>
    public const ushort Bios = 0x0001;

    /// <summary>SMI handler (software id 10h): memory error handling.</summary>
    public const ushort SmiHandler = 0x0021;

    /// <summary>System management software / OS (software id 20h).</summary>
    public const ushort Os = 0x0041;
}

/// <summary>One SEL record with exactly the fields of a §32.1 system event record.</summary>
public readonly record struct SelEntry(
    ushort RecordId,
    byte RecordType,
    /// <summary>SEL clock seconds since 1970-01-01 UTC (the model's time plus the Set SEL Time offset).</summary>
    uint Timestamp,
    ushort GeneratorId,
    byte EvmRevision,
    SensorType SensorType,
    byte SensorNumber,
    EventDirection Direction,
    /// <summary>7-bit event/reading type (01h threshold, 6Fh sensor-specific, …).</summary>
    byte EventType,
    byte EventData1,
    byte EventData2,
    byte EventData3)
{
    public const byte SystemEventRecord = 0x02;
    public const byte EvmRevisionIpmi2 = 0x04;

    /// <summary>The event offset: event data 1 [3:0].</summary>
    public byte Offset => (byte)(EventData1 & 0x0F);

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);
}

/// <summary>What the SEL does when it is full (IPMI lets either happen; the overflow flag is set in both).</summary>
public enum SelFullBehavior
{
    /// <summary>New events are dropped.</summary>
    StopLogging,

    /// <summary>The oldest entry is overwritten.</summary>
    Overwrite,
}

/// <summary>The fields of IPMI v2.0 §31.2 Get SEL Info.</summary>
public readonly record struct SelInfo(
    int Entries,
    int Capacity,
    /// <summary>Free space in bytes (16 per entry).</summary>
    int FreeBytes,
    /// <summary>Most recent addition timestamp; 0xFFFFFFFF before any.</summary>
    uint LastAddTimestamp,
    /// <summary>Most recent erase timestamp; 0xFFFFFFFF before any.</summary>
    uint LastEraseTimestamp,
    bool Overflow,
    bool EraseInProgress)
{
    public const byte Version = 0x51;
    public const int EntrySize = 16;
    public const uint Unspecified = 0xFFFFFFFF;
}

/// <summary>Result of reading one SEL record by id, with the id of the next one (0xFFFF after the last).</summary>
public readonly record struct SelRecordRead(SelEntry Entry, ushort NextRecordId);
