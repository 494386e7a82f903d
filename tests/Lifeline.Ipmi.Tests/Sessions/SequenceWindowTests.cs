using Lifeline.Ipmi.Sessions;

namespace Lifeline.Ipmi.Tests.Sessions;

public sealed class SequenceWindowTests
{
    [Fact]
    public void EachNumberIsAcceptedOnceAndLateOnesWithinTheWindowStillCount()
    {
        var window = new SequenceWindow();
        Assert.True(window.Accept(1));
        Assert.True(window.Accept(5));
        Assert.False(window.Accept(5));   // replay
        Assert.True(window.Accept(3));    // late but new
        Assert.False(window.Accept(3));
        Assert.True(window.Accept(100));
        Assert.False(window.Accept(36));  // 64 behind: outside the window
        Assert.True(window.Accept(37));   // 63 behind: inside
    }
}
