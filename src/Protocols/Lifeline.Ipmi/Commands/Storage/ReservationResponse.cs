using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Storage;

/// <summary>The answer of Reserve SDR Repository, Reserve SEL and Reserve Device SDR Repository: a 2-byte reservation id (LSB first).</summary>
public sealed record ReservationResponse(ushort ReservationId)
{
    public static ReservationResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new ReservationResponse(r.ReadUInt16());
    }

    public void Write(IpmiWriter w) => w.UInt16(ReservationId);
}

/// <summary>
/// The answer of Get SDR, Get Device SDR and Get SEL Entry: the id of the next record (FFFFh after the last) and the
/// requested bytes of this record.
/// </summary>
public sealed record RecordChunkResponse(ushort NextRecordId, byte[] Data)
{
    public const ushort LastRecordId = 0xFFFF;

    public static RecordChunkResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new RecordChunkResponse(r.ReadUInt16(), r.ReadRest().ToArray());
    }

    public void Write(IpmiWriter w) => w.UInt16(NextRecordId).Bytes(Data);
}
