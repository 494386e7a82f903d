using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Ipmi.Dispatch;
using PrivilegeLevel = Lifeline.Ipmi.Sessions.PrivilegeLevel;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

public sealed class PrivilegeTableTests
{
    public static TheoryData<NetFn, byte> Implemented()
    {
        var data = new TheoryData<NetFn, byte>();
        foreach (var (netFn, command, _) in IpmiCommandDispatcher.ImplementedCommands)
        {
            data.Add(netFn, command);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public void EveryImplementedCommandIsListedInTheAppendixGTable(NetFn netFn, byte command) =>
        Assert.True(CommandPrivileges.IsListed(netFn, command), $"NetFn {(byte)netFn:X2}h cmd {command:X2}h");

    [Theory]
    [MemberData(nameof(Implemented))]
    public void ASessionOneLevelBelowTheRequiredPrivilegeGetsD4h(NetFn netFn, byte command)
    {
        var required = CommandPrivileges.Required(netFn, command);
        if (required == PrivilegeLevel.Callback)
        {
            return; // available outside a session: nobody is below it
        }
        var h = new DispatchHarness();
        var data = netFn == NetFn.GroupExtension ? new byte[] { 0xDC, 0x01 } : [];
        var response = h.Send(netFn, command, data, required - 1, DispatchHarness.Session(privilege: required - 1));
        Assert.Equal(CompletionCode.InsufficientPrivilege, response.Code);
    }

    [Theory]
    [InlineData(NetFn.App, 0x01, PrivilegeLevel.User)]            // Get Device ID
    [InlineData(NetFn.App, 0x02, PrivilegeLevel.Administrator)]   // Cold Reset
    [InlineData(NetFn.App, 0x38, PrivilegeLevel.Callback)]        // Get Channel Authentication Capabilities
    [InlineData(NetFn.App, 0x54, PrivilegeLevel.Callback)]        // Get Channel Cipher Suites
    [InlineData(NetFn.App, 0x46, PrivilegeLevel.Operator)]        // Get User Name
    [InlineData(NetFn.App, 0x47, PrivilegeLevel.Administrator)]   // Set User Password
    [InlineData(NetFn.App, 0x48, PrivilegeLevel.User)]            // Activate Payload
    [InlineData(NetFn.Chassis, 0x01, PrivilegeLevel.User)]        // Get Chassis Status
    [InlineData(NetFn.Chassis, 0x02, PrivilegeLevel.Operator)]    // Chassis Control
    [InlineData(NetFn.Chassis, 0x09, PrivilegeLevel.Operator)]    // Get System Boot Options
    [InlineData(NetFn.Storage, 0x23, PrivilegeLevel.User)]        // Get SDR
    [InlineData(NetFn.Storage, 0x47, PrivilegeLevel.Operator)]    // Clear SEL
    [InlineData(NetFn.Transport, 0x01, PrivilegeLevel.Administrator)] // Set LAN Configuration Parameters
    [InlineData(NetFn.Transport, 0x02, PrivilegeLevel.Operator)]  // Get LAN Configuration Parameters
    [InlineData(NetFn.Transport, 0x22, PrivilegeLevel.User)]      // Get SOL Configuration Parameters
    public void TheTableFollowsAppendixG(NetFn netFn, byte command, PrivilegeLevel level) =>
        Assert.Equal(level, CommandPrivileges.Required(netFn, command));

    [Fact]
    public void AUserSessionReadsSensorsButCannotPowerOff()
    {
        var h = new DispatchHarness();
        var user = DispatchHarness.Session(privilege: PrivilegeLevel.User);
        Assert.Equal(CompletionCode.Success, h.Send(NetFn.SensorEvent, 0x2D, [0x01], PrivilegeLevel.User, user).Code);
        Assert.Equal(CompletionCode.InsufficientPrivilege, h.Send(NetFn.Chassis, 0x02, [0x00], PrivilegeLevel.User, user).Code);
        Assert.True(h.Model.IsPoweredOn);
    }

    [Fact]
    public void SessionlessRequestsReachOnlyTheSessionlessCommands()
    {
        var h = new DispatchHarness();
        Assert.Equal(CompletionCode.Success, h.Send(NetFn.App, 0x38, [0x8E, 0x04], PrivilegeLevel.Callback, null).Code);
        Assert.Equal(CompletionCode.InsufficientPrivilege, h.Send(NetFn.App, 0x01, [], PrivilegeLevel.Callback, null).Code);
    }
}
