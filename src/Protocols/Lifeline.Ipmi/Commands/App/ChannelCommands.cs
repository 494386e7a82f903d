using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

/// <summary>Channel medium types (IPMI v2.0 §6.5, Table 6-3).</summary>
public enum ChannelMediumType : byte
{
    Ipmb = 0x01,
    IcmbV10 = 0x02,
    IcmbV09 = 0x03,
    Lan802_3 = 0x04,
    Rs232 = 0x05,
    OtherLan = 0x06,
    PciSmbus = 0x07,
    Smbus1x = 0x08,
    Smbus20 = 0x09,
    Usb1x = 0x0A,
    Usb2x = 0x0B,
    SystemInterface = 0x0C,
}

/// <summary>Channel protocol types (IPMI v2.0 §6.4, Table 6-2).</summary>
public enum ChannelProtocolType : byte
{
    Ipmb = 0x01,
    Icmb = 0x02,
    IpmiSmbus = 0x04,
    Kcs = 0x05,
    Smic = 0x06,
    Bt10 = 0x07,
    Bt15 = 0x08,
    TMode = 0x09,
}

public enum ChannelSessionSupport : byte
{
    SessionLess = 0x00,
    SingleSession = 0x01,
    MultiSession = 0x02,
    SessionBased = 0x03,
}

// IPMI v2.0 §22.24 Get Channel Info (NetFn App 06h, cmd 42h)
//
// request:
//   0  [3:0] channel number (Eh = this channel)
// response (after completion code):
//   0  [3:0] actual channel number
//   1  [6:0] channel medium type
//   2  [4:0] channel protocol type
//   3  [7:6] session support (00b session-less, 01b single-session, 10b multi-session, 11b session-based),
//      [5:0] number of sessions activated on this channel
//   4-6  protocol vendor id (IANA, LSB first; 7154 = IPMI forum)
//   7-8  auxiliary channel info (system interface channel only, reserved otherwise) (optional here)
public sealed class GetChannelInfo(byte channel = 0x0E) : IIpmiCommand<ChannelInfoResponse>
{
    public byte Channel { get; } = (byte)(channel & 0x0F);

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x42;
    public string Name => "Get Channel Info";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(Channel);

    public ChannelInfoResponse ReadResponse(ReadOnlySpan<byte> data) => ChannelInfoResponse.Read(data);

    public static GetChannelInfo Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetChannelInfo((byte)(r.ReadByte() & 0x0F));
    }
}

public sealed record ChannelInfoResponse(
    byte ChannelNumber,
    ChannelMediumType Medium,
    ChannelProtocolType Protocol,
    ChannelSessionSupport SessionSupport,
    byte ActiveSessions,
    uint VendorId,
    byte[]? AuxiliaryInfo)
{
    public const uint IpmiForumIana = 7154;

    public static ChannelInfoResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte channel = (byte)(r.ReadByte() & 0x0F);
        var medium = (ChannelMediumType)(r.ReadByte() & 0x7F);
        var protocol = (ChannelProtocolType)(r.ReadByte() & 0x1F);
        byte b3 = r.ReadByte();
        uint vendor = r.ReadUInt24();
        byte[]? aux = r.Remaining >= 2 ? r.ReadBytes(2).ToArray() : null;
        return new ChannelInfoResponse(channel, medium, protocol, (ChannelSessionSupport)(b3 >> 6), (byte)(b3 & 0x3F), vendor, aux);
    }

    public void Write(IpmiWriter w)
    {
        w.Byte((byte)(ChannelNumber & 0x0F))
         .Byte((byte)((byte)Medium & 0x7F))
         .Byte((byte)((byte)Protocol & 0x1F))
         .Byte((byte)(((byte)SessionSupport << 6) | (ActiveSessions & 0x3F)))
         .UInt24(VendorId & 0xFFFFFF);
        if (AuxiliaryInfo is { Length: 2 })
        {
            w.Bytes(AuxiliaryInfo);
        }
    }
}

// IPMI v2.0 §22.14 Get System GUID (NetFn App 06h, cmd 37h)
//
// request: (none)
// response (after completion code):
//   0-15  system GUID. IPMI v2.0 Table 20-10 stores every field LS-byte first (node first, time_low last);
//         most BMCs send the SMBIOS byte order instead (time_low first, little-endian time fields).
public sealed class GetSystemGuid : IIpmiCommand<SystemGuidResponse>
{
    public static readonly GetSystemGuid Instance = new();

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x37;
    public string Name => "Get System GUID";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public SystemGuidResponse ReadResponse(ReadOnlySpan<byte> data) => SystemGuidResponse.Read(data);

    public static GetSystemGuid Read(ReadOnlySpan<byte> data) => Instance;
}

public sealed record SystemGuidResponse(byte[] GuidBytes)
{
    /// <summary>The GUID read in SMBIOS byte order (what <see cref="Guid(ReadOnlySpan{byte})"/> expects).</summary>
    public Guid ToSmbiosGuid() => new(GuidBytes);

    /// <summary>The GUID read in the IPMI v2.0 Table 20-10 order (all 16 bytes reversed relative to RFC 4122 text).</summary>
    public Guid ToIpmiGuid()
    {
        Span<byte> reversed = stackalloc byte[16];
        GuidBytes.AsSpan(0, 16).CopyTo(reversed);
        reversed.Reverse();
        return new Guid(reversed, bigEndian: true);
    }

    public static SystemGuidResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SystemGuidResponse(r.ReadBytes(16).ToArray());
    }

    public void Write(IpmiWriter w) => w.Bytes(GuidBytes);
}
