using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Server.Tests.Apis;
using Lifeline.Server.Tests.Infrastructure;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Server.Tests;

/// <summary>
/// The whole service against simulated BMCs: the real store, noderanges, node grains and drivers, over IPMI and
/// Redfish, with failures mapped to statuses; at shutdown the grains close their BMC sessions.
/// </summary>
public sealed class EndToEndTests
{
    private const string BmcPassword = "sim-pw-Tourmaline-5";
    private static readonly byte Subnet = (byte)(150 + Environment.ProcessId % 50);

    [Fact]
    public async Task TheServiceDrivesSimulatedBmcsAndClosesTheirSessionsWhenItStops()
    {
        int port = 26000 + Environment.ProcessId % 1000 * 4;
        var (fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 4,
            Seed = 7,
            Password = BmcPassword,
            Placement = new SimulatorPlacement(PortBase: port, Subnet: Subnet),
        });
        await using var fleetLifetime = fleet;
        Assert.Equal(4, await fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        await using var redfish = await RedfishFace.StartAsync(fleet, new RedfishFaceOptions
        {
            Placement = new SimulatorPlacement(PortBase: port + 1, Subnet: Subnet),
        }, CancellationToken.None);
        var ipmi = fleet.InventoryLines("admin").ToList();
        var redfishUrls = redfish.InventoryLines("admin").ToList();

        var host = await ServerHost.StartAsync(fakeFleet: false, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Fleet:IpmiTimeout"] = "00:00:00.300",
            ["Lifeline:Fleet:IpmiRetries"] = "1",
            ["Lifeline:Fleet:OperationTimeout"] = "00:00:05",
            ["Lifeline:Fleet:RefreshInterval"] = "00:00:00",
        });
        try
        {
            using var admin = host.Client(await host.LoginAsync("admin", ServerHost.AdminPassword));
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("credentials/sim", new { user = "admin", password = BmcPassword })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("credentials/wrong", new { user = "admin", password = "not-the-bmc-password" })).StatusCode);
            using var added = await admin.PostAsJsonAsync("nodes", new object[]
            {
                new { name = "sim1", groups = new[] { "sim" }, ipmi_url = ipmi[0], credential = "sim" },
                new { name = "sim2", groups = new[] { "sim" }, ipmi_url = ipmi[1], credential = "sim" },
                new { name = "sim3", groups = new[] { "sim" }, redfish_url = redfishUrls[2], credential = "sim" },
                new { name = "badpw", groups = new[] { "broken" }, ipmi_url = ipmi[3], credential = "wrong" },
                new { name = "dead", groups = new[] { "broken" }, ipmi_url = $"ipmi://admin@127.0.{Subnet}.250:{port}", credential = "sim" },
                new { name = "nocred", groups = new[] { "broken" }, ipmi_url = ipmi[3] },
            });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);

            var status = await OperationsApiTests.StreamAsync(admin, "power", new { noderange = "sim", action = "status" });
            Assert.Equal(3, status.Count);
            Assert.All(status, l => Assert.True(l.GetProperty("ok").GetBoolean(), l.ToString()));

            using (var off = await admin.PostAsync("nodes/sim1/power/off", null))
            {
                Assert.True(off.StatusCode == HttpStatusCode.OK, await off.Content.ReadAsStringAsync());
            }

            var power = JsonDocument.Parse(await admin.GetStringAsync("nodes/sim1/power")).RootElement;
            Assert.Equal("off", power.GetProperty("state").GetString());
            var sensors = JsonDocument.Parse(await admin.GetStringAsync("nodes/sim2/sensors")).RootElement;
            Assert.True(sensors.GetProperty("sensors").GetArrayLength() > 0);
            var redfishPower = JsonDocument.Parse(await admin.GetStringAsync("nodes/sim3/power")).RootElement;
            Assert.Contains(redfishPower.GetProperty("state").GetString(), new[] { "on", "off" });

            var boot = await OperationsApiTests.StreamAsync(admin, "boot", new { noderange = "sim1,sim2", device = "pxe", efi = true }, sse: true);
            Assert.All(boot, l => Assert.Equal("pxe", l.GetProperty("result").GetProperty("device").GetString()));

            using (var refused = await admin.GetAsync("nodes/badpw/power"))
            {
                var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
                Assert.True(refused.StatusCode == HttpStatusCode.BadGateway, problem.ToString());
                Assert.Equal("bad-password", problem.GetProperty("category").GetString());
            }

            using (var dead = await admin.GetAsync("nodes/dead/power"))
            {
                var problem = JsonDocument.Parse(await dead.Content.ReadAsStringAsync()).RootElement;
                Assert.True(dead.StatusCode == HttpStatusCode.GatewayTimeout, problem.ToString());
                Assert.Contains(problem.GetProperty("category").GetString(), new[] { "timeout", "unreachable" });
            }

            using (var unconfigured = await admin.GetAsync("nodes/nocred/power"))
            {
                var problem = JsonDocument.Parse(await unconfigured.Content.ReadAsStringAsync()).RootElement;
                Assert.True(unconfigured.StatusCode == HttpStatusCode.Conflict, problem.ToString());
                Assert.Equal("not-configured", problem.GetProperty("category").GetString());
            }

            var states = JsonDocument.Parse(await admin.GetStringAsync("state?noderange=sim1,dead")).RootElement;
            Assert.Equal("off", states.EnumerateArray().Single(s => s.GetProperty("node").GetString() == "sim1").GetProperty("power").GetString());
            Assert.NotEqual(JsonValueKind.Null, states.EnumerateArray().Single(s => s.GetProperty("node").GetString() == "dead").GetProperty("last_error").ValueKind);

            var audit = JsonDocument.Parse(await admin.GetStringAsync("audit?action=power.off&limit=1")).RootElement[0];
            Assert.Equal("ok", audit.GetProperty("details").GetProperty("nodes").GetProperty("sim1").GetString());
            Assert.True(fleet.Nodes[0].Responder.ActiveSessions + fleet.Nodes[1].Responder.ActiveSessions > 0, "the grains keep warm sessions while active");
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.Equal(0, fleet.Nodes.Sum(n => n.Responder.ActiveSessions));
        Assert.DoesNotContain(BmcPassword, host.Logs.All, StringComparison.Ordinal);
    }
}
