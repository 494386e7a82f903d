using System.Net;
using System.Net.NetworkInformation;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Transport;

/// <summary>LAN configuration parameter selectors (IPMI v2.0 §23.2, Table 23-4).</summary>
public enum LanParameter : byte
{
    SetInProgress = 0,
    AuthenticationTypeSupport = 1,
    AuthenticationTypeEnables = 2,
    IpAddress = 3,
    IpAddressSource = 4,
    MacAddress = 5,
    SubnetMask = 6,
    Ipv4HeaderParameters = 7,
    PrimaryRmcpPort = 8,
    SecondaryRmcpPort = 9,
    BmcGeneratedArpControl = 10,
    GratuitousArpInterval = 11,
    DefaultGatewayAddress = 12,
    DefaultGatewayMacAddress = 13,
    BackupGatewayAddress = 14,
    BackupGatewayMacAddress = 15,
    CommunityString = 16,
    NumberOfDestinations = 17,
    DestinationType = 18,
    DestinationAddresses = 19,
    VlanId = 20,
    VlanPriority = 21,
    CipherSuiteEntrySupport = 22,
    CipherSuiteEntries = 23,
    CipherSuitePrivilegeLevels = 24,
    DestinationAddressVlanTags = 25,
}

/// <summary>Parameter 4 data [3:0].</summary>
public enum IpAddressSource : byte
{
    Unspecified = 0x0,
    Static = 0x1,
    Dhcp = 0x2,
    BiosOrSystemSoftware = 0x3,
    Other = 0x4,
}

/// <summary>Parameter 20: 802.1q VLAN id and whether it is enabled.</summary>
public readonly record struct LanVlan(bool Enabled, ushort Id)
{
    // data 1: VLAN id [7:0]; data 2: [7] VLAN enable, [3:0] VLAN id [11:8]
    public static LanVlan Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte low = r.ReadByte();
        byte high = r.ReadByte();
        return new LanVlan((high & 0x80) != 0, (ushort)(low | ((high & 0x0F) << 8)));
    }

    public byte[] ToArray() => [(byte)Id, (byte)((Enabled ? 0x80 : 0) | ((Id >> 8) & 0x0F))];
}

/// <summary>Encoders and decoders of the typed LAN parameters (IPMI v2.0 Table 23-4).</summary>
public static class LanParameterData
{
    /// <summary>Parameters 3, 6, 12, 14: IPv4 address, MS-byte first.</summary>
    public static IPAddress ReadIpv4(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new IPAddress(r.ReadBytes(4));
    }

    public static byte[] Ipv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 ? bytes : throw new IpmiException(IpmiError.InvalidRequest, $"{address} is not an IPv4 address");
    }

    /// <summary>Parameters 5, 13, 15: MAC address, MS-byte first.</summary>
    public static PhysicalAddress ReadMac(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new PhysicalAddress(r.ReadBytes(6).ToArray());
    }

    public static byte[] Mac(PhysicalAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 6 ? bytes : throw new IpmiException(IpmiError.InvalidRequest, $"{address} is not a 6-byte MAC address");
    }

    public static IpAddressSource ReadIpAddressSource(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return (IpAddressSource)(r.ReadByte() & 0x0F);
    }
}

// IPMI v2.0 §23.2 Get LAN Configuration Parameters (NetFn Transport 0Ch, cmd 02h)
//
// request:
//   0  [7] 1 = get parameter revision only, [3:0] channel number (Eh = this channel)
//   1  parameter selector
//   2  set selector (00h if unused)
//   3  block selector (00h if unused)
// response (after completion code):
//   0    parameter revision (11h for IPMI v2.0)
//   1-N  parameter data (absent when only the revision was asked for)
// completion codes: 80h parameter not supported
public sealed class GetLanConfigurationParameters(
    byte channel,
    LanParameter parameter,
    byte setSelector = 0,
    byte blockSelector = 0,
    bool revisionOnly = false) : IIpmiCommand<LanConfigurationResponse>
{
    public const byte ParameterNotSupported = 0x80;

    public byte Channel { get; } = (byte)(channel & 0x0F);
    public LanParameter Parameter { get; } = parameter;
    public byte SetSelector { get; } = setSelector;
    public byte BlockSelector { get; } = blockSelector;
    public bool RevisionOnly { get; } = revisionOnly;

    public NetFn NetFn => NetFn.Transport;
    public byte Command => 0x02;
    public string Name => "Get LAN Configuration Parameters";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte((byte)((RevisionOnly ? 0x80 : 0) | Channel)).Byte((byte)Parameter).Byte(SetSelector).Byte(BlockSelector);

    public LanConfigurationResponse ReadResponse(ReadOnlySpan<byte> data) => LanConfigurationResponse.Read(data);

    public static GetLanConfigurationParameters Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte b0 = r.ReadByte();
        return new GetLanConfigurationParameters((byte)(b0 & 0x0F), (LanParameter)r.ReadByte(), r.ReadByte(), r.ReadByte(), (b0 & 0x80) != 0);
    }
}

public sealed record LanConfigurationResponse(byte Revision, byte[] Data)
{
    public const byte CurrentRevision = 0x11;

    public IPAddress ToIpAddress() => LanParameterData.ReadIpv4(Data);
    public PhysicalAddress ToMacAddress() => LanParameterData.ReadMac(Data);
    public IpAddressSource ToIpAddressSource() => LanParameterData.ReadIpAddressSource(Data);
    public LanVlan ToVlan() => LanVlan.Read(Data);

    public static LanConfigurationResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new LanConfigurationResponse(r.ReadByte(), r.ReadRest().ToArray());
    }

    public void Write(IpmiWriter w) => w.Byte(Revision).Bytes(Data);
}

// IPMI v2.0 §23.1 Set LAN Configuration Parameters (NetFn Transport 0Ch, cmd 01h)
//
// request:
//   0    [3:0] channel number
//   1    parameter selector
//   2-N  parameter data
// response: completion code only; 80h parameter not supported, 81h attempt to set 'set in progress' while not in
// 'set complete' state, 82h attempt to write a read-only parameter, 83h attempt to read a write-only parameter
public sealed class SetLanConfigurationParameters(byte channel, LanParameter parameter, byte[] data) : IIpmiCommand<EmptyResponse>
{
    public byte Channel { get; } = (byte)(channel & 0x0F);
    public LanParameter Parameter { get; } = parameter;
    public byte[] Data { get; } = data;

    public static SetLanConfigurationParameters IpAddress(byte channel, IPAddress address) => new(channel, LanParameter.IpAddress, LanParameterData.Ipv4(address));
    public static SetLanConfigurationParameters SubnetMask(byte channel, IPAddress mask) => new(channel, LanParameter.SubnetMask, LanParameterData.Ipv4(mask));
    public static SetLanConfigurationParameters DefaultGateway(byte channel, IPAddress gateway) => new(channel, LanParameter.DefaultGatewayAddress, LanParameterData.Ipv4(gateway));
    public static SetLanConfigurationParameters Source(byte channel, IpAddressSource source) => new(channel, LanParameter.IpAddressSource, [(byte)source]);
    public static SetLanConfigurationParameters Vlan(byte channel, LanVlan vlan) => new(channel, LanParameter.VlanId, vlan.ToArray());

    public NetFn NetFn => NetFn.Transport;
    public byte Command => 0x01;
    public string Name => "Set LAN Configuration Parameters";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(Channel).Byte((byte)Parameter).Bytes(Data);

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static SetLanConfigurationParameters Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte channel = (byte)(r.ReadByte() & 0x0F);
        return new SetLanConfigurationParameters(channel, (LanParameter)r.ReadByte(), r.ReadRest().ToArray());
    }
}

/// <summary>One-call typed reads of the common LAN parameters.</summary>
public static class LanConfigurationExtensions
{
    public static async Task<IPAddress> GetLanIpAddressAsync(this IIpmiChannel channel, byte lanChannel, CancellationToken cancellationToken) =>
        (await channel.ExecuteAsync(new GetLanConfigurationParameters(lanChannel, LanParameter.IpAddress), cancellationToken).ConfigureAwait(false)).ToIpAddress();

    public static async Task<IpAddressSource> GetLanIpAddressSourceAsync(this IIpmiChannel channel, byte lanChannel, CancellationToken cancellationToken) =>
        (await channel.ExecuteAsync(new GetLanConfigurationParameters(lanChannel, LanParameter.IpAddressSource), cancellationToken).ConfigureAwait(false)).ToIpAddressSource();

    public static async Task<PhysicalAddress> GetLanMacAddressAsync(this IIpmiChannel channel, byte lanChannel, CancellationToken cancellationToken) =>
        (await channel.ExecuteAsync(new GetLanConfigurationParameters(lanChannel, LanParameter.MacAddress), cancellationToken).ConfigureAwait(false)).ToMacAddress();

    public static async Task<IPAddress> GetLanSubnetMaskAsync(this IIpmiChannel channel, byte lanChannel, CancellationToken cancellationToken) =>
        (await channel.ExecuteAsync(new GetLanConfigurationParameters(lanChannel, LanParameter.SubnetMask), cancellationToken).ConfigureAwait(false)).ToIpAddress();

    public static async Task<IPAddress> GetLanDefaultGatewayAsync(this IIpmiChannel channel, byte lanChannel, CancellationToken cancellationToken) =>
        (await channel.ExecuteAsync(new GetLanConfigurationParameters(lanChannel, LanParameter.DefaultGatewayAddress), cancellationToken).ConfigureAwait(false)).ToIpAddress();

    public static async Task<PhysicalAddress> GetLanDefaultGatewayMacAsync(this IIpmiChannel channel, byte lanChannel, CancellationToken cancellationToken) =>
        (await channel.ExecuteAsync(new GetLanConfigurationParameters(lanChannel, LanParameter.DefaultGatewayMacAddress), cancellationToken).ConfigureAwait(false)).ToMacAddress();

    public static async Task<LanVlan> GetLanVlanAsync(this IIpmiChannel channel, byte lanChannel, CancellationToken cancellationToken) =>
        (await channel.ExecuteAsync(new GetLanConfigurationParameters(lanChannel, LanParameter.VlanId), cancellationToken).ConfigureAwait(false)).ToVlan();
}
