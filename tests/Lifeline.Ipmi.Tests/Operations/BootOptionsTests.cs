using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Tests.Commands.Support;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Operations;

public class BootOptionsTests
{
    private const byte Set = 0x08;
    private const byte Get = 0x09;

    [Fact]
    public async Task SetBootDeviceSendsTheSequenceOfIpmitoolAndReadsTheFlagsBack()
    {
        var channel = new ScriptedChannel()
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Get, CompletionCode.Success, Hex("01 05 e0 04 00 00 00"));

        var flags = await BootOptions.SetBootDeviceAsync(channel, BootDevice.Pxe, persistent: true, efi: true, CancellationToken.None);

        Assert.Equal(
            ["0001", "040101", "05E004000000", "0000", "050000"],
            channel.Requests.Select(r => ToHex(r.Data)));
        Assert.Equal(new BootFlags(true, true, true, BootDevice.Pxe), flags);
    }

    [Fact]
    public async Task SetBootDeviceOnIpmiSimToleratesItsMissingParameterZero()
    {
        // ipmi_sim answers CCh to parameter 0, accepts 4 and 5, and reads data 1 back as 00h
        var channel = new ScriptedChannel()
            .Reply(NetFn.Chassis, Set, CompletionCode.InvalidDataField)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Get, CompletionCode.Success, Hex("01 05 00 04 00 00 00"));

        var flags = await BootOptions.SetBootDeviceAsync(channel, BootDevice.Pxe, persistent: false, efi: false, CancellationToken.None);

        Assert.Equal(BootDevice.Pxe, flags.Device);
        Assert.False(flags.Valid);
        // no "set complete" when "set in progress" was refused
        Assert.Equal(["0001", "040101", "058004000000", "050000"], channel.Requests.Select(r => ToHex(r.Data)));
    }

    [Fact]
    public async Task SetBootDeviceGoesOnWhenBootInfoAcknowledgeIsNotSupported()
    {
        var channel = new ScriptedChannel()
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, (CompletionCode)0x80)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Get, CompletionCode.Success, Hex("01 05 a0 18 00 00 00"));

        var flags = await BootOptions.SetBootDeviceAsync(channel, BootDevice.BiosSetup, persistent: false, efi: true, CancellationToken.None);

        Assert.Equal(BootDevice.BiosSetup, flags.Device);
        Assert.Equal("05A018000000", ToHex(channel.Requests[2].Data));
    }

    [Fact]
    public async Task AFailedFlagsWriteStillLeavesSetInProgressComplete()
    {
        var channel = new ScriptedChannel()
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success)
            .Reply(NetFn.Chassis, Set, CompletionCode.InsufficientPrivilege)
            .Reply(NetFn.Chassis, Set, CompletionCode.Success);

        var e = await Assert.ThrowsAsync<IpmiException>(() => BootOptions.SetBootDeviceAsync(channel, BootDevice.HardDrive, false, false, CancellationToken.None));

        Assert.Equal(IpmiError.InsufficientPrivilege, e.Error);
        Assert.Equal("0000", ToHex(channel.Requests[^1].Data));
    }

    [Fact]
    public async Task AHardErrorOnSetInProgressStopsBeforeTheFlags()
    {
        var channel = new ScriptedChannel().Reply(NetFn.Chassis, Set, CompletionCode.InsufficientPrivilege);
        var e = await Assert.ThrowsAsync<IpmiException>(() => BootOptions.SetBootDeviceAsync(channel, BootDevice.Pxe, false, false, CancellationToken.None));
        Assert.Equal(IpmiError.InsufficientPrivilege, e.Error);
        Assert.Single(channel.Requests);
    }

    [Fact]
    public async Task GetBootFlagsReadsParameterFive()
    {
        var channel = new ScriptedChannel().Reply(NetFn.Chassis, Get, CompletionCode.Success, Hex("01 05 c0 08 00 00 00"));
        var flags = await BootOptions.GetBootFlagsAsync(channel, CancellationToken.None);
        Assert.Equal(new BootFlags(true, true, false, BootDevice.HardDrive), flags);
        Assert.Equal("050000", ToHex(channel.Requests[0].Data));
    }
}
