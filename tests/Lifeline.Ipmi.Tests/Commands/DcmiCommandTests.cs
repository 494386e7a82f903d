using Lifeline.Ipmi.Commands.Dcmi;
using Lifeline.Ipmi.Messages;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

public class DcmiCommandTests
{
    [Fact]
    public void DcmiCapabilitiesRequestCarriesTheGroupId()
    {
        // ipmitool dcmi discover sends 2Ch 01h dc 01
        var cmd = new GetDcmiCapabilities();
        Assert.Equal(NetFn.GroupExtension, cmd.NetFn);
        Assert.Equal(Hex("dc 01"), Request(cmd));
        Assert.Equal(DcmiCapabilityParameter.ManageabilityAccessAttributes, GetDcmiCapabilities.Read(Hex("dc 04")).Parameter);
        Assert.Equal(IpmiError.InvalidRequest, Assert.Throws<IpmiException>(() => GetDcmiCapabilities.Read(Hex("dd 01"))).Error);
    }

    [Fact]
    public void DcmiSupportedCapabilitiesDecode()
    {
        // DCMI 1.5, parameter revision 2: power management; in-band KCS and secondary LAN
        var bytes = Hex("dc 01 05 02 00 01 05");
        var r = DcmiCapabilitiesResponse.Read(bytes);
        Assert.Equal("1.5", r.Version);
        Assert.Equal(2, r.ParameterRevision);
        var caps = r.ToSupportedCapabilities();
        Assert.True(caps.PowerManagement);
        Assert.True(caps.InBandSystemInterface);
        Assert.True(caps.SecondaryLan);
        Assert.False(caps.SerialTMode || caps.PrimaryLan || caps.Sol || caps.Vlan);
        Assert.Equal(bytes, Of(r.Write));
        // DCMI 1.0, revision 1: SOL, VLAN and primary LAN flags are used
        var v10 = DcmiCapabilitiesResponse.Read(Hex("dc 01 00 01 0f 00 38")).ToSupportedCapabilities();
        Assert.True(v10.PrimaryLan && v10.Sol && v10.Vlan && !v10.PowerManagement);
    }

    [Fact]
    public void DcmiResponseWithAnotherGroupIdIsMalformed()
    {
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => DcmiCapabilitiesResponse.Read(Hex("00 01 05 02 00 01 05"))).Error);
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => DcmiCapabilitiesResponse.Read(Hex("dc 01 05 02")).ToSupportedCapabilities()).Error);
    }

    [Fact]
    public void PowerReadingRequestMatchesIpmitool()
    {
        // ipmitool dcmi power reading sends 2Ch 02h dc 01 00 00
        Assert.Equal(Hex("dc 01 00 00"), Request(new GetPowerReading()));
        var back = GetPowerReading.Read(Hex("dc 02 05 00"));
        Assert.Equal((DcmiPowerReadingMode.EnhancedSystemPowerStatistics, (byte)5), (back.Mode, back.ModeAttributes));
    }

    [Fact]
    public void PowerReadingParses()
    {
        // 220 W now, 180-310 W, 240 W average, at 6B082193h, over one hour, measurement active
        var bytes = Hex("dc dc 00 b4 00 36 01 f0 00 93 21 08 6b 80 ee 36 00 40");
        var r = new GetPowerReading().ReadResponse(bytes);
        Assert.Equal(220, r.CurrentWatts);
        Assert.Equal(180, r.MinimumWatts);
        Assert.Equal(310, r.MaximumWatts);
        Assert.Equal(240, r.AverageWatts);
        Assert.Equal(0x6B082193u, r.Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), r.Period);
        Assert.True(r.MeasurementActive);
        Assert.Equal(bytes, Of(r.Write));
        AssertTruncationIsMalformed(bytes, 18, d => PowerReadingResponse.Read(d));
    }
}
