using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sessions;

// IPMI v2.0 §13.17 RMCP+ Open Session Request
//   0     message tag
//   1     [3:0] requested maximum privilege level (0 = highest matching the proposed algorithms)
//   2-3   reserved
//   4-7   remote console session id
//   8-15  authentication payload: type 00h, reserved(2), length 08h, [5:0] algorithm, reserved(3)
//   16-23 integrity payload:      type 01h, …
//   24-31 confidentiality payload: type 02h, …
public sealed record OpenSessionRequest(byte Tag, PrivilegeLevel RequestedPrivilege, uint ConsoleSessionId,
    AuthenticationAlgorithm Authentication, IntegrityAlgorithm Integrity, ConfidentialityAlgorithm Confidentiality)
{
    public const int Size = 32;

    public byte[] ToArray()
    {
        var w = new IpmiWriter(Size);
        w.Byte(Tag).Byte((byte)RequestedPrivilege).UInt16(0).UInt32(ConsoleSessionId);
        AlgorithmPayload.Write(w, 0, (byte)Authentication);
        AlgorithmPayload.Write(w, 1, (byte)Integrity);
        AlgorithmPayload.Write(w, 2, (byte)Confidentiality);
        return w.ToArray();
    }

    public static OpenSessionRequest Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte tag = r.ReadByte();
        var priv = (PrivilegeLevel)(r.ReadByte() & 0x0F);
        r.Skip(2);
        uint sid = r.ReadUInt32();
        var a = (AuthenticationAlgorithm)AlgorithmPayload.Read(ref r, 0);
        var i = (IntegrityAlgorithm)AlgorithmPayload.Read(ref r, 1);
        var c = (ConfidentialityAlgorithm)AlgorithmPayload.Read(ref r, 2);
        return new OpenSessionRequest(tag, priv, sid, a, i, c);
    }
}

// IPMI v2.0 §13.18 RMCP+ Open Session Response
//   0     message tag
//   1     status code (Table 13-15)
//   2     [3:0] maximum privilege level
//   3     reserved
//   4-7   remote console session id
//   8-11  managed system session id        (bytes 8+ absent when status ≠ 0)
//   12-19 authentication payload, 20-27 integrity payload, 28-35 confidentiality payload
public sealed record OpenSessionResponse(byte Tag, RakpStatus Status, PrivilegeLevel MaxPrivilege, uint ConsoleSessionId, uint BmcSessionId,
    AuthenticationAlgorithm Authentication, IntegrityAlgorithm Integrity, ConfidentialityAlgorithm Confidentiality)
{
    public byte[] ToArray()
    {
        var w = new IpmiWriter(36);
        w.Byte(Tag).Byte((byte)Status).Byte((byte)MaxPrivilege).Byte(0).UInt32(ConsoleSessionId);
        if (Status == RakpStatus.NoErrors)
        {
            w.UInt32(BmcSessionId);
            AlgorithmPayload.Write(w, 0, (byte)Authentication);
            AlgorithmPayload.Write(w, 1, (byte)Integrity);
            AlgorithmPayload.Write(w, 2, (byte)Confidentiality);
        }
        return w.ToArray();
    }

    public static OpenSessionResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte tag = r.ReadByte();
        var status = (RakpStatus)r.ReadByte();
        if (status != RakpStatus.NoErrors)
        {
            // Error responses may stop after the status (or the console session id).
            var p = r.ReadOptionalByte() ?? 0;
            r.ReadOptionalByte();
            uint csid = r.Remaining >= 4 ? r.ReadUInt32() : 0;
            return new OpenSessionResponse(tag, status, (PrivilegeLevel)(p & 0x0F), csid, 0, 0, 0, 0);
        }
        var priv = (PrivilegeLevel)(r.ReadByte() & 0x0F);
        r.Skip(1);
        uint console = r.ReadUInt32();
        uint bmc = r.ReadUInt32();
        var a = (AuthenticationAlgorithm)AlgorithmPayload.Read(ref r, 0);
        var i = (IntegrityAlgorithm)AlgorithmPayload.Read(ref r, 1);
        var c = (ConfidentialityAlgorithm)AlgorithmPayload.Read(ref r, 2);
        return new OpenSessionResponse(tag, status, priv, console, bmc, a, i, c);
    }
}

internal static class AlgorithmPayload
{
    public static void Write(IpmiWriter w, byte type, byte algorithm) =>
        w.Byte(type).UInt16(0).Byte(0x08).Byte((byte)(algorithm & 0x3F)).Byte(0).UInt16(0);

    public static byte Read(ref IpmiReader r, byte expectedType)
    {
        byte type = r.ReadByte();
        r.Skip(2);
        byte len = r.ReadByte();
        if (type != expectedType)
        {
            throw IpmiException.Malformed($"algorithm payload type {type:X2}h where {expectedType:X2}h was expected");
        }
        if (len == 0)
        {
            // §13.17: a zero-length payload means "any"; only legal in requests. Report as algorithm 0 with 4 bytes consumed.
            r.Skip(Math.Min(4, r.Remaining));
            return 0;
        }
        byte alg = (byte)(r.ReadByte() & 0x3F);
        r.Skip(3);
        return alg;
    }
}
