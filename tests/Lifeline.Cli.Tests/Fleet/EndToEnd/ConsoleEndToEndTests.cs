using System.Net;
using Lifeline.Cli.Consoles;
using Lifeline.Cli.Tests.Consoles;
using Lifeline.Simulator.Consoles;
using Lifeline.Simulator.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Cli.Tests.Fleet.EndToEnd;

/// <summary>
/// The real service's console hub on a simulated node's TCP console port, attached through <c>lifeline console</c>
/// with stdin piped: the shell's echo comes back over the WebSocket.
/// </summary>
[Collection(LiveServiceCollection.Name)]
public sealed class ConsoleEndToEndTests(LiveService service)
{
    private LiveCli Admin => service.Admin;

    [Fact]
    public async Task APipedConsoleThroughTheServiceReachesTheSimulatedShellAndSeesItsEcho()
    {
        // a host of its own: the collection's other tests power-cycle and NMI the fleet's nodes
        var model = new BmcModel(0, BmcOptions.Default with { CorrectableEccPerHour = 0 }, TimeProvider.System, seed: 3, name: "conhost");
        await using var port = ConsoleTcpServer.Start(model, new IPEndPoint(IPAddress.Loopback, 0));
        string yaml = Path.Combine(Admin.ConfigHome, "console.yaml");
        File.WriteAllText(yaml, $$$"""
            nodes:
              con1: {groups: [contest], ipmi: "{{{service.IpmiUrl(0)}}}", console: "tcp://127.0.0.1:{{{port.LocalEndPoint.Port}}}"}
            """);
        await Admin.OkAsync("nodes", "import", yaml);
        var console = new FakeConsoleTerminal { IsInputTerminal = false };
        Admin.Runner.Configure = services => services.AddSingleton<IConsoleTerminal>(console);
        try
        {
            var list = await Admin.OkAsync("console", "list", "con1");
            Assert.Contains(list, l => l.StartsWith("con1", StringComparison.Ordinal) && l.Contains($"tcp://127.0.0.1:{port.LocalEndPoint.Port}", StringComparison.Ordinal));

            var run = Admin.RunAsync("console", "con1", "--linger", "0.5");
            await FakeConsoleTerminal.UntilAsync(() => console.StatusText.Contains("con1: console connected; you are the writer", StringComparison.Ordinal) || run.IsCompleted,
                "the writer seat on a connected console");
            Assert.False(run.IsCompleted, Admin.Terminal.Errors + console.StatusText);
            await console.TypeAsync("\r");
            await FakeConsoleTerminal.UntilAsync(() => console.Out.Contains($"{model.Name} login:", StringComparison.Ordinal), "the login prompt through the service");
            await console.TypeAsync("root\rpw\recho e2e-through-hub\r");
            await FakeConsoleTerminal.UntilAsync(() => console.Out.Contains("echo e2e-through-hub\r\ne2e-through-hub\r\n", StringComparison.Ordinal), "the shell's echo");
            await console.EndInputAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("[lifeline] input ended; detached", console.StatusText, StringComparison.Ordinal);

            await Admin.OkAsync("console", "log", "con1", "--grep", "e2e-through-hub");
            Assert.Contains("e2e-through-hub", Admin.Terminal.Output, StringComparison.Ordinal);
        }
        finally
        {
            Admin.Runner.Configure = null;
            await Admin.RunAsync("nodes", "remove", "con1");
        }
    }
}
