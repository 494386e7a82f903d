using Lifeline.Cli.Consoles;

namespace Lifeline.Cli.Tests.Consoles;

/// <summary>The WebSocket URL <c>lifeline console</c> dials, with <c>--via</c> passed on as <c>via=</c>.</summary>
public sealed class ConsoleSocketUriTests
{
    [Fact]
    public void ViaIsPassedOnAndLeftOutWhenNotGiven()
    {
        var root = new Uri("https://fleet.example:8443/");
        var uri = WebSocketConsoleLink.SocketUri(root, "n1", spy: true, force: false, replay: 5, via: "tcp");
        Assert.Equal("wss", uri.Scheme);
        Assert.EndsWith("/consoles/n1/ws", uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("?mode=spy&force=false&replay=5&via=tcp", uri.Query);
        Assert.DoesNotContain("via", WebSocketConsoleLink.SocketUri(root, "n1", false, false, null).Query, StringComparison.Ordinal);
    }
}
