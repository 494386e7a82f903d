using Lifeline.Ipmi.Commands;
using Lifeline.Ipmi.Commands.Chassis;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

public class ChassisCommandTests
{
    [Fact]
    public void ChassisStatusWithoutFrontPanelByteParses()
    {
        // ipmitool raw 0x00 0x01 against ipmi_sim (powered off): three bytes, no front panel byte
        var r = GetChassisStatus.Instance.ReadResponse(Hex("00 00 00"));
        Assert.False(r.PowerOn);
        Assert.Equal(PowerRestorePolicy.StaysOff, r.RestorePolicy);
        Assert.Equal(LastPowerEvent.None, r.LastPowerEvent);
        Assert.Null(r.IdentifyState);
        Assert.Null(r.FrontPanel);
        Assert.Equal(Hex("00 00 00"), Of(r.Write));
    }

    [Fact]
    public void ChassisStatusWithEveryFieldSetParses()
    {
        // on, restore previous, fault bits; last event: powered on by IPMI after AC failure; identify temporary on,
        // cooling fault, intrusion; front panel: power off disabled, disable allowed for power off and reset
        var bytes = Hex("3f 11 59 31");
        var r = ChassisStatusResponse.Read(bytes);
        Assert.True(r.PowerOn && r.PowerOverload && r.Interlock && r.PowerFault && r.PowerControlFault);
        Assert.Equal(PowerRestorePolicy.RestoresPrevious, r.RestorePolicy);
        Assert.Equal(LastPowerEvent.PowerOnByIpmi | LastPowerEvent.AcFailed, r.LastPowerEvent);
        Assert.Equal(ChassisIdentifyState.TemporaryOn, r.IdentifyState);
        Assert.True(r.CoolingFault && r.ChassisIntrusion && !r.DriveFault && !r.FrontPanelLockout);
        Assert.Equal(FrontPanelButtons.PowerOffDisabled | FrontPanelButtons.PowerOffDisableAllowed | FrontPanelButtons.ResetDisableAllowed, r.FrontPanel);
        Assert.Equal(bytes, Of(r.Write));
    }

    [Fact]
    public void ChassisStatusShorterThanThreeBytesIsMalformed()
    {
        AssertTruncationIsMalformed(Hex("00 00 00"), 3, d => ChassisStatusResponse.Read(d));
    }

    [Theory]
    [InlineData(ChassisControlAction.PowerDown, "00")]
    [InlineData(ChassisControlAction.PowerUp, "01")]
    [InlineData(ChassisControlAction.PowerCycle, "02")]
    [InlineData(ChassisControlAction.HardReset, "03")]
    [InlineData(ChassisControlAction.PulseDiagnosticInterrupt, "04")]
    [InlineData(ChassisControlAction.SoftShutdown, "05")]
    public void ChassisControlEncodesTheAction(ChassisControlAction action, string hex)
    {
        var cmd = new ChassisControl(action);
        Assert.Equal(Hex(hex), Request(cmd));
        Assert.Equal(action, ChassisControl.Read(Hex(hex)).Action);
        Assert.Equal(0x02, cmd.Command);
    }

    [Fact]
    public void ChassisIdentifyEncodesIntervalAndForce()
    {
        Assert.Empty(Request(new ChassisIdentify()));
        Assert.Equal(Hex("0f"), Request(new ChassisIdentify(15)));
        Assert.Equal(Hex("00"), Request(ChassisIdentify.Off()));
        Assert.Equal(Hex("00 01"), Request(ChassisIdentify.On()));
        var back = ChassisIdentify.Read(Hex("00 01"));
        Assert.True(back.Force);
        Assert.Null(ChassisIdentify.Read([]).IntervalSeconds);
        Assert.Equal((byte)15, ChassisIdentify.Read(Hex("0f")).IntervalSeconds);
    }

    [Fact]
    public void ChassisIdentifyIgnoresGarbageAfterTheCompletionCode()
    {
        // ipmitool raw 0x00 0x04 0x0f 0x00 against ipmi_sim 2.0.33 answered 35 bytes of uninitialised memory
        var garbage = Hex("56 e1 08 8f 55 00 00 56 e0 d3 90 ee 7f 00 00 30 01 df 67 00 00 00 00 69 7b cf 90 ee 7f 00 00 e0 01 df 67");
        Assert.Same(EmptyResponse.Instance, new ChassisIdentify(15).ReadResponse(garbage));
    }

    [Fact]
    public void RestartCauseParsesAndRoundTrips()
    {
        var r = SystemRestartCauseResponse.Read(Hex("01 01"));
        Assert.Equal(RestartCause.ChassisControlCommand, r.Cause);
        Assert.Equal(1, r.Channel);
        Assert.Equal(RestartCause.WatchdogExpiration, SystemRestartCauseResponse.Read(Hex("f4 00")).Cause);
        Assert.Equal(Hex("0b 0f"), Of(new SystemRestartCauseResponse(RestartCause.RtcWakeup, 0x0F).Write));
        AssertTruncationIsMalformed(Hex("01 01"), 2, d => SystemRestartCauseResponse.Read(d));
    }

    [Fact]
    public void PohCounterParses()
    {
        var r = PohCounterResponse.Read(Hex("3c 10 27 00 00"));
        Assert.Equal(60, r.MinutesPerCount);
        Assert.Equal(10000u, r.Counter);
        Assert.Equal(TimeSpan.FromHours(10000), r.PoweredOn);
        Assert.Equal(Hex("3c 10 27 00 00"), Of(r.Write));
        AssertTruncationIsMalformed(Hex("3c 10 27 00 00"), 5, d => PohCounterResponse.Read(d));
    }

    [Fact]
    public void BootdevPxeRequestsMatchIpmitool()
    {
        // ipmitool chassis bootdev pxe options=efiboot,persistent sent, in order:
        //   00h 08h 00 01          set in progress
        //   00h 08h 04 01 01       boot info acknowledge (mask BIOS/POST, value 1)
        //   00h 08h 05 e0 04 00 00 00
        Assert.Equal(Hex("00 01"), Request(SetSystemBootOptions.SetInProgress(BootOptionSetState.SetInProgress)));
        Assert.Equal(Hex("04 01 01"), Request(SetSystemBootOptions.BootInfoAcknowledge(BootInfoAcknowledgeFlags.BiosPost, BootInfoAcknowledgeFlags.BiosPost)));
        var flags = new BootFlags(Valid: true, Persistent: true, Efi: true, BootDevice.Pxe);
        Assert.Equal(Hex("05 e0 04 00 00 00"), Request(SetSystemBootOptions.Flags(flags)));
    }

    [Fact]
    public void SetBootOptionsRequestRoundTrips()
    {
        var bytes = Hex("85 80 3c 00 00 00");
        var cmd = SetSystemBootOptions.Read(bytes);
        Assert.True(cmd.MarkInvalid);
        Assert.Equal(BootOptionParameter.BootFlags, cmd.Parameter);
        var flags = BootFlags.Read(cmd.Data);
        Assert.Equal(BootDevice.Floppy, flags.Device);
        Assert.True(flags.Valid);
        Assert.Equal(bytes, Request(cmd));
    }

    [Fact]
    public void GetBootFlagsRequestIsParameterFiveWithZeroSelectors()
    {
        Assert.Equal(Hex("05 00 00"), Request(new GetSystemBootOptions(BootOptionParameter.BootFlags)));
        var back = GetSystemBootOptions.Read(Hex("05 01 02"));
        Assert.Equal((BootOptionParameter.BootFlags, (byte)1, (byte)2), (back.Parameter, back.SetSelector, back.BlockSelector));
    }

    [Fact]
    public void BootFlagsFromIpmiSimAfterBootdevPxeParse()
    {
        // ipmitool raw 0x00 0x09 0x05 0x00 0x00 after `chassis bootdev pxe`: version 1, parameter 5, data 00 04 00 00 00
        // (ipmi_sim keeps the device selector but not data 1: valid/persistent/EFI read back clear)
        var r = SystemBootOptionsResponse.Read(Hex("01 05 00 04 00 00 00"));
        Assert.Equal(1, r.ParameterVersion);
        Assert.False(r.InvalidOrLocked);
        var flags = r.ToBootFlags();
        Assert.Equal(BootDevice.Pxe, flags.Device);
        Assert.False(flags.Valid);
        Assert.False(flags.Persistent);
        Assert.Equal(Hex("01 05 00 04 00 00 00"), Of(r.Write));
    }

    [Fact]
    public void BootInfoAcknowledgeFromIpmiSimParses()
    {
        // ipmitool raw 0x00 0x09 0x04 0x00 0x00: ipmi_sim answers version and selector with no data
        var r = SystemBootOptionsResponse.Read(Hex("01 04"));
        Assert.Equal(BootOptionParameter.BootInfoAcknowledge, r.Parameter);
        Assert.Empty(r.Data);
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => r.ToBootInfoAcknowledge()).Error);
        var full = SystemBootOptionsResponse.Read(Hex("01 04 01 01"));
        Assert.Equal((BootInfoAcknowledgeFlags.BiosPost, BootInfoAcknowledgeFlags.BiosPost), full.ToBootInfoAcknowledge());
    }

    [Theory]
    [InlineData(BootDevice.None, "00")]
    [InlineData(BootDevice.Pxe, "04")]
    [InlineData(BootDevice.HardDrive, "08")]
    [InlineData(BootDevice.HardDriveSafeMode, "0c")]
    [InlineData(BootDevice.DiagnosticPartition, "10")]
    [InlineData(BootDevice.CdDvd, "14")]
    [InlineData(BootDevice.BiosSetup, "18")]
    [InlineData(BootDevice.RemoteFloppy, "1c")]
    [InlineData(BootDevice.RemoteCdDvd, "20")]
    [InlineData(BootDevice.PrimaryRemoteMedia, "24")]
    [InlineData(BootDevice.RemoteHardDrive, "2c")]
    [InlineData(BootDevice.Floppy, "3c")]
    public void BootDeviceSelectorSitsInBitsFiveToTwo(BootDevice device, string data2)
    {
        var flags = new BootFlags(true, false, false, device);
        var bytes = flags.ToArray();
        Assert.Equal(Hex("80" + data2 + "000000"), bytes);
        Assert.Equal(flags, BootFlags.Read(bytes));
    }

    [Fact]
    public void BootFlagsKeepEveryBitThroughARoundTrip()
    {
        var flags = new BootFlags(true, true, false, BootDevice.CdDvd, ClearCmos: true, LockKeyboard: true, ScreenBlank: true,
            LockOutResetButton: true, Data3: 0xA5, Data4: 0x12, Data5: 0x1F);
        var bytes = flags.ToArray();
        Assert.Equal(Hex("c0 d7 a5 12 1f"), bytes);
        Assert.Equal(flags, BootFlags.Read(bytes));
    }

    [Fact]
    public void BootFlagsWithOnlyTwoBytesReadTheRestAsNoOverride()
    {
        var flags = BootFlags.Read(Hex("80 08"));
        Assert.Equal(BootDevice.HardDrive, flags.Device);
        Assert.Equal((0, 0, 0), (flags.Data3, flags.Data4, flags.Data5));
        AssertTruncationIsMalformed(Hex("80 08"), 2, d => BootFlags.Read(d));
    }

    [Fact]
    public void BootFlagsAskedOfAnotherParameterIsMalformed()
    {
        var r = SystemBootOptionsResponse.Read(Hex("01 04 01 01"));
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => r.ToBootFlags()).Error);
        Assert.Equal(BootOptionSetState.SetInProgress, SystemBootOptionsResponse.Read(Hex("01 00 01")).ToSetState());
        Assert.True(SystemBootOptionsResponse.Read(Hex("01 85 00 00 00 00 00")).InvalidOrLocked);
    }
}
