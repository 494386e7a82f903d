namespace Lifeline.Ipmi.Messages;

// IPMI v2.0 §13.8 IPMI LAN message format (the IPMI payload inside an RMCP/RMCP+ session packet)
// request:   rsAddr | netFn(6)/rsLUN(2) | chk1 | rqAddr | rqSeq(6)/rqLUN(2) | cmd | data… | chk2
// response:  rqAddr | netFn(6)/rqLUN(2) | chk1 | rsAddr | rqSeq(6)/rsLUN(2) | cmd | completion code | data… | chk2
// chk1 covers the two bytes before it; chk2 covers everything from the byte after chk1. Checksums are 2's complement
// so that the covered bytes plus the checksum sum to zero (mod 256).

/// <summary>One framed IPMI message as carried over LAN, request or response.</summary>
public readonly record struct IpmiLanMessage(
    byte TargetAddress,
    byte NetFnCode,
    byte TargetLun,
    byte SourceAddress,
    byte Sequence,
    byte SourceLun,
    byte Command,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>BMC slave address (§5.3).</summary>
    public const byte BmcAddress = 0x20;
    /// <summary>Remote console software id 40h in the requester address byte (81h, §5.5).</summary>
    public const byte RemoteConsoleAddress = 0x81;
    public const int Overhead = 7;

    public bool IsResponse => (NetFnCode & 1) != 0;

    public int Size => Overhead + Body.Length;

    /// <summary>A request from the remote console to the BMC.</summary>
    public static IpmiLanMessage Request(IpmiRequest request, byte sequence) =>
        new(BmcAddress, (byte)request.NetFn, request.Lun, RemoteConsoleAddress, (byte)(sequence & 0x3F), 0, request.Command, request.Data);

    /// <summary>The response to <paramref name="request"/>: body = completion code + data.</summary>
    public static IpmiLanMessage ResponseTo(IpmiLanMessage request, ReadOnlyMemory<byte> body) =>
        new(request.SourceAddress, (byte)(request.NetFnCode | 1), request.SourceLun, request.TargetAddress, request.Sequence, request.TargetLun, request.Command, body);

    public int Write(Span<byte> destination)
    {
        destination[0] = TargetAddress;
        destination[1] = (byte)((NetFnCode << 2) | (TargetLun & 3));
        destination[2] = Checksum(destination[..2]);
        destination[3] = SourceAddress;
        destination[4] = (byte)((Sequence << 2) | (SourceLun & 3));
        destination[5] = Command;
        Body.Span.CopyTo(destination[6..]);
        int end = 6 + Body.Length;
        destination[end] = Checksum(destination[3..end]);
        return end + 1;
    }

    public byte[] ToArray()
    {
        var buffer = new byte[Size];
        Write(buffer);
        return buffer;
    }

    /// <summary>Parses a framed message; false (with a reason) on short input or bad checksums.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out IpmiLanMessage message, out string? error)
    {
        message = default;
        if (data.Length < Overhead)
        {
            error = $"IPMI message too short ({data.Length} bytes, need {Overhead})";
            return false;
        }
        if (Checksum(data[..2]) != data[2])
        {
            error = "IPMI header checksum mismatch";
            return false;
        }
        if (Checksum(data[3..^1]) != data[^1])
        {
            error = "IPMI data checksum mismatch";
            return false;
        }
        message = new IpmiLanMessage(data[0], (byte)(data[1] >> 2), (byte)(data[1] & 3), data[3], (byte)(data[4] >> 2), (byte)(data[4] & 3), data[5],
            data[6..^1].ToArray());
        error = null;
        return true;
    }

    /// <summary>Two's complement checksum (§13.8).</summary>
    public static byte Checksum(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }
        return (byte)-sum;
    }
}
