using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Tests.Commands.Support;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

public class PayloadCommandTests
{
    [Fact]
    public void ActivateSolRequestEncodesTheAuxiliaryBits()
    {
        var cmd = new ActivatePayload(PayloadType.Sol, 1, encrypt: true, authenticate: true,
            serialAlerts: SharedSerialAlertBehavior.Deferred, holdHandshakeUntilConsoleAsserts: true);
        var bytes = Request(cmd);
        // what ipmitool sol activate sends (traced with -v -v -v -v)
        Assert.Equal(Hex("01 01 c6 00 00 00"), bytes);
        var back = ActivatePayload.Read(bytes);
        Assert.True(back.Encrypt && back.Authenticate && back.HoldHandshakeUntilConsoleAsserts && !back.TestMode);
        Assert.Equal(SharedSerialAlertBehavior.Deferred, back.SerialAlerts);
        Assert.Equal(bytes, Request(back));
        Assert.Equal(Hex("01 02 20 00 00 00"), Request(new ActivatePayload(PayloadType.Sol, 2, false, false, testMode: true, SharedSerialAlertBehavior.Fail)));
    }

    [Fact]
    public void ActivateSolResponseFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x48 0x01 0x01 0xc6 0 0 0 against ipmi_sim on UDP 9643
        var r = ActivatePayloadResponse.Read(Hex("00 00 00 00 20 00 00 40 ab 25 ff ff"));
        Assert.False(r.TestModeEnabled);
        Assert.Equal(0x20, r.InboundPayloadSize);
        Assert.Equal(0x4000, r.OutboundPayloadSize);   // ipmi_sim quirk, decoded literally
        Assert.Equal(9643, r.PayloadPort);
        Assert.Null(r.Vlan);
        Assert.Equal(Hex("00 00 00 00 20 00 00 40 ab 25 ff ff"), Of(r.Write));
    }

    [Fact]
    public void ActivateResponseWithVlanAndWithoutVlanBytesParse()
    {
        var r = ActivatePayloadResponse.Read(Hex("01 00 00 00 f8 00 f8 00 6f 02 0a 00"));
        Assert.True(r.TestModeEnabled);
        Assert.Equal((ushort)10, r.Vlan);
        Assert.Equal(623, r.PayloadPort);
        Assert.Null(ActivatePayloadResponse.Read(Hex("00 00 00 00 f8 00 f8 00 6f 02")).Vlan);
        AssertTruncationIsMalformed(Hex("00 00 00 00 f8 00 f8 00 6f 02"), 10, d => ActivatePayloadResponse.Read(d));
    }

    [Fact]
    public async Task ActivateOnAPayloadInUseThrowsPayloadInUse()
    {
        var channel = new ScriptedChannel().Reply(NetFn.App, 0x48, (CompletionCode)0x80);
        var e = await Assert.ThrowsAsync<IpmiException>(() => channel.ActivatePayloadAsync(new ActivatePayload(PayloadType.Sol), CancellationToken.None));
        Assert.Equal(IpmiError.PayloadInUse, e.Error);
        Assert.Equal((CompletionCode)0x80, e.CompletionCode);
        Assert.Contains("already active", e.Message, StringComparison.Ordinal);
        Assert.Contains("deactivate", e.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivateWithoutEncryptionSupportKeepsTheCompletionCodeCategory()
    {
        var channel = new ScriptedChannel().Reply(NetFn.App, 0x48, (CompletionCode)0x83);
        var e = await Assert.ThrowsAsync<IpmiException>(() => channel.ActivatePayloadAsync(new ActivatePayload(PayloadType.Sol), CancellationToken.None));
        Assert.Equal(IpmiError.CompletionCode, e.Error);
        Assert.Contains("with encryption", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapErrorLeavesGenericCodesAlone()
    {
        var original = new IpmiException(CompletionCode.NodeBusy, NetFn.App, 0x48, "Activate Payload");
        Assert.Same(original, ActivatePayload.MapError(original));
    }

    [Fact]
    public async Task DeactivateReportsWhetherThePayloadWasActive()
    {
        // ipmitool's ~. sends 06h 49h 01 01 00 00 00 00
        Assert.Equal(Hex("01 01 00 00 00 00"), Request(new DeactivatePayload(PayloadType.Sol)));
        var channel = new ScriptedChannel()
            .Reply(NetFn.App, 0x49, CompletionCode.Success)
            .Reply(NetFn.App, 0x49, (CompletionCode)0x80)
            .Reply(NetFn.App, 0x49, CompletionCode.InsufficientPrivilege);
        Assert.True(await channel.DeactivatePayloadAsync(new DeactivatePayload(PayloadType.Sol), CancellationToken.None));
        Assert.False(await channel.DeactivatePayloadAsync(new DeactivatePayload(PayloadType.Sol), CancellationToken.None));
        var e = await Assert.ThrowsAsync<IpmiException>(() => channel.DeactivatePayloadAsync(new DeactivatePayload(PayloadType.Sol), CancellationToken.None));
        Assert.Equal(IpmiError.InsufficientPrivilege, e.Error);
        Assert.Equal((byte)2, DeactivatePayload.Read(Hex("01 02 00 00 00 00")).Instance);
    }

    [Fact]
    public void ActivationStatusFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x4a 0x01: one SOL instance, none active
        Assert.Equal(Hex("01"), Request(new GetPayloadActivationStatus(PayloadType.Sol)));
        var r = PayloadActivationStatusResponse.Read(Hex("01 00 00"));
        Assert.Equal(1, r.InstanceCapacity);
        Assert.False(r.IsActive(1));
        var busy = PayloadActivationStatusResponse.Read(Hex("02 02 80"));
        Assert.True(busy.IsActive(2));
        Assert.True(busy.IsActive(16));
        Assert.False(busy.IsActive(1));
        Assert.False(busy.IsActive(17));
        Assert.Equal(Hex("02 02 80"), Of(busy.Write));
    }

    [Fact]
    public void PayloadInstanceInfoFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x4b 0x01 0x01
        Assert.Equal(Hex("01 01"), Request(new GetPayloadInstanceInfo(PayloadType.Sol, 1)));
        var r = PayloadInstanceInfoResponse.Read(Hex("00 00 00 00 01 00 00 00 00 00 00 00"));
        Assert.False(r.IsActive);
        Assert.Equal(1, r.SolPortNumber);
        Assert.Equal(Hex("00 00 00 00 01 00 00 00 00 00 00 00"), Of(r.Write));
        AssertTruncationIsMalformed(Hex("00 00 00 00 01 00 00 00 00 00 00 00"), 12, d => PayloadInstanceInfoResponse.Read(d));
    }
}
