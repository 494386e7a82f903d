using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sessions;

// IPMI v2.0 §13.20 RAKP Message 1
//   0     message tag
//   1-3   reserved
//   4-7   managed system session id
//   8-23  remote console random number (16)
//   24    requested maximum privilege: [4] 1 = name-only lookup, [3:0] privilege level
//   25-26 reserved
//   27    user name length (0-16)
//   28-   user name (ASCII)
public sealed record Rakp1(byte Tag, uint BmcSessionId, byte[] ConsoleRandom, byte Role, byte[] UserName)
{
    public PrivilegeLevel RequestedPrivilege => (PrivilegeLevel)(Role & 0x0F);
    public bool NameOnlyLookup => (Role & 0x10) != 0;

    public byte[] ToArray() => new IpmiWriter(44).Byte(Tag).UInt24(0).UInt32(BmcSessionId).Bytes(ConsoleRandom).Byte(Role).UInt16(0)
        .Byte((byte)UserName.Length).Bytes(UserName).ToArray();

    public static Rakp1 Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte tag = r.ReadByte();
        r.Skip(3);
        uint sid = r.ReadUInt32();
        var rand = r.ReadBytes(16).ToArray();
        byte role = r.ReadByte();
        r.Skip(2);
        int len = r.ReadByte();
        if (len > 16)
        {
            throw IpmiException.Malformed($"RAKP 1 user name length {len} > 16");
        }
        return new Rakp1(tag, sid, rand, role, r.ReadBytes(len).ToArray());
    }
}

// IPMI v2.0 §13.21 RAKP Message 2
//   0     message tag
//   1     status code
//   2-3   reserved
//   4-7   remote console session id
//   8-23  managed system random number (16)
//   24-39 managed system GUID (16)
//   40-   key exchange authentication code (HMAC; 0 bytes for RAKP-none)
public sealed record Rakp2(byte Tag, RakpStatus Status, uint ConsoleSessionId, byte[] BmcRandom, byte[] BmcGuid, byte[] AuthCode)
{
    public byte[] ToArray()
    {
        var w = new IpmiWriter(72).Byte(Tag).Byte((byte)Status).UInt16(0).UInt32(ConsoleSessionId);
        if (Status == RakpStatus.NoErrors)
        {
            w.Bytes(BmcRandom).Bytes(BmcGuid).Bytes(AuthCode);
        }
        return w.ToArray();
    }

    public static Rakp2 Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte tag = r.ReadByte();
        var status = (RakpStatus)r.ReadByte();
        if (status != RakpStatus.NoErrors)
        {
            return new Rakp2(tag, status, 0, [], [], []);
        }
        r.Skip(2);
        uint sid = r.ReadUInt32();
        return new Rakp2(tag, status, sid, r.ReadBytes(16).ToArray(), r.ReadBytes(16).ToArray(), r.ReadRest().ToArray());
    }
}

// IPMI v2.0 §13.22 RAKP Message 3
//   0     message tag
//   1     status code
//   2-3   reserved
//   4-7   managed system session id
//   8-    key exchange authentication code
public sealed record Rakp3(byte Tag, RakpStatus Status, uint BmcSessionId, byte[] AuthCode)
{
    public byte[] ToArray() => new IpmiWriter(40).Byte(Tag).Byte((byte)Status).UInt16(0).UInt32(BmcSessionId).Bytes(AuthCode).ToArray();

    public static Rakp3 Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte tag = r.ReadByte();
        var status = (RakpStatus)r.ReadByte();
        r.Skip(2);
        return new Rakp3(tag, status, r.ReadUInt32(), r.ReadRest().ToArray());
    }
}

// IPMI v2.0 §13.23 RAKP Message 4
//   0     message tag
//   1     status code
//   2-3   reserved
//   4-7   remote console session id
//   8-    integrity check value (truncated HMAC_SIK)
public sealed record Rakp4(byte Tag, RakpStatus Status, uint ConsoleSessionId, byte[] IntegrityCheckValue)
{
    public byte[] ToArray() => new IpmiWriter(28).Byte(Tag).Byte((byte)Status).UInt16(0).UInt32(ConsoleSessionId).Bytes(IntegrityCheckValue).ToArray();

    public static Rakp4 Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte tag = r.ReadByte();
        var status = (RakpStatus)r.ReadByte();
        if (status != RakpStatus.NoErrors && r.Remaining < 6)
        {
            return new Rakp4(tag, status, 0, []);
        }
        r.Skip(2);
        return new Rakp4(tag, status, r.ReadUInt32(), r.ReadRest().ToArray());
    }
}
