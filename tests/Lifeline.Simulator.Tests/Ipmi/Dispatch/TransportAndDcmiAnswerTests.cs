using System.Net;
using Lifeline.Ipmi.Commands.Dcmi;
using Lifeline.Ipmi.Commands.Transport;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

public sealed class TransportAndDcmiAnswerTests
{
    [Fact]
    public void LanParametersAreTheModelsLanConfiguration()
    {
        var h = new DispatchHarness(index: 3);
        var lan = h.Model.Lan;
        Assert.Equal(lan.Address, h.Execute(new GetLanConfigurationParameters(1, LanParameter.IpAddress)).ToIpAddress());
        Assert.Equal(lan.MacAddress, h.Execute(new GetLanConfigurationParameters(1, LanParameter.MacAddress)).ToMacAddress());
        Assert.Equal(lan.SubnetMask, h.Execute(new GetLanConfigurationParameters(1, LanParameter.SubnetMask)).ToIpAddress());
        Assert.Equal(lan.DefaultGateway, h.Execute(new GetLanConfigurationParameters(0x0E, LanParameter.DefaultGatewayAddress)).ToIpAddress());
        Assert.Equal(Lifeline.Ipmi.Commands.Transport.IpAddressSource.Static,
            h.Execute(new GetLanConfigurationParameters(1, LanParameter.IpAddressSource)).ToIpAddressSource());
        Assert.False(h.Execute(new GetLanConfigurationParameters(1, LanParameter.VlanId)).ToVlan().Enabled);
        Assert.Equal([0x00, 1, 2, 3, 17], h.Execute(new GetLanConfigurationParameters(1, LanParameter.CipherSuiteEntries)).Data);
    }

    [Fact]
    public void UnknownLanParametersAnswer80hAndOtherChannelsCCh()
    {
        var h = new DispatchHarness();
        Assert.Equal(0x80, (byte)h.Send(NetFn.Transport, 0x02, 0x01, 26, 0, 0).Code);
        Assert.Equal(0x80, (byte)h.Send(NetFn.Transport, 0x02, 0x01, 0xC0, 0, 0).Code);
        Assert.Equal(CompletionCode.InvalidDataField, h.Send(NetFn.Transport, 0x02, 0x02, 3, 0, 0).Code);
    }

    [Fact]
    public void ARevisionOnlyRequestAnswersTheRevisionAlone()
    {
        var h = new DispatchHarness();
        var response = h.Send(NetFn.Transport, 0x02, 0x81, 3, 0, 0);
        Assert.Equal([0x11], response.Data.ToArray());
    }

    [Fact]
    public void SetLanParametersChangeTheModel()
    {
        var h = new DispatchHarness();
        h.Execute(SetLanConfigurationParameters.IpAddress(1, IPAddress.Parse("10.1.2.3")));
        h.Execute(SetLanConfigurationParameters.Vlan(1, new LanVlan(true, 42)));
        h.Execute(SetLanConfigurationParameters.Source(1, Lifeline.Ipmi.Commands.Transport.IpAddressSource.Dhcp));
        Assert.Equal(IPAddress.Parse("10.1.2.3"), h.Model.Lan.Address);
        Assert.Equal(42, h.Model.Lan.VlanId);
        Assert.Equal(Lifeline.Simulator.Model.IpAddressSource.Dhcp, h.Model.Lan.Source);
        Assert.Equal(0x82, (byte)h.Send(NetFn.Transport, 0x01, 1, (byte)LanParameter.AuthenticationTypeSupport, 0).Code);
        Assert.Equal(0x80, (byte)h.Send(NetFn.Transport, 0x01, 1, (byte)LanParameter.CommunityString, 0).Code);
    }

    [Fact]
    public void SolParametersNameTheChannelAndPortAndEnableCanBeSwitched()
    {
        var h = new DispatchHarness();
        Assert.True(h.Execute(new GetSolConfigurationParameters(1, SolParameter.Enable)).ToEnabled());
        Assert.Equal(1, h.Execute(new GetSolConfigurationParameters(1, SolParameter.PayloadChannel)).ToPayloadChannel());
        Assert.Equal(623, h.Execute(new GetSolConfigurationParameters(1, SolParameter.PayloadPort)).ToPayloadPort());
        h.Execute(SetSolConfigurationParameters.Enable(1, false));
        Assert.False(h.Dispatcher.Sol.Enabled);
        Assert.Equal(0x80, (byte)h.Send(NetFn.Transport, 0x22, 0x01, 9, 0, 0).Code);
    }

    [Fact]
    public void DcmiCapabilitiesAnnouncePowerManagementAndThePrimaryLan()
    {
        var h = new DispatchHarness();
        var caps = h.Execute(new GetDcmiCapabilities());
        Assert.Equal("1.5", caps.Version);
        var supported = caps.ToSupportedCapabilities();
        Assert.True(supported.PowerManagement);
        Assert.True(supported.PrimaryLan);
        Assert.Equal([1, 0xFF, 0xFF], h.Execute(new GetDcmiCapabilities(DcmiCapabilityParameter.ManageabilityAccessAttributes)).Data);
    }

    [Fact]
    public void DcmiPowerReadingIsThePowerSensorAndKeepsStatistics()
    {
        var h = new DispatchHarness();
        var first = h.Execute(new GetPowerReading());
        Assert.Equal(Math.Round(h.Model.ReadSensor(SensorNumbers.PowerConsumption).Value), first.CurrentWatts, 0);
        Assert.True(first.MeasurementActive);
        h.Model.PowerOff();
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = h.Execute(new GetPowerReading());
        Assert.True(second.CurrentWatts < first.CurrentWatts);
        Assert.Equal(second.CurrentWatts, second.MinimumWatts);
        Assert.Equal(first.CurrentWatts, second.MaximumWatts);
        Assert.Equal((uint)30_000, second.PeriodMilliseconds);
        Assert.Equal(CompletionCode.InvalidDataField, h.Send(NetFn.GroupExtension, 0x02, 0xDC, 0x02, 0x00, 0x00).Code);
    }
}
