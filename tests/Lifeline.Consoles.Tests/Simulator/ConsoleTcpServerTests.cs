using System.Net;
using System.Text;
using Lifeline.Consoles.Tcp;
using Lifeline.Consoles.Tests.Infrastructure;
using Lifeline.Simulator.Consoles;
using Lifeline.Simulator.Model;

namespace Lifeline.Consoles.Tests.Simulator;

/// <summary>The simulator's console-server port, read with the TCP console source.</summary>
public sealed class ConsoleTcpServerTests
{
    private static BmcModel NewNode() => new(0, BmcOptions.Default with { CorrectableEccPerHour = 0 }, TimeProvider.System, seed: 7, name: "node01");

    private static async Task<TcpConsoleSource> ConnectAsync(ConsoleTcpServer server)
    {
        var source = new TcpConsoleSource(new TcpConsoleOptions { Host = "127.0.0.1", Port = server.LocalEndPoint.Port, Mode = TcpConsoleMode.Raw });
        await source.ConnectAsync(CancellationToken.None);
        return source;
    }

    [Fact]
    public async Task TwoClientsShareTheLoginPromptTheEchoAndAPanicWithACallTrace()
    {
        var model = NewNode();
        await using var server = ConsoleTcpServer.Start(model, new IPEndPoint(IPAddress.Loopback, 0));
        await using var first = await ConnectAsync(server);
        await using var second = await ConnectAsync(server);
        // a connect completes before the server has accepted the socket: wait until both are registered, or the
        // second client may join after the login prompt went out
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); server.Clients < 2; await Task.Delay(10))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"the console server registered {server.Clients} of 2 clients within 10 s");
        }
        var seenBySecond = ByteReader.ReadUntilAsync(second, seen => Encoding.UTF8.GetString(seen).Contains("Call Trace:", StringComparison.Ordinal), "the panic on the second client");
        await first.WriteAsync("\r"u8.ToArray(), CancellationToken.None);
        await ByteReader.ReadUntilAsync(first, seen => Encoding.UTF8.GetString(seen).Contains("node01 login:", StringComparison.Ordinal), "the login prompt");
        await first.WriteAsync("root\rpw\rhostname\r"u8.ToArray(), CancellationToken.None);
        await ByteReader.ReadUntilAsync(first, seen => Encoding.UTF8.GetString(seen).Contains("hostname\r\nnode01\r\n", StringComparison.Ordinal), "the typed command echoed and run");
        Assert.True(model.PanicConsole());
        await ByteReader.ReadUntilAsync(first, seen => Encoding.UTF8.GetString(seen).Contains("Kernel panic - not syncing", StringComparison.Ordinal), "the panic");
        string second_ = Encoding.UTF8.GetString(await seenBySecond);
        Assert.Contains("node01 login:", second_, StringComparison.Ordinal);
        Assert.Contains("Call Trace:", second_, StringComparison.Ordinal);
        Assert.Equal(HostStage.Panicked, model.HostStage);
    }

    [Fact]
    public async Task AnMceStormPrintsRepeatedHardwareErrorLines()
    {
        var model = NewNode();
        await using var server = ConsoleTcpServer.Start(model, new IPEndPoint(IPAddress.Loopback, 0));
        await using var client = await ConnectAsync(server);
        await Task.Delay(50);
        model.MceStorm(reports: 5);
        var seen = Encoding.UTF8.GetString(await ByteReader.ReadUntilAsync(client,
            s => Encoding.UTF8.GetString(s).Split("mce: [Hardware Error]: Machine check events logged").Length > 5, "five MCE reports"));
        Assert.True(seen.Split("mce: [Hardware Error]:").Length > 15);
    }
}
