using System.Text;
using Lifeline.Cli.Consoles;

namespace Lifeline.Cli.Tests.Consoles;

public sealed class EscapeParserTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void PlainKeystrokesPassThroughAsOneRun()
    {
        var events = new EscapeParser().Feed(B("ls -l\r"));
        var only = Assert.Single(events);
        Assert.Null(only.Command);
        Assert.Equal(B("ls -l\r"), only.Data);
    }

    [Theory]
    [InlineData('.', EscapeCommand.Disconnect)]
    [InlineData('b', EscapeCommand.Break)]
    [InlineData('w', EscapeCommand.Writer)]
    [InlineData('f', EscapeCommand.ForceWriter)]
    [InlineData('s', EscapeCommand.Spy)]
    [InlineData('r', EscapeCommand.Replay)]
    [InlineData('?', EscapeCommand.Help)]
    [InlineData('x', EscapeCommand.Unknown)]
    public void CtrlEThenCThenAKeyIsACommand(char key, EscapeCommand expected)
    {
        var events = new EscapeParser().Feed(B($"ab\u0005c{key}cd"));
        Assert.Equal(3, events.Count);
        Assert.Equal(B("ab"), events[0].Data);
        Assert.Equal(expected, events[1].Command);
        Assert.Equal(B("cd"), events[2].Data);
    }

    [Fact]
    public void CtrlECtrlESendsOneLiteralCtrlE()
    {
        var events = new EscapeParser().Feed(B("\u0005\u0005x"));
        Assert.Equal(B("\u0005x"), Assert.Single(events).Data);
    }

    [Fact]
    public void ACtrlEFollowedByAnotherKeySendsBoth()
    {
        var events = new EscapeParser().Feed(B("\u0005z"));
        Assert.Equal(B("\u0005z"), Assert.Single(events).Data);
    }

    [Fact]
    public void TheSequenceMaySpanReads()
    {
        var parser = new EscapeParser();
        Assert.Empty(parser.Feed(B("\u0005")));
        Assert.True(parser.Pending);
        Assert.Empty(parser.Feed(B("c")));
        Assert.Equal(EscapeCommand.Disconnect, Assert.Single(parser.Feed(B("."))).Command);
        Assert.False(parser.Pending);
    }

    [Theory]
    [InlineData('1', "on")]
    [InlineData('0', "off")]
    [InlineData('c', "cycle")]
    [InlineData('r', "reset")]
    public void ThePowerMenuPicksAnAction(char key, string action)
    {
        var events = new EscapeParser().Feed(B($"\u0005cp{key}"));
        Assert.Equal(EscapeCommand.PowerMenu, events[0].Command);
        Assert.Equal(EscapeCommand.Power, events[1].Command);
        Assert.Equal(action, events[1].PowerAction);
    }

    [Fact]
    public void AnyOtherKeyInThePowerMenuCancelsItWithoutSendingTheKey()
    {
        var events = new EscapeParser().Feed(B("\u0005cpqz"));
        Assert.Equal([EscapeCommand.PowerMenu, EscapeCommand.Unknown, null], events.Select(e => e.Command));
        Assert.Equal(B("z"), events[2].Data);
    }
}
