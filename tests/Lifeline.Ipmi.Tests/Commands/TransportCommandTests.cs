using System.Net;
using System.Net.NetworkInformation;
using Lifeline.Ipmi.Commands.Transport;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Tests.Commands.Support;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

public class TransportCommandTests
{
    [Fact]
    public void LanIpAddressRequestMatchesIpmitool()
    {
        // ipmitool raw 0x0c 0x02 0x01 0x03 0 0
        var cmd = new GetLanConfigurationParameters(1, LanParameter.IpAddress);
        Assert.Equal(Hex("01 03 00 00"), Request(cmd));
        var back = GetLanConfigurationParameters.Read(Hex("81 14 02 03"));
        Assert.True(back.RevisionOnly);
        Assert.Equal((1, LanParameter.VlanId, 2, 3), (back.Channel, back.Parameter, back.SetSelector, back.BlockSelector));
    }

    [Fact]
    public void LanParametersFromIpmiSimParse()
    {
        // ipmi_sim's LAN channel 1 is unconfigured: every address reads as zeros
        Assert.Equal(IPAddress.Any, LanConfigurationResponse.Read(Hex("11 00 00 00 00")).ToIpAddress());
        Assert.Equal(IpAddressSource.Unspecified, LanConfigurationResponse.Read(Hex("11 00")).ToIpAddressSource());
        Assert.Equal(PhysicalAddress.Parse("00-00-00-00-00-00"), LanConfigurationResponse.Read(Hex("11 00 00 00 00 00 00")).ToMacAddress());
        var vlan = LanConfigurationResponse.Read(Hex("11 00 00")).ToVlan();
        Assert.False(vlan.Enabled);
        Assert.Equal(0, vlan.Id);
        // parameter 2 (authentication type enables): revision 11h + five bytes, kept raw
        var raw = LanConfigurationResponse.Read(Hex("11 14 14 14 14 00"));
        Assert.Equal(LanConfigurationResponse.CurrentRevision, raw.Revision);
        Assert.Equal(Hex("14 14 14 14 00"), raw.Data);
        Assert.Equal(Hex("11 14 14 14 14 00"), Of(raw.Write));
    }

    [Fact]
    public void LanTypedParametersDecodeRealAddresses()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), LanConfigurationResponse.Read(Hex("11 0a 01 02 03")).ToIpAddress());
        Assert.Equal(IPAddress.Parse("255.255.255.0"), LanConfigurationResponse.Read(Hex("11 ff ff ff 00")).ToIpAddress());
        Assert.Equal(IpAddressSource.Dhcp, LanConfigurationResponse.Read(Hex("11 02")).ToIpAddressSource());
        Assert.Equal(PhysicalAddress.Parse("52-54-00-12-34-56"), LanConfigurationResponse.Read(Hex("11 52 54 00 12 34 56")).ToMacAddress());
        var vlan = LanConfigurationResponse.Read(Hex("11 c8 81")).ToVlan();
        Assert.True(vlan.Enabled);
        Assert.Equal(0x1C8, vlan.Id);
        Assert.Equal(Hex("c8 81"), vlan.ToArray());
    }

    [Fact]
    public void TruncatedLanParametersAreMalformed()
    {
        AssertTruncationIsMalformed(Hex("0a 01 02 03"), 4, d => LanParameterData.ReadIpv4(d));
        AssertTruncationIsMalformed(Hex("52 54 00 12 34 56"), 6, d => LanParameterData.ReadMac(d));
        AssertTruncationIsMalformed(Hex("c8 81"), 2, d => LanVlan.Read(d));
        // a revision-only answer has no data to decode
        var revisionOnly = LanConfigurationResponse.Read(Hex("11"));
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => revisionOnly.ToIpAddress()).Error);
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => LanConfigurationResponse.Read([])).Error);
    }

    [Fact]
    public void SetLanParametersEncodeTheirData()
    {
        Assert.Equal(Hex("01 03 0a 01 02 03"), Request(SetLanConfigurationParameters.IpAddress(1, IPAddress.Parse("10.1.2.3"))));
        Assert.Equal(Hex("01 04 01"), Request(SetLanConfigurationParameters.Source(1, IpAddressSource.Static)));
        Assert.Equal(Hex("01 06 ff ff ff 00"), Request(SetLanConfigurationParameters.SubnetMask(1, IPAddress.Parse("255.255.255.0"))));
        Assert.Equal(Hex("01 0c 0a 01 02 fe"), Request(SetLanConfigurationParameters.DefaultGateway(1, IPAddress.Parse("10.1.2.254"))));
        Assert.Equal(Hex("01 14 0a 80"), Request(SetLanConfigurationParameters.Vlan(1, new LanVlan(true, 10))));
        var back = SetLanConfigurationParameters.Read(Hex("01 03 0a 01 02 03"));
        Assert.Equal((1, LanParameter.IpAddress), (back.Channel, back.Parameter));
        Assert.Equal(Hex("0a 01 02 03"), back.Data);
        Assert.Equal(IpmiError.InvalidRequest, Assert.Throws<IpmiException>(() => SetLanConfigurationParameters.IpAddress(1, IPAddress.IPv6Loopback)).Error);
    }

    [Fact]
    public async Task TypedLanReadsAskForTheirParameter()
    {
        var channel = new ScriptedChannel()
            .Reply(NetFn.Transport, 0x02, CompletionCode.Success, Hex("11 c0 a8 00 0a"))
            .Reply(NetFn.Transport, 0x02, CompletionCode.Success, Hex("11 01"))
            .Reply(NetFn.Transport, 0x02, CompletionCode.Success, Hex("11 52 54 00 12 34 56"))
            .Reply(NetFn.Transport, 0x02, CompletionCode.Success, Hex("11 ff ff ff 00"))
            .Reply(NetFn.Transport, 0x02, CompletionCode.Success, Hex("11 c0 a8 00 01"))
            .Reply(NetFn.Transport, 0x02, CompletionCode.Success, Hex("11 52 54 00 ff ff ff"))
            .Reply(NetFn.Transport, 0x02, CompletionCode.Success, Hex("11 00 00"));
        var ct = CancellationToken.None;
        Assert.Equal(IPAddress.Parse("192.168.0.10"), await channel.GetLanIpAddressAsync(1, ct));
        Assert.Equal(IpAddressSource.Static, await channel.GetLanIpAddressSourceAsync(1, ct));
        Assert.Equal(PhysicalAddress.Parse("52-54-00-12-34-56"), await channel.GetLanMacAddressAsync(1, ct));
        Assert.Equal(IPAddress.Parse("255.255.255.0"), await channel.GetLanSubnetMaskAsync(1, ct));
        Assert.Equal(IPAddress.Parse("192.168.0.1"), await channel.GetLanDefaultGatewayAsync(1, ct));
        Assert.Equal(PhysicalAddress.Parse("52-54-00-ff-ff-ff"), await channel.GetLanDefaultGatewayMacAsync(1, ct));
        Assert.False((await channel.GetLanVlanAsync(1, ct)).Enabled);
        Assert.Equal(new byte[] { 3, 4, 5, 6, 12, 13, 20 }, channel.Requests.Select(r => r.Data[1]));
    }

    [Fact]
    public void SolConfigurationFromIpmiSimParses()
    {
        // ipmitool raw 0x0c 0x22 0x01 0x01 0 0 → SOL enabled; parameter 5 (bit rate) reads 00
        Assert.Equal(Hex("01 01 00 00"), Request(new GetSolConfigurationParameters(1, SolParameter.Enable)));
        Assert.True(SolConfigurationResponse.Read(Hex("11 01")).ToEnabled());
        Assert.False(SolConfigurationResponse.Read(Hex("11 00")).ToEnabled());
        Assert.Equal(Hex("11 01"), Of(SolConfigurationResponse.Read(Hex("11 01")).Write));
    }

    [Fact]
    public void SolPayloadChannelAndPortDecode()
    {
        Assert.Equal(Hex("0e 07 00 00"), Request(new GetSolConfigurationParameters(0x0E, SolParameter.PayloadChannel)));
        Assert.Equal(1, SolConfigurationResponse.Read(Hex("11 01")).ToPayloadChannel());
        Assert.Equal(623, SolConfigurationResponse.Read(Hex("11 6f 02")).ToPayloadPort());
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => SolConfigurationResponse.Read(Hex("11 6f")).ToPayloadPort()).Error);
        var back = GetSolConfigurationParameters.Read(Hex("81 08 00 00"));
        Assert.True(back.RevisionOnly);
        Assert.Equal(SolParameter.PayloadPort, back.Parameter);
    }

    [Fact]
    public void SetSolConfigurationRoundTrips()
    {
        var bytes = Request(SetSolConfigurationParameters.Enable(1, true));
        Assert.Equal(Hex("01 01 01"), bytes);
        var back = SetSolConfigurationParameters.Read(bytes);
        Assert.Equal((1, SolParameter.Enable), (back.Channel, back.Parameter));
        Assert.Equal(bytes, Request(back));
    }
}
