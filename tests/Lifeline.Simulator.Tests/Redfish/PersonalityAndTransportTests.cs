using System.Net;
using System.Net.Security;
using System.Text.Json.Nodes;
using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Transport;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Simulator.Tests.Redfish;

public sealed class PersonalityAndTransportTests
{
    private static string Mockup(string name)
    {
        // ../shared beside the repository (or beside the folder of worktrees)
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "redfish-mockups", name);
            if (Directory.Exists(path))
            {
                return path;
            }
        }
        Assert.Fail($"the mockup {name} comes with the workspace (shared/redfish-mockups above {AppContext.BaseDirectory})");
        return null!;
    }

    [Fact]
    public async Task ARackmountPersonalityServesTheRecordedShapeWithTheModelsLiveState()
    {
        await using var h = await RedfishHarness.StartAsync(options: new RedfishFaceOptions
        {
            UseHttps = false,
            MockupDirectory = Mockup("dmtf-public-rackmount1"),
        });
        using var rootResponse = await h.SendAsync(HttpMethod.Get, "", anonymous: true);
        var rootText = await rootResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain("@Redfish.Copyright", rootText);
        var systems = await h.GetAsync("Systems");
        string uri = systems["Members"]![0]!["@odata.id"]!.GetValue<string>();
        Assert.Equal("/redfish/v1/Systems/437XR1138R2", uri);
        var system = await h.GetAsync(uri);
        Assert.DoesNotContain("@Redfish.Copyright", system.ToJsonString());
        Assert.Equal("On", system["PowerState"]!.GetValue<string>());
        Assert.Equal("Disabled", system["Boot"]!["BootSourceOverrideEnabled"]!.GetValue<string>()); // the model's, not the recording's "Once"

        string target = system["Actions"]!["#ComputerSystem.Reset"]!["target"]!.GetValue<string>();
        using var off = await h.SendAsync(HttpMethod.Post, target, new JsonObject { ["ResetType"] = "ForceOff" });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Equal(PowerState.Off, h.Model().PowerState);
        using var forceOn = await h.SendAsync(HttpMethod.Post, target, new JsonObject { ["ResetType"] = "ForceOn" }); // allowed by this recording
        Assert.Equal(HttpStatusCode.NoContent, forceOn.StatusCode);
        using var cycle = await h.SendAsync(HttpMethod.Post, target, new JsonObject { ["ResetType"] = "PowerCycle" }); // not allowed by it
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);

        var entries = await h.GetAsync(uri + "/LogServices/Log1/Entries");
        Assert.Equal(h.Model().GetSelEntries().Length, entries["Members@odata.count"]!.GetValue<int>());

        var thermal = await h.GetAsync("Chassis/1U/Thermal");
        Assert.Contains(thermal["Temperatures"]!.AsArray(), t => t!["Name"]!.GetValue<string>() == "CPU1 Temp");
        // sessions stay live even though the recording has some
        Assert.Equal(0, (await h.GetAsync("SessionService/Sessions"))["Members@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task HttpsServesTheGeneratedCertificateWhoseFingerprintIsPublished()
    {
        await using var h = await RedfishHarness.StartAsync(options: new RedfishFaceOptions());
        Assert.Equal("https", h.Face[0].BaseUrl.Scheme);
        string? seen = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    seen = Convert.ToHexString(cert!.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
                    return true;
                },
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(h.Face[0].BaseUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(h.Face.CertificateFingerprint!.Replace(":", ""), seen);
        Assert.Contains(h.Face[0].EndPoint.Address.ToString(), h.Face.Certificate!.Extensions
            .OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single()
            .EnumerateIPAddresses().Select(a => a.ToString()));
    }

    [Fact]
    public async Task APowerOffOverIpmiIsSeenOverRedfishAndAResetOverRedfishOverIpmi()
    {
        await using var transport = new IpmiUdpTransport(socketCount: 1);
        var clock = Model.TestNodes.Clock();
        var (fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            TimeProvider = clock,
            Nodes = 2,
            Seed = 9,
            Password = RedfishHarness.Password,
            Defaults = BmcOptions.Default with { CorrectableEccPerHour = 0 },
            Placement = new SimulatorPlacement(PortBase: 17000 + Environment.ProcessId % 1000, Subnet: 64),
        });
        await using var _ = fleet;
        await using var face = await RedfishFace.StartAsync(fleet, new RedfishFaceOptions
        {
            UseHttps = false,
            Placement = new SimulatorPlacement(PortBase: RedfishHarness.Port, Subnet: 64),
        }, CancellationToken.None);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = RedfishHarness.Basic();
        var node = fleet.Nodes[1];
        Assert.Equal(node.IpmiEndPoint.Address, face[1].EndPoint.Address);

        await using var session = await IpmiSession.OpenAsync(node.IpmiEndPoint, new IpmiSessionOptions
        {
            UserName = "admin",
            Password = System.Text.Encoding.ASCII.GetBytes(RedfishHarness.Password),
        }, transport);
        await session.ExecuteAsync(new ChassisControl(ChassisControlAction.PowerDown), CancellationToken.None);
        var system = JsonNode.Parse(await http.GetStringAsync(new Uri(face[1].BaseUrl, "Systems/1")))!;
        Assert.Equal("Off", system["PowerState"]!.GetValue<string>());

        using var on = await http.PostAsync(new Uri(face[1].BaseUrl, "Systems/1/Actions/ComputerSystem.Reset"),
            new StringContent("{\"ResetType\":\"On\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, on.StatusCode);
        Assert.False((await session.ExecuteAsync(new GetChassisStatus(), CancellationToken.None)).PowerOn);
        clock.Advance(node.Model.Options.Timings.PowerOnDelay);
        Assert.True((await session.ExecuteAsync(new GetChassisStatus(), CancellationToken.None)).PowerOn,
            "IPMI Get Chassis Status did not see the power-on requested over Redfish (node 2, after the power-on delay)");
        var manager = JsonNode.Parse(await http.GetStringAsync(new Uri(face[1].BaseUrl, "Managers/1/NetworkProtocol")))!;
        Assert.Equal(node.IpmiEndPoint.Port, manager["IPMI"]!["Port"]!.GetValue<int>());
    }
}
