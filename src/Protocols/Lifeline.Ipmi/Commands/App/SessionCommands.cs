using System.Net;
using System.Net.NetworkInformation;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

// IPMI v2.0 §22.18 Set Session Privilege Level (NetFn App 06h, cmd 3Bh)
//
// request:
//   0  [3:0] requested privilege level; 0h = no change, just return the present level
// response (after completion code):
//   0  [3:0] new (present) privilege level
// completion codes: 80h requested level not available for this user, 81h requested level exceeds the channel or
// user limit, 82h cannot disable user level authentication
public sealed class SetSessionPrivilegeLevel(PrivilegeLevel? requested) : IIpmiCommand<SessionPrivilegeLevelResponse>
{
    /// <summary>The level to switch to; null asks for the present level without changing it.</summary>
    public PrivilegeLevel? Requested { get; } = requested;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x3B;
    public string Name => "Set Session Privilege Level";

    public void WriteRequest(IpmiWriter writer) => writer.Byte((byte)((byte)(Requested ?? 0) & 0x0F));

    public SessionPrivilegeLevelResponse ReadResponse(ReadOnlySpan<byte> data) => SessionPrivilegeLevelResponse.Read(data);

    public static SetSessionPrivilegeLevel Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte level = (byte)(r.ReadByte() & 0x0F);
        return new SetSessionPrivilegeLevel(level == 0 ? null : (PrivilegeLevel)level);
    }

    public static string DescribeCompletionCode(CompletionCode code) => (byte)code switch
    {
        0x80 => "Requested privilege level is not available for this user",
        0x81 => "Requested privilege level exceeds the user or channel privilege limit",
        0x82 => "Cannot disable user level authentication",
        _ => code.Describe(),
    };
}

public sealed record SessionPrivilegeLevelResponse(PrivilegeLevel Level)
{
    public static SessionPrivilegeLevelResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SessionPrivilegeLevelResponse((PrivilegeLevel)(r.ReadByte() & 0x0F));
    }

    public void Write(IpmiWriter w) => w.Byte((byte)((byte)Level & 0x0F));
}

// IPMI v2.0 §22.19 Close Session (NetFn App 06h, cmd 3Ch)
//
// request:
//   0-3  session id (LSB first); for RMCP+ the managed system's (BMC's) session id
//   4    session handle — present only when the session id is 0
// response: completion code only (87h invalid session id, 88h invalid session handle)
public sealed class CloseSession(uint sessionId, byte? sessionHandle = null) : IIpmiCommand<EmptyResponse>
{
    public uint SessionId { get; } = sessionId;
    public byte? SessionHandle { get; } = sessionHandle;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x3C;
    public string Name => "Close Session";

    public void WriteRequest(IpmiWriter writer)
    {
        writer.UInt32(SessionId);
        if (SessionId == 0 && SessionHandle is { } handle)
        {
            writer.Byte(handle);
        }
    }

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static CloseSession Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        uint id = r.ReadUInt32();
        return new CloseSession(id, id == 0 ? r.ReadOptionalByte() : null);
    }
}

// IPMI v2.0 §22.20 Get Session Info (NetFn App 06h, cmd 3Dh)
//
// request:
//   0  session index: 00h = the session this request came over, N = the Nth active session,
//      FEh = look up by session handle (byte 1), FFh = look up by session id (bytes 1-4, LSB first)
//   1 / 1-4  session handle / session id (only for FEh / FFh)
// response (after completion code):
//   0  session handle (00h = no active session at this index; the response may then end after byte 2)
//   1  [5:0] number of possible active sessions
//   2  [5:0] number of currently active sessions
//   3  [5:0] user id                                 (bytes 3-5 only when a session is active)
//   4  [3:0] operating privilege level
//   5  [7:4] session protocol auxiliary data (802.3 LAN: 0h = IPMI v1.5, 1h = IPMI v2.0/RMCP+), [3:0] channel number
//   6-  channel-specific data; for 802.3 LAN: 6-9 remote console IP address (MS-byte first),
//       10-15 remote console MAC address (MS-byte first), 16-17 remote console port (LS-byte first)
public sealed class GetSessionInfo : IIpmiCommand<SessionInfoResponse>
{
    public const byte ByHandleIndex = 0xFE;
    public const byte ByIdIndex = 0xFF;

    public GetSessionInfo(byte sessionIndex, byte? sessionHandle = null, uint? sessionId = null)
    {
        if (sessionIndex == ByHandleIndex && sessionHandle is null)
        {
            throw new IpmiException(IpmiError.InvalidRequest, "Get Session Info by handle (FEh) needs a session handle");
        }
        if (sessionIndex == ByIdIndex && sessionId is null)
        {
            throw new IpmiException(IpmiError.InvalidRequest, "Get Session Info by id (FFh) needs a session id");
        }
        SessionIndex = sessionIndex;
        SessionHandle = sessionIndex == ByHandleIndex ? sessionHandle : null;
        SessionId = sessionIndex == ByIdIndex ? sessionId : null;
    }

    public static GetSessionInfo Current() => new(0);
    public static GetSessionInfo ByIndex(byte n) => new(n);
    public static GetSessionInfo ByHandle(byte handle) => new(ByHandleIndex, sessionHandle: handle);
    public static GetSessionInfo ById(uint id) => new(ByIdIndex, sessionId: id);

    public byte SessionIndex { get; }
    public byte? SessionHandle { get; }
    public uint? SessionId { get; }

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x3D;
    public string Name => "Get Session Info";

    public void WriteRequest(IpmiWriter writer)
    {
        writer.Byte(SessionIndex);
        if (SessionHandle is { } handle)
        {
            writer.Byte(handle);
        }
        else if (SessionId is { } id)
        {
            writer.UInt32(id);
        }
    }

    public SessionInfoResponse ReadResponse(ReadOnlySpan<byte> data) => SessionInfoResponse.Read(data);

    public static GetSessionInfo Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte index = r.ReadByte();
        return index switch
        {
            ByHandleIndex => new GetSessionInfo(index, sessionHandle: r.ReadByte()),
            ByIdIndex => new GetSessionInfo(index, sessionId: r.ReadUInt32()),
            _ => new GetSessionInfo(index),
        };
    }
}

public sealed record SessionInfoResponse(
    byte SessionHandle,
    byte PossibleActiveSessions,
    byte ActiveSessions,
    byte? UserId,
    PrivilegeLevel? OperatingPrivilege,
    /// <summary>Bits 7:4 of byte 6; on a LAN channel 0 = IPMI v1.5 session, 1 = IPMI v2.0/RMCP+ session.</summary>
    byte? ProtocolAuxiliary,
    byte? ChannelNumber,
    byte[] ChannelSpecificData)
{
    private const int LanDataLength = 12;

    public bool HasActiveSession => UserId is not null;

    /// <summary>LAN channels: the remote console's IPv4 address (MS-byte first on the wire).</summary>
    public IPAddress? RemoteConsoleAddress => ChannelSpecificData.Length >= LanDataLength ? new IPAddress(ChannelSpecificData.AsSpan(0, 4)) : null;

    /// <summary>LAN channels: the remote console's MAC address (MS-byte first on the wire).</summary>
    public PhysicalAddress? RemoteConsoleMac => ChannelSpecificData.Length >= LanDataLength ? new PhysicalAddress(ChannelSpecificData.AsSpan(4, 6).ToArray()) : null;

    /// <summary>LAN channels: the remote console's UDP port (LS-byte first on the wire).</summary>
    public ushort? RemoteConsolePort => ChannelSpecificData.Length >= LanDataLength ? (ushort)(ChannelSpecificData[10] | (ChannelSpecificData[11] << 8)) : null;

    public static SessionInfoResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte handle = r.ReadByte();
        byte possible = (byte)(r.ReadByte() & 0x3F);
        byte active = (byte)(r.ReadByte() & 0x3F);
        if (r.End)
        {
            return new SessionInfoResponse(handle, possible, active, null, null, null, null, []);
        }
        byte user = (byte)(r.ReadByte() & 0x3F);
        var privilege = (PrivilegeLevel)(r.ReadByte() & 0x0F);
        byte b5 = r.ReadByte();
        return new SessionInfoResponse(handle, possible, active, user, privilege, (byte)(b5 >> 4), (byte)(b5 & 0x0F), r.ReadRest().ToArray());
    }

    public void Write(IpmiWriter w)
    {
        w.Byte(SessionHandle).Byte((byte)(PossibleActiveSessions & 0x3F)).Byte((byte)(ActiveSessions & 0x3F));
        if (UserId is { } user)
        {
            w.Byte((byte)(user & 0x3F))
             .Byte((byte)((byte)(OperatingPrivilege ?? 0) & 0x0F))
             .Byte((byte)(((ProtocolAuxiliary ?? 0) << 4) | ((ChannelNumber ?? 0) & 0x0F)))
             .Bytes(ChannelSpecificData);
        }
    }

    /// <summary>Server side: the 12 LAN channel bytes for <see cref="ChannelSpecificData"/>.</summary>
    public static byte[] LanChannelData(IPAddress address, PhysicalAddress mac, ushort port)
    {
        var w = new IpmiWriter(12);
        var ip = address.GetAddressBytes();
        if (ip.Length != 4)
        {
            throw new IpmiException(IpmiError.InvalidRequest, "Get Session Info carries IPv4 remote console addresses only");
        }
        var m = mac.GetAddressBytes();
        if (m.Length != 6)
        {
            throw new IpmiException(IpmiError.InvalidRequest, "a MAC address has 6 bytes");
        }
        return w.Bytes(ip).Bytes(m).UInt16(port).ToArray();
    }
}
