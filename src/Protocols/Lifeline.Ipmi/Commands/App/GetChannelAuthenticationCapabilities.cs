using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

// IPMI v2.0 §22.13 Get Channel Authentication Capabilities (NetFn App 06h, cmd 38h) — usually sent outside a session
//
// request:
//   0  [7] 1 = get IPMI v2.0+ extended data, [3:0] channel number (Eh = this channel)
//   1  [3:0] requested maximum privilege level
// response (after completion code):
//   0  channel number
//   1  [7] 1 = IPMI v2.0+ extended capabilities available (byte 3 is valid),
//      [5:0] authentication types: [5] OEM proprietary, [4] straight password/key, [2] MD5, [1] MD2, [0] none
//   2  [5] K_g status (1 = K_g set to a non-zero value), [4] per-message authentication disabled,
//      [3] user level authentication disabled, [2] non-null user names enabled, [1] null user names enabled,
//      [0] anonymous login enabled
//   3  extended capabilities: [1] channel supports IPMI v2.0 connections, [0] supports IPMI v1.5 connections
//   4-6  OEM ID (IANA, LSB first) for the OEM authentication type        (optional here: old BMCs stop early)
//   7  OEM auxiliary data                                               (optional)
public sealed class GetChannelAuthenticationCapabilities(
    byte channel = 0x0E,
    PrivilegeLevel maximumPrivilege = PrivilegeLevel.Administrator,
    bool requestExtendedData = true) : IIpmiCommand<ChannelAuthenticationCapabilitiesResponse>
{
    public byte Channel { get; } = (byte)(channel & 0x0F);
    public PrivilegeLevel MaximumPrivilege { get; } = maximumPrivilege;
    /// <summary>Bit 7 of byte 1: ask for the IPMI v2.0 extended capabilities (byte 4 of the response).</summary>
    public bool RequestExtendedData { get; } = requestExtendedData;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x38;
    public string Name => "Get Channel Authentication Capabilities";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte((byte)((RequestExtendedData ? 0x80 : 0) | Channel)).Byte((byte)((byte)MaximumPrivilege & 0x0F));

    public ChannelAuthenticationCapabilitiesResponse ReadResponse(ReadOnlySpan<byte> data) => ChannelAuthenticationCapabilitiesResponse.Read(data);

    public static GetChannelAuthenticationCapabilities Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte b0 = r.ReadByte();
        byte b1 = r.ReadByte();
        return new GetChannelAuthenticationCapabilities((byte)(b0 & 0x0F), (PrivilegeLevel)(b1 & 0x0F), (b0 & 0x80) != 0);
    }
}

/// <summary>Authentication type support bits of byte 2 (IPMI 1.5 session authentication).</summary>
[Flags]
public enum AuthenticationTypeSupport : byte
{
    None = 0x01,
    Md2 = 0x02,
    Md5 = 0x04,
    StraightPassword = 0x10,
    Oem = 0x20,
}

/// <summary>
/// The answer of Get Channel Authentication Capabilities. Without the extended bit, byte 4 is reserved: the BMC speaks
/// IPMI v1.5 only, so <see cref="SupportsIpmi15"/> reads true and <see cref="SupportsIpmi20"/> false.
/// A server writes the OEM bytes only when <see cref="OemId"/> is set (spec-conformant BMCs always send them: use 0).
/// </summary>
public sealed record ChannelAuthenticationCapabilitiesResponse(
    byte ChannelNumber,
    bool ExtendedCapabilities,
    AuthenticationTypeSupport AuthenticationTypes,
    bool KgNonZero,
    bool PerMessageAuthenticationDisabled,
    bool UserLevelAuthenticationDisabled,
    bool NonNullUserNamesEnabled,
    bool NullUserNamesEnabled,
    bool AnonymousLoginEnabled,
    bool SupportsIpmi20,
    bool SupportsIpmi15,
    uint? OemId,
    byte? OemAuxiliaryData)
{
    public static ChannelAuthenticationCapabilitiesResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte channel = r.ReadByte();
        byte auth = r.ReadByte();
        byte status = r.ReadByte();
        byte ext = r.ReadByte();
        uint? oem = r.Remaining >= 3 ? r.ReadUInt24() : null;
        byte? aux = oem is null ? null : r.ReadOptionalByte();
        bool extended = (auth & 0x80) != 0;
        return new ChannelAuthenticationCapabilitiesResponse(
            channel,
            extended,
            (AuthenticationTypeSupport)(auth & 0x3F),
            KgNonZero: (status & 0x20) != 0,
            PerMessageAuthenticationDisabled: (status & 0x10) != 0,
            UserLevelAuthenticationDisabled: (status & 0x08) != 0,
            NonNullUserNamesEnabled: (status & 0x04) != 0,
            NullUserNamesEnabled: (status & 0x02) != 0,
            AnonymousLoginEnabled: (status & 0x01) != 0,
            // byte 4 is reserved unless the extended bit is set
            SupportsIpmi20: extended && (ext & 0x02) != 0,
            SupportsIpmi15: extended ? (ext & 0x01) != 0 : true,
            oem,
            aux);
    }

    public void Write(IpmiWriter w)
    {
        w.Byte(ChannelNumber)
         .Byte((byte)((ExtendedCapabilities ? 0x80 : 0) | ((byte)AuthenticationTypes & 0x3F)))
         .Byte((byte)((KgNonZero ? 0x20 : 0) | (PerMessageAuthenticationDisabled ? 0x10 : 0) | (UserLevelAuthenticationDisabled ? 0x08 : 0)
             | (NonNullUserNamesEnabled ? 0x04 : 0) | (NullUserNamesEnabled ? 0x02 : 0) | (AnonymousLoginEnabled ? 0x01 : 0)))
         .Byte(ExtendedCapabilities ? (byte)((SupportsIpmi20 ? 0x02 : 0) | (SupportsIpmi15 ? 0x01 : 0)) : (byte)0);
        if (OemId is { } oem)
        {
            w.UInt24(oem & 0xFFFFFF).Byte(OemAuxiliaryData ?? 0);
        }
    }
}
