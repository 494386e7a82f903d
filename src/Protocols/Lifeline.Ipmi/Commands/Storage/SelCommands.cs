using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Storage;

/// <summary>Operation support bits of Get SEL Info byte 14.</summary>
[Flags]
public enum SelSupport : byte
{
    None = 0,
    GetAllocationInfo = 0x01,
    Reserve = 0x02,
    PartialAdd = 0x04,
    Delete = 0x08,
    /// <summary>Events were dropped because the SEL was full.</summary>
    Overflow = 0x80,
}

// IPMI v2.0 §31.2 Get SEL Info (NetFn Storage 0Ah, cmd 40h)
//
// request: (none)
// response (after completion code):
//   0      SEL version (51h)
//   1-2    number of entries (LSB first)
//   3-4    free space in bytes (LSB first)
//   5-8    most recent addition timestamp
//   9-12   most recent erase timestamp
//   13     operation support: [7] overflow, [3] Delete SEL, [2] Partial Add SEL Entry, [1] Reserve SEL,
//          [0] Get SEL Allocation Info
public sealed class GetSelInfo : IIpmiCommand<SelInfoResponse>
{
    public static readonly GetSelInfo Instance = new();

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x40;
    public string Name => "Get SEL Info";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public SelInfoResponse ReadResponse(ReadOnlySpan<byte> data) => SelInfoResponse.Read(data);

    public static GetSelInfo Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record SelInfoResponse(
    byte Version,
    ushort Entries,
    ushort FreeSpace,
    uint MostRecentAddition,
    uint MostRecentErase,
    SelSupport Support)
{
    public static SelInfoResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SelInfoResponse(r.ReadByte(), r.ReadUInt16(), r.ReadUInt16(), r.ReadUInt32(), r.ReadUInt32(), (SelSupport)r.ReadByte());
    }

    public void Write(IpmiWriter w) =>
        w.Byte(Version).UInt16(Entries).UInt16(FreeSpace).UInt32(MostRecentAddition).UInt32(MostRecentErase).Byte((byte)Support);
}

// IPMI v2.0 §31.4 Reserve SEL (NetFn Storage 0Ah, cmd 42h)
//
// request: (none)
// response (after completion code):
//   0-1  reservation id (LSB first)
public sealed class ReserveSel : IIpmiCommand<ReservationResponse>
{
    public static readonly ReserveSel Instance = new();

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x42;
    public string Name => "Reserve SEL";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public ReservationResponse ReadResponse(ReadOnlySpan<byte> data) => ReservationResponse.Read(data);

    public static ReserveSel Read(ReadOnlySpan<byte> data) => Instance;
}

// IPMI v2.0 §31.5 Get SEL Entry (NetFn Storage 0Ah, cmd 43h)
//
// request:
//   0-1  reservation id (LSB first; only needed for partial reads, 0000h otherwise)
//   2-3  SEL record id (LSB first; 0000h = first entry, FFFFh = last entry)
//   4    offset into the record
//   5    bytes to read (FFh = the entire record)
// response (after completion code):
//   0-1  next SEL record id (LSB first; FFFFh after the last)
//   2-N  record data (16 bytes for an entire record)
// completion codes: 81h cannot execute while erase in progress, CBh requested record not present
public sealed class GetSelEntry(ushort recordId, ushort reservationId = 0, byte offset = 0, byte bytesToRead = GetSelEntry.EntireRecord) : IIpmiCommand<RecordChunkResponse>
{
    public const byte EntireRecord = 0xFF;
    public const int RecordLength = 16;
    public const ushort FirstEntry = 0x0000;
    public const ushort LastEntry = 0xFFFF;
    public const byte EraseInProgress = 0x81;

    public ushort ReservationId { get; } = reservationId;
    public ushort RecordId { get; } = recordId;
    public byte Offset { get; } = offset;
    public byte BytesToRead { get; } = bytesToRead;

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x43;
    public string Name => "Get SEL Entry";

    public void WriteRequest(IpmiWriter writer) => writer.UInt16(ReservationId).UInt16(RecordId).Byte(Offset).Byte(BytesToRead);

    public RecordChunkResponse ReadResponse(ReadOnlySpan<byte> data) => RecordChunkResponse.Read(data);

    public static GetSelEntry Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        ushort reservation = r.ReadUInt16();
        ushort record = r.ReadUInt16();
        return new GetSelEntry(record, reservation, r.ReadByte(), r.ReadByte());
    }
}

public enum ClearSelAction : byte
{
    GetErasureStatus = 0x00,
    InitiateErase = 0xAA,
}

public enum SelErasureProgress : byte
{
    InProgress = 0x00,
    Completed = 0x01,
}

// IPMI v2.0 §31.9 Clear SEL (NetFn Storage 0Ah, cmd 47h)
//
// request:
//   0-1  reservation id (LSB first)
//   2-4  'C' (43h), 'L' (4Ch), 'R' (52h)
//   5    00h = get erasure status, AAh = initiate erase
// response (after completion code):
//   0  [3:0] erasure progress: 0h erasure in progress, 1h erase completed
public sealed class ClearSel(ushort reservationId, ClearSelAction action) : IIpmiCommand<ClearSelResponse>
{
    private static ReadOnlySpan<byte> Signature => "CLR"u8;

    public ushort ReservationId { get; } = reservationId;
    public ClearSelAction Action { get; } = action;

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x47;
    public string Name => "Clear SEL";

    public void WriteRequest(IpmiWriter writer) => writer.UInt16(ReservationId).Bytes(Signature).Byte((byte)Action);

    public ClearSelResponse ReadResponse(ReadOnlySpan<byte> data) => ClearSelResponse.Read(data);

    /// <summary>Server side. A request without the 'CLR' signature throws <see cref="IpmiError.InvalidRequest"/> (answer CCh).</summary>
    public static ClearSel Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        ushort reservation = r.ReadUInt16();
        if (!r.ReadBytes(3).SequenceEqual(Signature))
        {
            throw new IpmiException(IpmiError.InvalidRequest, "Clear SEL request lacks the 'CLR' signature");
        }
        byte action = r.ReadByte();
        if (action is not ((byte)ClearSelAction.GetErasureStatus or (byte)ClearSelAction.InitiateErase))
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"Clear SEL action {action:X2}h is neither 00h nor AAh");
        }
        return new ClearSel(reservation, (ClearSelAction)action);
    }
}

public sealed record ClearSelResponse(SelErasureProgress Progress)
{
    public bool Completed => Progress == SelErasureProgress.Completed;

    public static ClearSelResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new ClearSelResponse((SelErasureProgress)(r.ReadByte() & 0x0F));
    }

    public void Write(IpmiWriter w) => w.Byte((byte)Progress);
}

// IPMI v2.0 §31.10 Get SEL Time (NetFn Storage 0Ah, cmd 48h)
//
// request: (none)
// response (after completion code):
//   0-3  present SEL time (IPMI timestamp, LSB first)
public sealed class GetSelTime : IIpmiCommand<SelTimeResponse>
{
    public static readonly GetSelTime Instance = new();

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x48;
    public string Name => "Get SEL Time";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public SelTimeResponse ReadResponse(ReadOnlySpan<byte> data) => SelTimeResponse.Read(data);

    public static GetSelTime Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record SelTimeResponse(uint Timestamp)
{
    /// <summary>Null when the SEL clock has not been set (relative to BMC initialisation) or is unspecified.</summary>
    public DateTimeOffset? Time => IpmiTimestamp.ToDateTimeOffset(Timestamp);

    public static SelTimeResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SelTimeResponse(r.ReadUInt32());
    }

    public void Write(IpmiWriter w) => w.UInt32(Timestamp);
}

// IPMI v2.0 §31.11 Set SEL Time (NetFn Storage 0Ah, cmd 49h)
//
// request:
//   0-3  time (IPMI timestamp, LSB first)
// response: completion code only
public sealed class SetSelTime(uint timestamp) : IIpmiCommand<EmptyResponse>
{
    public uint Timestamp { get; } = timestamp;

    public static SetSelTime At(DateTimeOffset time) => new(IpmiTimestamp.FromDateTimeOffset(time));

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x49;
    public string Name => "Set SEL Time";

    public void WriteRequest(IpmiWriter writer) => writer.UInt32(Timestamp);

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static SetSelTime Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SetSelTime(r.ReadUInt32());
    }
}
