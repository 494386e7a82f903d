using System.Net.Http.Json;
using System.Text;
using Lifeline.Consoles.Sol;
using Lifeline.Ipmi.Client;
using Lifeline.Server.Tests.Infrastructure;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;

namespace Lifeline.Server.Tests;

/// <summary>
/// The console path end to end with a real source: the service keeps the SOL console of a simulated BMC, a WebSocket
/// writer logs in to the simulated host and runs a command, the echo comes back in binary frames and lands in the log,
/// and stopping the service deactivates the SOL payload.
/// </summary>
public sealed class ConsoleEndToEndTests
{
    private const string BmcPassword = "sim-pw-Obsidian-31";
    private static readonly byte Subnet = (byte)(100 + Environment.ProcessId % 40);

    [Fact]
    public async Task KeystrokesThroughTheWebSocketReachTheSimulatedHostOverSolAndItsEchoIsSeenAndLogged()
    {
        int port = 22000 + Environment.ProcessId % 1000 * 4;
        var (fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 1,
            Seed = 11,
            Password = BmcPassword,
            Placement = new SimulatorPlacement(PortBase: port, Subnet: Subnet),
        });
        await using var fleetLifetime = fleet;
        Assert.Equal(1, await fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        var bmc = fleet.Nodes[0].IpmiEndPoint;

        var host = await ServerHost.StartAsync();
        bool stopped = false;
        try
        {
            var token = await host.LoginAsync("admin", ServerHost.AdminPassword);
            using var admin = host.Client(token);
            using (var credential = await admin.PutAsJsonAsync("credentials/bmc", new { user = "admin", password = BmcPassword }))
            {
                Assert.True(credential.IsSuccessStatusCode, await host.ReadAsync(credential));
            }

            using (var add = await admin.PostAsJsonAsync("nodes", new[]
            {
                new { name = "sol1", groups = new[] { "rack1" }, ipmi_url = $"ipmi://admin@{bmc}", credential = "bmc", console_method = "sol" },
            }))
            {
                Assert.True(add.IsSuccessStatusCode, await host.ReadAsync(add));
            }

            await using (var console = await ConsoleClient.ConnectAsync(host.BaseAddress, token, "sol1", "?mode=write&replay=0"))
            {
                await console.NextMessageAsync("state", m => m.GetProperty("connection").GetString() == "connected");
                await console.TypeAsync("\r");
                await console.OutputUntilAsync("login: ");
                await console.TypeAsync("root\r");
                await console.OutputUntilAsync("Password: ");
                await console.TypeAsync("not-logged-anywhere\r");
                await console.OutputUntilAsync("# ");
                await console.TypeAsync("echo hub-e2e-marker\r");
                var seen = await console.OutputUntilAsync("\r\nhub-e2e-marker");
                Assert.Contains("echo hub-e2e-marker", seen, StringComparison.Ordinal); // the shell echoed the typing
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            string log;
            while (!(log = await admin.GetStringAsync("consoles/sol1/log?grep=hub-e2e-marker")).Contains("\thub-e2e-marker", StringComparison.Ordinal))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the echo never reached the log: {log}");
                await Task.Delay(50);
            }

            await host.DisposeAsync();
            stopped = true;

            // the service let the payload go: a plain activation (no takeover) succeeds
            await using var after = new SolConsoleSource(new SolConsoleSourceOptions
            {
                Endpoint = bmc,
                Session = new IpmiSessionOptions { UserName = "admin", Password = Encoding.ASCII.GetBytes(BmcPassword) },
            });
            await after.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            if (!stopped)
            {
                await host.DisposeAsync();
            }
        }
    }
}
