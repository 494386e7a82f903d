using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Storage;

/// <summary>Operation support bits of Get SDR Repository Info byte 14.</summary>
[Flags]
public enum SdrRepositorySupport : byte
{
    None = 0,
    GetAllocationInfo = 0x01,
    Reserve = 0x02,
    PartialAdd = 0x04,
    Delete = 0x08,
    /// <summary>Bits 6:5 = 01b.</summary>
    NonModalUpdate = 0x20,
    /// <summary>Bits 6:5 = 10b.</summary>
    ModalUpdate = 0x40,
    Overflow = 0x80,
}

// IPMI v2.0 §33.9 Get SDR Repository Info (NetFn Storage 0Ah, cmd 20h)
//
// request: (none)
// response (after completion code):
//   0      SDR version (51h = IPMI v1.5/2.0, BCD, LS digit first)
//   1-2    record count (LSB first)
//   3-4    free space in bytes (LSB first; FFFFh = unspecified)
//   5-8    most recent addition timestamp
//   9-12   most recent erase timestamp
//   13     operation support: [7] overflow, [6:5] update modes (00b unspecified, 01b non-modal, 10b modal, 11b both),
//          [3] Delete SDR, [2] Partial Add SDR, [1] Reserve SDR Repository, [0] Get SDR Repository Allocation Info
public sealed class GetSdrRepositoryInfo : IIpmiCommand<SdrRepositoryInfoResponse>
{
    public static readonly GetSdrRepositoryInfo Instance = new();

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x20;
    public string Name => "Get SDR Repository Info";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public SdrRepositoryInfoResponse ReadResponse(ReadOnlySpan<byte> data) => SdrRepositoryInfoResponse.Read(data);

    public static GetSdrRepositoryInfo Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record SdrRepositoryInfoResponse(
    byte Version,
    ushort RecordCount,
    ushort FreeSpace,
    uint MostRecentAddition,
    uint MostRecentErase,
    SdrRepositorySupport Support)
{
    public static SdrRepositoryInfoResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SdrRepositoryInfoResponse(r.ReadByte(), r.ReadUInt16(), r.ReadUInt16(), r.ReadUInt32(), r.ReadUInt32(),
            (SdrRepositorySupport)r.ReadByte());
    }

    public void Write(IpmiWriter w) =>
        w.Byte(Version).UInt16(RecordCount).UInt16(FreeSpace).UInt32(MostRecentAddition).UInt32(MostRecentErase).Byte((byte)Support);
}

// IPMI v2.0 §33.11 Reserve SDR Repository (NetFn Storage 0Ah, cmd 22h)
//
// request: (none)
// response (after completion code):
//   0-1  reservation id (LSB first)
public sealed class ReserveSdrRepository : IIpmiCommand<ReservationResponse>
{
    public static readonly ReserveSdrRepository Instance = new();

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x22;
    public string Name => "Reserve SDR Repository";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public ReservationResponse ReadResponse(ReadOnlySpan<byte> data) => ReservationResponse.Read(data);

    public static ReserveSdrRepository Read(ReadOnlySpan<byte> data) => Instance;
}

// IPMI v2.0 §33.12 Get SDR (NetFn Storage 0Ah, cmd 23h)
//
// request:
//   0-1  reservation id (LSB first; may be 0000h when reading a whole record from offset 0)
//   2-3  record id (LSB first; 0000h = first record, FFFFh = last)
//   4    offset into the record
//   5    bytes to read (FFh = the entire record)
// response (after completion code):
//   0-1  next record id (LSB first; FFFFh after the last record)
//   2-N  record data
// completion codes: C5h reservation canceled, CAh cannot return the requested number of bytes
public sealed class GetSdr(ushort reservationId, ushort recordId, byte offset = 0, byte bytesToRead = GetSdr.EntireRecord) : IIpmiCommand<RecordChunkResponse>
{
    public const byte EntireRecord = 0xFF;
    /// <summary>Every SDR starts with a 5-byte header: record id (2), SDR version, record type, length of the rest.</summary>
    public const int HeaderLength = 5;

    public ushort ReservationId { get; } = reservationId;
    public ushort RecordId { get; } = recordId;
    public byte Offset { get; } = offset;
    public byte BytesToRead { get; } = bytesToRead;

    public NetFn NetFn => NetFn.Storage;
    public byte Command => 0x23;
    public string Name => "Get SDR";

    public void WriteRequest(IpmiWriter writer) => writer.UInt16(ReservationId).UInt16(RecordId).Byte(Offset).Byte(BytesToRead);

    public RecordChunkResponse ReadResponse(ReadOnlySpan<byte> data) => RecordChunkResponse.Read(data);

    public static GetSdr Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetSdr(r.ReadUInt16(), r.ReadUInt16(), r.ReadByte(), r.ReadByte());
    }
}
