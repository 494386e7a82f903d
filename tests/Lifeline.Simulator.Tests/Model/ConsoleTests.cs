using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class ConsoleTests
{
    [Fact]
    public void ConsoleShowsPostThenKernelThenALoginPromptAfterPowerOn()
    {
        var clock = Clock();
        var node = Off(clock);
        node.PowerOn();

        clock.Advance(TimeSpan.FromSeconds(4));
        string early = ConsoleText(node);
        Assert.Contains("BIOS Version", early);
        Assert.DoesNotContain("Linux version", early);
        Assert.Equal(HostStage.Firmware, node.HostStage);

        clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Contains("Linux version", ConsoleText(node));
        Assert.DoesNotContain("login:", ConsoleText(node));

        clock.Advance(TimeSpan.FromSeconds(10));
        string text = ConsoleText(node);
        Assert.EndsWith("node001 login: ", text);
        Assert.Equal(HostStage.Login, node.HostStage);
        int post = text.IndexOf("Memory Test", StringComparison.Ordinal);
        int device = text.IndexOf("Booting from UEFI Hard Disk", StringComparison.Ordinal);
        int grub = text.IndexOf("Welcome to GRUB!", StringComparison.Ordinal);
        int kernel = text.IndexOf("[    0.000000] Linux version", StringComparison.Ordinal);
        int systemd = text.IndexOf("Reached target multi-user.target", StringComparison.Ordinal);
        Assert.True(post < device && device < grub && grub < kernel && kernel < systemd, text);
        var osBoot = Assert.Single(Events(node, SensorNumbers.OsBoot));
        Assert.Equal(1, osBoot.Offset); // C: boot completed
    }

    [Fact]
    public void ConsoleEchoesInputAndAnswersALogin()
    {
        var clock = Clock();
        var node = On(clock);
        long mark = node.ConsoleEnd;

        Type(node, "\r");
        Assert.Equal("\r\nnode001 login: ", ConsoleText(node, mark));

        mark = node.ConsoleEnd;
        Type(node, "root\r\n");
        Assert.Equal("root\r\nPassword: ", ConsoleText(node, mark));

        mark = node.ConsoleEnd;
        Type(node, "secret\r");
        string afterPassword = ConsoleText(node, mark);
        Assert.DoesNotContain("secret", afterPassword);
        Assert.EndsWith("root@node001:~# ", afterPassword);

        mark = node.ConsoleEnd;
        Type(node, "hostnamx\u007fe\r");
        Assert.Equal("hostnamx\b \be\r\nnode001\r\nroot@node001:~# ", ConsoleText(node, mark));

        mark = node.ConsoleEnd;
        Type(node, "frobnicate\r");
        Assert.Contains("-bash: frobnicate: command not found", ConsoleText(node, mark));

        Type(node, "exit\r");
        Assert.Equal(HostStage.Login, node.HostStage);
    }

    [Fact]
    public void InputIsIgnoredWhileTheHostIsOffOrBooting()
    {
        var clock = Clock();
        var node = Off(clock);
        Type(node, "hello\r");
        Assert.Equal(0, node.ConsoleEnd);

        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(5));
        long mark = node.ConsoleEnd;
        Type(node, "hello\r");
        Assert.Equal(mark, node.ConsoleEnd);
    }

    [Fact]
    public void ConsoleOutputStopsWhenPowerGoesOff()
    {
        var clock = Clock();
        var node = Off(clock);
        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(8));

        node.PowerOff();
        long end = node.ConsoleEnd;
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(end, node.ConsoleEnd);
        Assert.Equal(HostStage.Off, node.HostStage);
        Assert.Equal(DateTimeOffset.MaxValue, node.NextScheduledChange);
    }

    [Fact]
    public void NextScheduledChangeNamesTheNextConsoleLine()
    {
        var clock = Clock();
        var node = Off(clock);
        node.PowerOn();
        Assert.Equal(Start + TimeSpan.FromSeconds(1), node.NextScheduledChange);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Start + TimeSpan.FromSeconds(1.1), node.NextScheduledChange);
    }

    [Fact]
    public void ReaderThatFallsBehindTheRingIsToldHowManyBytesItMissed()
    {
        var clock = Clock();
        var node = Off(clock, Quiet with { ConsoleBufferBytes = 1024 });
        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(30));

        var buffer = new byte[4096];
        var read = node.ReadConsole(0, buffer);

        Assert.True(node.ConsoleEnd > 1024);
        Assert.Equal(node.ConsoleEnd - 1024, read.DroppedBytes);
        Assert.Equal(read.DroppedBytes, read.Position);
        Assert.Equal(1024, read.Count);
        Assert.Equal(node.ConsoleEnd, read.Next);
        Assert.EndsWith("login: ", System.Text.Encoding.UTF8.GetString(buffer, 0, read.Count));
    }

    [Fact]
    public void PoweroffAtTheShellShutsTheHostDown()
    {
        var clock = Clock();
        var node = On(clock);
        Type(node, "root\rx\r");

        Type(node, "poweroff\r");
        Assert.Equal(PowerState.ShuttingDown, node.PowerState);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(PowerState.Off, node.PowerState);
    }

    [Fact]
    public void RebootAtTheShellRestartsTheHostWithPowerOn()
    {
        var clock = Clock();
        var node = On(clock);
        Type(node, "root\rx\r");

        Type(node, "reboot\r");
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(node.IsPoweredOn);
        Assert.Equal(SystemRestartCause.SoftReset, node.RestartCause);
        Assert.Contains("reboot: Restarting system", ConsoleText(node));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HostStage.Login, node.HostStage);
    }

    [Fact]
    public void BreakThenCCrashesAndBreakThenBReboots()
    {
        var clock = Clock();
        var node = On(clock);

        node.SendConsoleBreak();
        Type(node, "c");
        Assert.Equal(HostStage.Panicked, node.HostStage);
        Assert.Contains("sysrq triggered crash", ConsoleText(node));

        var rebooting = On(clock, index: 1);
        rebooting.SendConsoleBreak();
        Type(rebooting, "b");
        Assert.Equal(HostStage.Firmware, rebooting.HostStage);
        Assert.Contains("sysrq: Resetting", ConsoleText(rebooting));
    }
}
