using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class BootFlagsTests
{
    private static readonly BootFlags PxeOnce = new() { Valid = true, Device = BootDevice.Pxe, Efi = true };

    [Fact]
    public void OnceBootFlagIsUsedAtTheNextPowerOnAndThenCleared()
    {
        var clock = Clock();
        var node = Off(clock);
        node.BootFlags = PxeOnce;

        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(BootDevice.Pxe, node.LastBootDevice);
        Assert.False(node.BootFlags.Valid);
        Assert.Equal(BootDevice.Pxe, node.BootFlags.Device); // the data stays, only valid is cleared
        Assert.Equal(BootInfoAcknowledge.BiosPost, node.BootInfoAcknowledge);

        clock.Advance(TimeSpan.FromSeconds(30));
        string console = ConsoleText(node);
        Assert.Contains(">>Start PXE over IPv4", console);
        Assert.DoesNotContain("Hard Disk", console);
        var osBoot = Assert.Single(Events(node, SensorNumbers.OsBoot));
        Assert.Equal(2, osBoot.Offset); // PXE boot completed
        Assert.Equal(SelGenerator.Os, osBoot.GeneratorId);

        node.HardReset();
        Assert.Equal(BootDevice.None, node.LastBootDevice);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Contains("Booting from UEFI Hard Disk", ConsoleText(node, console.Length));
    }

    [Fact]
    public void PersistentBootFlagIsKeptAcrossBoots()
    {
        var clock = Clock();
        var node = On(clock);
        node.BootFlags = PxeOnce with { Persistent = true };

        node.HardReset();
        Assert.Equal(BootDevice.Pxe, node.LastBootDevice);
        clock.Advance(TimeSpan.FromMinutes(5)); // also past the 60 s timer, which persistent flags do not have

        node.PowerCycle();
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(BootDevice.Pxe, node.LastBootDevice);
        Assert.True(node.BootFlags.Valid);
    }

    [Fact]
    public void OnceBootFlagLapsesSixtySecondsAfterItWasSetWithoutAChassisCommand()
    {
        var clock = Clock();
        var node = Off(clock);
        node.BootFlags = PxeOnce;

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(node.BootFlags.Valid);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(node.BootFlags.Valid);

        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BootDevice.None, node.LastBootDevice);
    }

    [Fact]
    public void ChassisCommandWithinSixtySecondsKeepsTheOnceFlagUntilPost()
    {
        var clock = Clock();
        var node = Off(clock, Quiet with { Timings = PowerTimings.Default with { PowerOnDelay = TimeSpan.FromSeconds(90) } });
        node.BootFlags = PxeOnce;

        clock.Advance(TimeSpan.FromSeconds(30));
        node.PowerOn(); // POST only 90 s later
        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.True(node.IsPoweredOn);
        Assert.Equal(BootDevice.Pxe, node.LastBootDevice);
    }

    [Fact]
    public void TimeoutCanBeDisabledByTheValidBitClearingParameter()
    {
        var clock = Clock();
        var node = Off(clock);
        node.BootFlagValidBitClearing = BootFlagValidBitClearing.DontClearOnTimeout;
        node.BootFlags = PxeOnce;

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.True(node.BootFlags.Valid);
    }

    [Fact]
    public void BiosSetupFlagStopsInSetupWithoutBootingAnOs()
    {
        var clock = Clock();
        var node = Off(clock);
        node.BootFlags = new BootFlags { Valid = true, Device = BootDevice.BiosSetup };

        node.PowerOn();
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HostStage.BiosSetup, node.HostStage);
        Assert.Contains("Entering Setup", ConsoleText(node));
        Assert.Empty(Events(node, SensorNumbers.OsBoot));
    }

    [Fact]
    public void LegacyFlagShowsALegacyBoot()
    {
        var clock = Clock();
        var node = Off(clock);
        node.BootFlags = new BootFlags { Valid = true, Device = BootDevice.Disk, Efi = false };

        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.False(node.LastBootWasEfi);
        Assert.Contains("Booting from Legacy Hard Disk", ConsoleText(node));
    }

    [Fact]
    public void SetInProgressTwiceIsRefusedUntilCompleted()
    {
        var node = Off(Clock());

        Assert.True(node.TrySetBootOptionsSetState(BootOptionsSetState.SetInProgress));
        Assert.False(node.TrySetBootOptionsSetState(BootOptionsSetState.SetInProgress));
        Assert.True(node.TrySetBootOptionsSetState(BootOptionsSetState.CommitWrite));
        Assert.Equal(BootOptionsSetState.SetComplete, node.BootOptionsSetState);
        Assert.True(node.TrySetBootOptionsSetState(BootOptionsSetState.SetInProgress));
    }

    [Fact]
    public void BootInfoAcknowledgeWritesOnlyTheMaskedBits()
    {
        var node = Off(Clock());

        node.SetBootInfoAcknowledge(BootInfoAcknowledge.Oem | BootInfoAcknowledge.Sms, BootInfoAcknowledge.Sms | BootInfoAcknowledge.BiosPost);

        Assert.Equal(BootInfoAcknowledge.Sms, node.BootInfoAcknowledge);
        node.RebootBmc();
        Assert.Equal(BootInfoAcknowledge.None, node.BootInfoAcknowledge);
    }
}
