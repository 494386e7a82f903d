using Lifeline.Cli.Consoles;
using Lifeline.Cli.Tests.Fakes;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Cli.Tests.Consoles;

/// <summary><c>lifeline console --bmc</c> against the in-process simulator's SOL, with stdin piped.</summary>
public sealed class DirectConsoleTests
{
    private const byte Subnet = 97;

    [Fact]
    public async Task PipedKeystrokesReachTheSimulatedShellOverSolAndItsAnswersComeBack()
    {
        var (fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 1,
            Seed = Subnet,
            UserName = "admin",
            Password = "direct-pw",
            Defaults = BmcOptions.Default with { CorrectableEccPerHour = 0 },
            Placement = new SimulatorPlacement(PortBase: 17000 + (Environment.ProcessId % 1000 * 8) + (Subnet % 8), Subnet: Subnet),
        });
        await using var _ = fleet;
        Assert.Equal(1, await fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        var endpoint = fleet.Nodes[0].IpmiEndPoint;

        var console = new FakeConsoleTerminal { IsInputTerminal = false };
        var runner = new CliRunner { Configure = services => services.AddSingleton<IConsoleTerminal>(console) };
        runner.Environment.Set("LIFELINE_BMC_PASSWORD", "direct-pw");
        var run = runner.RunAsync("console", "--bmc", $"ipmi://admin@{endpoint.Address}:{endpoint.Port}", "--linger", "0.3");
        await FakeConsoleTerminal.UntilAsync(() => console.StatusText.Contains("attached to sol://", StringComparison.Ordinal) || run.IsCompleted, "the SOL attachment");
        Assert.False(run.IsCompleted, runner.Terminal.Errors + console.StatusText);
        await console.TypeAsync("\r");
        await FakeConsoleTerminal.UntilAsync(() => console.Out.Contains("login:", StringComparison.Ordinal), "the login prompt over SOL");
        await console.TypeAsync("root\rpw\r");
        await FakeConsoleTerminal.UntilAsync(() => console.Out.Contains("root@", StringComparison.Ordinal), "the shell prompt");
        await console.TypeAsync("echo hello-direct\r");
        await FakeConsoleTerminal.UntilAsync(() => console.Out.Contains("echo hello-direct\r\nhello-direct\r\n", StringComparison.Ordinal), "the shell's echo");
        await console.EndInputAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Empty(console.ModeCalls);
        Assert.DoesNotContain("direct-pw", console.StatusText + runner.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedfishUrlIsRefusedWithTheWayForward()
    {
        var runner = new CliRunner();
        Assert.Equal(2, await runner.RunAsync("console", "--bmc", "redfish://admin@bmc1"));
        Assert.Contains("Serial-over-LAN", runner.Terminal.Errors, StringComparison.Ordinal);
    }
}
