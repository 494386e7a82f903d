using Lifeline.Simulator.Consoles;
using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class ConsoleFaultTests
{
    [Fact]
    public void APanicPrintsAnOopsWithACallTraceAndStopsTheHost()
    {
        var clock = Clock();
        var node = On(clock, Quiet);
        Assert.True(node.PanicConsole());
        string text = ConsoleText(node);
        Assert.Contains("BUG: unable to handle page fault", text);
        Assert.True(text.IndexOf("Call Trace:", StringComparison.Ordinal) < text.IndexOf("Kernel panic - not syncing: Fatal exception", StringComparison.Ordinal));
        Assert.Equal(HostStage.Panicked, node.HostStage);
        Assert.False(node.PanicConsole());
    }

    [Fact]
    public void AHostThatIsOffCannotPanic()
    {
        var node = Off(Clock(), Quiet);
        Assert.False(node.PanicConsole());
        Assert.DoesNotContain("Kernel panic", ConsoleText(node));
    }

    [Fact]
    public void AnMceStormPrintsOneReportPerEventAndTheHostKeepsRunning()
    {
        var node = On(Clock(), Quiet);
        node.MceStorm(reports: 8);
        string text = ConsoleText(node);
        Assert.Equal(8, text.Split("mce: [Hardware Error]: Machine check events logged").Length - 1);
        Assert.Equal(32, text.Split("mce: [Hardware Error]:").Length - 1);
        Assert.NotEqual(HostStage.Panicked, node.HostStage);
    }

    [Fact]
    public void TheFloodPrintsWholeLogLinesAtTheGivenRate()
    {
        var clock = Clock();
        var node = On(clock, Quiet);
        long start = node.ConsoleEnd;
        using var flood = new ConsoleFlood([node], 10_000, clock);
        for (int i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        long produced = node.ConsoleEnd - start;
        Assert.InRange(produced, 10_000, 12_000);
        string text = ConsoleText(node, start);
        Assert.EndsWith("\r\n", text);
        Assert.Contains("seq=0\r\n", text);
    }
}
