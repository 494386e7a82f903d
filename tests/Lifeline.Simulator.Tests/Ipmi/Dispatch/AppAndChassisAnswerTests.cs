using Lifeline.Ipmi.Commands;
using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Tests.Model;
using IpmiBootDevice = Lifeline.Ipmi.Commands.Chassis.BootDevice;
using IpmiBootFlags = Lifeline.Ipmi.Commands.Chassis.BootFlags;
using SessionPrivilege = Lifeline.Ipmi.Sessions.PrivilegeLevel;
using PrivilegeLevel = Lifeline.Ipmi.Sessions.PrivilegeLevel;
using ChassisIdentifyState = Lifeline.Ipmi.Commands.Chassis.ChassisIdentifyState;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

public sealed class AppAndChassisAnswerTests
{
    [Fact]
    public void GetDeviceIdAnswersTheModelsIdentityWithBcdVersions()
    {
        var h = new DispatchHarness(TestNodes.Quiet with { Personality = VendorPersonality.DellLike });
        var id = h.Execute(GetDeviceId.Instance);
        Assert.Equal(674u, id.ManufacturerId);
        Assert.Equal(h.Model.Identity.ProductId, id.ProductId);
        Assert.Equal("6.10", id.FirmwareRevision);
        Assert.Equal("2.0", id.IpmiVersion);
        Assert.True(id.DeviceAvailable);
        Assert.Equal(DeviceIdentity.StandardSupport, id.AdditionalDeviceSupport);
    }

    [Fact]
    public void AnUnknownCommandAnswersInvalidCommand()
    {
        var h = new DispatchHarness();
        Assert.Equal(CompletionCode.InvalidCommand, h.Send(NetFn.App, 0x99).Code);
        Assert.Equal(CompletionCode.InvalidCommand, h.Send(NetFn.OemGroup, 0x01, 0x00).Code);
    }

    [Fact]
    public void AGroupExtensionOtherThanDcmiAnswersInvalidCommand()
    {
        var h = new DispatchHarness();
        Assert.Equal(CompletionCode.InvalidCommand, h.Send(NetFn.GroupExtension, 0x01, 0x00, 0x01).Code);
    }

    [Fact]
    public void ARequestOfTheWrongLengthAnswersC7()
    {
        var h = new DispatchHarness();
        Assert.Equal(CompletionCode.RequestDataLengthInvalid, h.Send(NetFn.App, 0x01, 0x00).Code);
        Assert.Equal(CompletionCode.RequestDataLengthInvalid, h.Send(NetFn.Chassis, 0x02).Code);
        Assert.Equal(CompletionCode.RequestDataLengthInvalid, h.Send(NetFn.Storage, 0x23, 0, 0, 0, 0).Code);
    }

    [Fact]
    public void ANonZeroLunAnswersInvalidCommandForLun()
    {
        var h = new DispatchHarness();
        var context = new Lifeline.Simulator.Ipmi.IpmiCommandContext(null, SessionPrivilege.Administrator, new System.Net.IPEndPoint(0, 0));
        Assert.Equal(CompletionCode.InvalidCommandForLun, h.Dispatcher.Handle(context, new IpmiRequest(NetFn.App, 0x01, default, Lun: 1)).Code);
    }

    [Fact]
    public void ChannelAuthCapsForThisChannelAnswersTheLanChannelWithIpmi20()
    {
        var h = new DispatchHarness();
        var caps = h.Execute(new GetChannelAuthenticationCapabilities(0x0E, PrivilegeLevel.Administrator));
        Assert.Equal(1, caps.ChannelNumber);
        Assert.True(caps.ExtendedCapabilities);
        Assert.True(caps.SupportsIpmi20);
        Assert.False(caps.SupportsIpmi15);
        Assert.True(caps.NonNullUserNamesEnabled);
        Assert.False(caps.AnonymousLoginEnabled);
        Assert.False(caps.KgNonZero);
    }

    [Fact]
    public void ChannelAuthCapsForAnotherChannelIsAnInvalidField()
    {
        var h = new DispatchHarness();
        Assert.Equal(CompletionCode.InvalidDataField, h.Send(NetFn.App, 0x38, 0x83, 0x04).Code);
    }

    [Fact]
    public void CipherSuitesListTheSuitesTheNodeAccepts()
    {
        var h = new DispatchHarness(TestNodes.Quiet with { Faults = FaultSettings.Default.WithCipherSuiteZero() });
        var records = new List<byte>();
        for (byte index = 0; ; index++)
        {
            var chunk = h.Execute(new GetChannelCipherSuites(0x0E, index));
            Assert.Equal(1, chunk.ChannelNumber);
            records.AddRange(chunk.RecordData);
            if (chunk.IsLastChunk)
            {
                break;
            }
        }
        var suites = CipherSuiteRecords.Parse(records.ToArray());
        Assert.Equal([0, 1, 2, 3, 17], suites.Select(s => (int)s.Id));
        Assert.Equal(AuthenticationAlgorithm.RakpHmacSha256, suites.Single(s => s.Id == 17).Authentication);
    }

    [Fact]
    public void ChannelPayloadSupportAnswersForChannelOneAndForThisChannel()
    {
        var h = new DispatchHarness();
        foreach (byte channel in new byte[] { 0x01, 0x0E })
        {
            var response = h.Send(NetFn.App, 0x4E, channel);
            Assert.Equal(CompletionCode.Success, response.Code);
            Assert.Equal([0x03, 0x00, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00], response.Data.ToArray());
        }
        Assert.Equal(CompletionCode.InvalidDataField, h.Send(NetFn.App, 0x4E, 0x05).Code);
    }

    [Fact]
    public void GetSessionInfoDescribesTheCallersSession()
    {
        var h = new DispatchHarness();
        var session = DispatchHarness.Session(0x2A, SessionPrivilege.Operator);
        var w = new IpmiWriter();
        GetSessionInfo.Current().WriteRequest(w);
        var response = h.Send(NetFn.App, 0x3D, w.ToArray(), SessionPrivilege.Operator, session);
        var info = SessionInfoResponse.Read(response.Data.Span);
        Assert.Equal(0x2A, info.SessionHandle);
        Assert.Equal((byte)2, info.UserId);
        Assert.Equal(PrivilegeLevel.Operator, info.OperatingPrivilege);
        Assert.Equal((byte)1, info.ProtocolAuxiliary);
        Assert.Equal((ushort)40001, info.RemoteConsolePort);
    }

    [Fact]
    public void UserNamesAndAccessComeFromTheModelsUserTable()
    {
        var h = new DispatchHarness();
        Assert.Equal("admin", h.Execute(new GetUserName(2)).UserName);
        Assert.Equal("", h.Execute(new GetUserName(7)).UserName);
        var access = h.Execute(new GetUserAccess(1, 3));
        Assert.Equal(BmcModel.MaxUsers, access.MaximumUserIds);
        Assert.Equal(PrivilegeLevel.Operator, access.PrivilegeLimit);
        Assert.Equal(UserIdEnableStatus.Enabled, access.EnableStatus);
        Assert.Equal(3, access.EnabledUserIds);
    }

    [Fact]
    public void SetUserNameAndPasswordChangeTheModelAndTestPasswordChecksIt()
    {
        var h = new DispatchHarness();
        h.Execute(new SetUserName(5, "ops"));
        h.Execute(SetUserPassword.Set(5, "s3cret"u8, twentyBytes: true));
        h.Execute(SetUserPassword.Enable(5));
        h.Execute(new SetUserAccess(1, 5, PrivilegeLevel.Operator));
        var user = h.Model.GetUser(5)!;
        Assert.Equal("ops", user.Name);
        Assert.True(user.Enabled);
        Assert.True(user.PasswordMatches("s3cret"u8));
        Assert.Equal(Lifeline.Simulator.Model.PrivilegeLevel.Operator, user.Privilege);

        var w = new IpmiWriter();
        SetUserPassword.Test(5, "wrong"u8, twentyBytes: true).WriteRequest(w);
        Assert.Equal(0x80, (byte)h.Send(NetFn.App, 0x47, w.ToArray()).Code);
        h.Execute(SetUserPassword.Test(5, "s3cret"u8, twentyBytes: true));
    }

    [Fact]
    public void AUserNameTheModelCannotHoldAnswersCCh()
    {
        var h = new DispatchHarness();
        byte[] request = [5, .. Enumerable.Repeat((byte)0xE9, 16)]; // 16 Latin-1 'é' are 32 bytes of UTF-8
        Assert.Equal(CompletionCode.InvalidDataField, h.Send(NetFn.App, 0x45, request).Code);
        Assert.Null(h.Model.GetUser(5));
    }

    [Fact]
    public void ColdResetRebootsTheBmc()
    {
        var h = new DispatchHarness();
        int epoch = h.Model.BmcEpoch;
        h.Execute(ColdReset.Instance);
        Assert.Equal(epoch + 1, h.Model.BmcEpoch);
        Assert.False(h.Model.IsBmcAvailable);
    }

    [Fact]
    public void ChassisStatusReportsTheModelsPowerAndIdentify()
    {
        var h = new DispatchHarness();
        h.Model.ChassisIdentify(force: true);
        var status = h.Execute(GetChassisStatus.Instance);
        Assert.True(status.PowerOn);
        Assert.Equal(ChassisIdentifyState.IndefiniteOn, status.IdentifyState);
        Assert.NotNull(status.FrontPanel);
    }

    [Fact]
    public void ChassisStatusOmitsTheFrontPanelByteForAPersonalityWithThatQuirk()
    {
        var h = new DispatchHarness(TestNodes.Quiet with { Personality = VendorPersonality.HpeLike });
        Assert.Null(h.Execute(GetChassisStatus.Instance).FrontPanel);
    }

    [Fact]
    public void ChassisControlDrivesThePowerStateMachine()
    {
        var h = new DispatchHarness();
        h.Execute(new ChassisControl(ChassisControlAction.PowerDown));
        Assert.Equal(PowerState.Off, h.Model.PowerState);
        Assert.False(h.Execute(GetChassisStatus.Instance).PowerOn);
        h.Execute(new ChassisControl(ChassisControlAction.PowerUp));
        h.Clock.Advance(h.Model.Options.Timings.PowerOnDelay);
        Assert.Equal(PowerState.On, h.Model.PowerState);
        Assert.Equal(RestartCause.ChassisControlCommand, h.Execute(GetSystemRestartCause.Instance).Cause);
    }

    [Fact]
    public void PowerCycleWhileOffAnswersNotInPresentState()
    {
        var h = new DispatchHarness(on: false);
        Assert.Equal(CompletionCode.NotSupportedInPresentState, h.Send(NetFn.Chassis, 0x02, 0x02).Code);
        Assert.Equal(CompletionCode.InvalidDataField, h.Send(NetFn.Chassis, 0x02, 0x07).Code);
    }

    [Fact]
    public void ChassisIdentifyWithoutAnIntervalUsesTheDefault()
    {
        var h = new DispatchHarness();
        h.Execute(new ChassisIdentify());
        Assert.Equal(Lifeline.Simulator.Model.ChassisIdentifyState.TimedOn, h.Model.IdentifyState);
        h.Clock.Advance(h.Model.Options.Timings.DefaultIdentifyInterval);
        Assert.Equal(Lifeline.Simulator.Model.ChassisIdentifyState.Off, h.Model.IdentifyState);
    }

    [Fact]
    public void PohCounterCountsMinutesOfMainPower()
    {
        var h = new DispatchHarness();
        var before = h.Execute(GetPohCounter.Instance);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        var after = h.Execute(GetPohCounter.Instance);
        Assert.Equal(1, after.MinutesPerCount);
        Assert.Equal(before.Counter + 10, after.Counter);
    }

    [Fact]
    public void BootFlagsSetByIpmiReadBackAndReachTheModel()
    {
        var h = new DispatchHarness();
        h.Execute(SetSystemBootOptions.SetInProgress(BootOptionSetState.SetInProgress));
        h.Execute(SetSystemBootOptions.BootInfoAcknowledge(BootInfoAcknowledgeFlags.BiosPost, BootInfoAcknowledgeFlags.None));
        h.Execute(SetSystemBootOptions.Flags(new IpmiBootFlags(Valid: true, Persistent: false, Efi: true, IpmiBootDevice.Pxe, Data3: 0x02)));
        h.Execute(SetSystemBootOptions.SetInProgress(BootOptionSetState.CommitWrite));
        h.Execute(SetSystemBootOptions.SetInProgress(BootOptionSetState.SetComplete));

        var flags = h.Execute(new GetSystemBootOptions(BootOptionParameter.BootFlags)).ToBootFlags();
        Assert.True(flags.Valid);
        Assert.True(flags.Efi);
        Assert.Equal(IpmiBootDevice.Pxe, flags.Device);
        Assert.Equal(0x02, flags.Data3);
        Assert.Equal(Lifeline.Simulator.Model.BootDevice.Pxe, h.Model.BootFlags.Device);
        Assert.Equal(ConsoleRedirectionControl.Enable, h.Model.BootFlags.ConsoleRedirection);
        Assert.Equal(BootOptionSetState.SetComplete, h.Execute(new GetSystemBootOptions(BootOptionParameter.SetInProgress)).ToSetState());
    }

    [Fact]
    public void BootOptionSetInProgressTwiceAnswers81hAndUnknownParametersAnswer80h()
    {
        var h = new DispatchHarness();
        h.Execute(SetSystemBootOptions.SetInProgress(BootOptionSetState.SetInProgress));
        Assert.Equal(0x81, (byte)h.Send(NetFn.Chassis, 0x08, 0x00, 0x01).Code);
        Assert.Equal(0x80, (byte)h.Send(NetFn.Chassis, 0x09, 0x07, 0x00, 0x00).Code);
        Assert.Equal(0x80, (byte)h.Send(NetFn.Chassis, 0x08, 0x06, 0x00).Code);
        Assert.Equal(CompletionCode.RequestDataLengthInvalid, h.Send(NetFn.Chassis, 0x08, 0x05, 0x80).Code);
    }

    [Fact]
    public void BootValidBitClearingAndAcknowledgeParametersReadBack()
    {
        var h = new DispatchHarness();
        h.Execute(new SetSystemBootOptions(BootOptionParameter.BmcBootFlagValidBitClearing, [0x10]));
        Assert.Equal([0x10], h.Execute(new GetSystemBootOptions(BootOptionParameter.BmcBootFlagValidBitClearing)).Data);
        Assert.Equal(BootFlagValidBitClearing.DontClearOnTimeout, h.Model.BootFlagValidBitClearing);
        h.Execute(SetSystemBootOptions.BootInfoAcknowledge(BootInfoAcknowledgeFlags.OsLoader, BootInfoAcknowledgeFlags.OsLoader));
        Assert.Equal(BootInfoAcknowledgeFlags.OsLoader,
            h.Execute(new GetSystemBootOptions(BootOptionParameter.BootInfoAcknowledge)).ToBootInfoAcknowledge().Value);
    }
}
