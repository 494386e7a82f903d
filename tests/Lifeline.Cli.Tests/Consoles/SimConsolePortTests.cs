using System.Net;
using System.Net.Sockets;
using System.Text;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Backend.Simulator;
using Lifeline.Drivers;

namespace Lifeline.Cli.Tests.Consoles;

/// <summary>The console ports and timed console fault of <c>lifeline sim</c>'s host.</summary>
public sealed class SimConsolePortTests
{
    private const byte Subnet = 98;

    [Fact]
    public async Task EachNodeGetsATcpConsolePortAndTheTimedFaultShowsOnIt()
    {
        int port = 18000 + (Environment.ProcessId % 1000 * 8);
        var endpoints = new[] { new IPEndPoint(IPAddress.Parse($"127.0.{Subnet}.1"), port), new IPEndPoint(IPAddress.Parse($"127.0.{Subnet}.2"), port) };
        using var password = Secret.FromText("sim-pw");
        var options = new SimulatorOptions(endpoints, "admin", password, null, 5)
        {
            Consoles = new ConsoleSimulatorOptions(endpoints.Select((e, i) => new IPEndPoint(e.Address, port + 100 + i)).ToArray(), "panic", 1, TimeSpan.FromSeconds(0.5)),
        };
        await using var fleet = await new SimulatedFleetHost().StartAsync(options, CancellationToken.None);
        Assert.Equal([$"tcp://127.0.{Subnet}.1:{port + 100}", $"tcp://127.0.{Subnet}.2:{port + 101}"], fleet.ConsoleUrls);

        using var client = new TcpClient();
        await client.ConnectAsync(endpoints[0].Address, port + 100);
        var stream = client.GetStream();
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!seen.ToString().Contains("Call Trace:", StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer, deadline.Token);
            Assert.NotEqual(0, n);
            seen.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        Assert.Contains("Kernel panic - not syncing", seen.ToString(), StringComparison.Ordinal);
    }
}
