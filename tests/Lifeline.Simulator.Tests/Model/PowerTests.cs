using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class PowerTests
{
    [Fact]
    public void PowerOnTurnsMainPowerOnAfterThePowerOnDelay()
    {
        var clock = Clock();
        var node = Off(clock);

        Assert.Equal(ChassisControlResult.Accepted, node.PowerOn());
        Assert.Equal(PowerState.PoweringOn, node.PowerState);
        Assert.Equal(Start + TimeSpan.FromSeconds(1), node.PowerTransitionDeadline);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(node.IsPoweredOn);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PowerState.On, node.PowerState);
        Assert.Equal(SystemRestartCause.ChassisControlCommand, node.RestartCause);
        Assert.Equal(LastPowerEvent.PowerOnViaIpmi, node.GetChassisStatus().LastPowerEvent);
        Assert.True(node.GetChassisStatus().PowerOn);
    }

    [Fact]
    public void TransitionSeenLateHappensAtItsDeadline()
    {
        var clock = Clock();
        var node = Off(clock);
        node.PowerOn();

        clock.Advance(TimeSpan.FromHours(1)); // nobody looks for an hour

        var powerOn = Assert.Single(Events(node, SensorNumbers.PowerUnit));
        Assert.Equal(EventDirection.Deassertion, powerOn.Direction); // "power off/down" deasserted
        Assert.Equal(0, powerOn.Offset);
        Assert.Equal(Seconds(Start) + 1, powerOn.Timestamp);
        var boot = Assert.Single(Events(node, SensorNumbers.SystemBoot));
        Assert.Equal(SelGenerator.Bios, boot.GeneratorId);
        Assert.Equal(SensorType.SystemBootInitiated, boot.SensorType);
        Assert.Equal(0, boot.Offset); // initiated by power up
        Assert.Equal(Seconds(Start) + 1, boot.Timestamp);
    }

    [Fact]
    public void PowerOffIsImmediateAndLogged()
    {
        var clock = Clock();
        var node = On(clock);

        node.PowerOff();

        Assert.Equal(PowerState.Off, node.PowerState);
        var off = Assert.Single(Events(node, SensorNumbers.PowerUnit));
        Assert.Equal(EventDirection.Assertion, off.Direction);
        Assert.Equal(0, off.Offset);
        Assert.Equal(SensorType.PowerUnit, off.SensorType);
        Assert.Equal((byte)EventReadingType.SensorSpecific, off.EventType);
        Assert.Equal(1, node.ReadSensor(SensorNumbers.PowerUnit).States & 1);
    }

    [Fact]
    public void PowerCycleKeepsMainPowerOffForTheOffIntervalThenPowersOn()
    {
        var clock = Clock();
        var node = On(clock);

        Assert.Equal(ChassisControlResult.Accepted, node.PowerCycle());
        Assert.Equal(PowerState.Cycling, node.PowerState);
        Assert.False(node.IsPoweredOn);

        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(node.IsPoweredOn);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(PowerState.On, node.PowerState);
        Assert.Equal(SystemRestartCause.ChassisControlCommand, node.RestartCause);

        var powerUnit = Events(node, SensorNumbers.PowerUnit);
        Assert.Equal(2, powerUnit.Length);
        Assert.Equal(1, powerUnit[0].Offset); // power cycle
        Assert.Equal(EventDirection.Deassertion, powerUnit[1].Direction);
    }

    [Fact]
    public void PowerCycleOffIntervalIsConfigurable()
    {
        var clock = Clock();
        var node = On(clock, Quiet with { Timings = PowerTimings.Default with { PowerCycleOffInterval = TimeSpan.FromSeconds(10) } });

        node.PowerCycle();
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(node.IsPoweredOn);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(node.IsPoweredOn);
    }

    [Fact]
    public void PowerCycleOrResetWhileOffIsNotSupportedInPresentState()
    {
        var clock = Clock();
        var node = Off(clock);

        Assert.Equal(ChassisControlResult.NotInPresentState, node.PowerCycle());
        Assert.Equal(ChassisControlResult.NotInPresentState, node.HardReset());
        Assert.Equal(ChassisControlResult.NotInPresentState, node.DiagnosticInterrupt());
        Assert.Equal(PowerState.Off, node.PowerState);
    }

    [Fact]
    public void SoftOffTurnsPowerOffAfterTheShutdownDelay()
    {
        var clock = Clock();
        var node = On(clock);

        Assert.Equal(ChassisControlResult.Accepted, node.SoftOff());
        Assert.Equal(PowerState.ShuttingDown, node.PowerState);
        Assert.True(node.IsPoweredOn);

        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.True(node.IsPoweredOn);
        Assert.Contains("Stopped target multi-user.target", ConsoleText(node));

        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(PowerState.Off, node.PowerState);
        Assert.Contains("reboot: Power down", ConsoleText(node));
        var off = Assert.Single(Events(node, SensorNumbers.PowerUnit));
        Assert.Equal(Seconds(Start) + 5, off.Timestamp);
    }

    [Fact]
    public void SoftOffIsIgnoredWhilePoweredOff()
    {
        var clock = Clock();
        var node = Off(clock);

        Assert.Equal(ChassisControlResult.Accepted, node.SoftOff());
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(PowerState.Off, node.PowerState);
        Assert.Empty(node.GetSelEntries());
    }

    [Fact]
    public void HardResetKeepsPowerOnAndRebootsTheHost()
    {
        var clock = Clock();
        var node = On(clock);
        Assert.Equal(HostStage.Login, node.HostStage);

        Assert.Equal(ChassisControlResult.Accepted, node.HardReset());

        Assert.Equal(PowerState.On, node.PowerState);
        Assert.Equal(HostStage.Firmware, node.HostStage);
        Assert.Empty(Events(node, SensorNumbers.PowerUnit));
        Assert.Equal(1, Assert.Single(Events(node, SensorNumbers.SystemBoot)).Offset); // initiated by hard reset
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HostStage.Login, node.HostStage);
    }

    [Fact]
    public void DiagnosticInterruptLogsAnNmiAndPanicsTheRunningOs()
    {
        var clock = Clock();
        var node = On(clock);

        Assert.Equal(ChassisControlResult.Accepted, node.DiagnosticInterrupt());

        var nmi = Assert.Single(Events(node, SensorNumbers.CriticalInterrupt));
        Assert.Equal(SensorType.CriticalInterrupt, nmi.SensorType);
        Assert.Equal(0, nmi.Offset); // front panel NMI / diagnostic interrupt
        Assert.Equal(HostStage.Panicked, node.HostStage);
        Assert.Contains("Kernel panic - not syncing: NMI: Not continuing", ConsoleText(node));
        Assert.True(node.IsPoweredOn);
    }

    [Fact]
    public void PanickedOsIgnoresSoftOffButNotPowerOff()
    {
        var clock = Clock();
        var node = On(clock);
        node.DiagnosticInterrupt();

        node.SoftOff();
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(PowerState.On, node.PowerState);

        node.PowerOff();
        Assert.Equal(PowerState.Off, node.PowerState);
    }

    [Fact]
    public void LosingBothPowerSuppliesDropsMainPowerWithAPowerFault()
    {
        var clock = Clock();
        var node = On(clock);

        node.FailPowerSupply(1);
        Assert.True(node.IsPoweredOn);
        node.FailPowerSupply(2);

        Assert.False(node.IsPoweredOn);
        var status = node.GetChassisStatus();
        Assert.True(status.PowerFault);
        Assert.Equal(LastPowerEvent.PowerFault, status.LastPowerEvent);

        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(node.IsPoweredOn);
        Assert.True(node.GetChassisStatus().PowerControlFault);

        node.RestorePowerSupply(2);
        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(node.IsPoweredOn);
        Assert.False(node.GetChassisStatus().PowerFault);
    }

    [Fact]
    public void AcPowerCycleAppliesTheRestorePolicyOnceTheBmcIsBack()
    {
        var clock = Clock();
        var node = On(clock, Quiet with { PowerRestorePolicy = PowerRestorePolicy.AlwaysOn });
        int epoch = node.BmcEpoch;

        node.AcPowerCycle();

        Assert.False(node.IsPoweredOn);
        Assert.False(node.IsBmcAvailable);
        Assert.Equal(epoch + 1, node.BmcEpoch);
        Assert.Equal(4, Assert.Single(Events(node, SensorNumbers.PowerUnit)).Offset); // AC lost

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(node.IsBmcAvailable);
        Assert.False(node.IsPoweredOn);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(node.IsPoweredOn);
        Assert.Equal(SystemRestartCause.PowerRestoreAlwaysOn, node.RestartCause);
        Assert.Equal(LastPowerEvent.AcFailed, node.GetChassisStatus().LastPowerEvent);
    }

    [Fact]
    public void AcPowerCycleWithAlwaysOffLeavesTheHostOff()
    {
        var clock = Clock();
        var node = On(clock);

        node.AcPowerCycle();
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(node.IsPoweredOn);
    }

    [Fact]
    public void PowerOnMinutesGrowOnlyWhileMainPowerIsOn()
    {
        var clock = Clock();
        var node = On(clock);
        long start = node.PowerOnMinutes;
        Assert.True(start > 0); // a node has a past

        clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(start + 90, node.PowerOnMinutes);

        node.PowerOff();
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(start + 90, node.PowerOnMinutes);
    }

    [Fact]
    public void PowerButtonPowersOnWithItsRestartCauseUnlessDisabled()
    {
        var clock = Clock();
        var node = Off(clock);

        node.FrontPanel = new FrontPanelState(PowerButtonDisabled: true, false, false, false);
        Assert.False(node.PressPowerButton());

        node.FrontPanel = default;
        Assert.True(node.PressPowerButton());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(node.IsPoweredOn);
        Assert.Equal(SystemRestartCause.PowerButton, node.RestartCause);
    }

    [Fact]
    public void ChassisIdentifyTurnsItselfOffAfterTheInterval()
    {
        var clock = Clock();
        var node = On(clock);

        node.ChassisIdentify();
        Assert.Equal(ChassisIdentifyState.TimedOn, node.IdentifyState);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(ChassisIdentifyState.Off, node.IdentifyState);

        node.ChassisIdentify(force: true);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ChassisIdentifyState.IndefiniteOn, node.GetChassisStatus().Identify);

        node.ChassisIdentify(TimeSpan.Zero);
        Assert.Equal(ChassisIdentifyState.Off, node.IdentifyState);
    }
}
