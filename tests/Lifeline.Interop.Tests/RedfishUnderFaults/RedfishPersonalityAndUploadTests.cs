using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Redfish;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Tls;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Interop.Tests.RedfishUnderFaults;

/// <summary>
/// Our Redfish client against simulated BMCs wearing a recorded OpenBMC shape (bmcweb mockup) over the live model, and
/// a firmware image pushed with MultipartHttpPushUri.
/// </summary>
public sealed class RedfishPersonalityAndUploadTests : IAsyncLifetime
{
    private const string Password = "persona-pw";
    private SimulatedFleet _fleet = null!;
    private RedfishFace _openbmc = null!;

    public async Task InitializeAsync()
    {
        int port = 24000 + Environment.ProcessId % 1000;
        (_fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 2,
            Seed = 9,
            Password = Password,
            Placement = new SimulatorPlacement(PortBase: port, Subnet: 65),
        });
        _openbmc = await RedfishFace.StartAsync(_fleet, new RedfishFaceOptions
        {
            Placement = new SimulatorPlacement(PortBase: port + 1000, Subnet: 65),
            MockupDirectory = Path.Combine(Peers.SharedFolder, "redfish-mockups", "openbmc-bmcweb-stock"),
            UpdateTaskDuration = TimeSpan.FromMilliseconds(300),
        }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _openbmc.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    private RedfishBmc Connect(int node) => RedfishBmc.Connect(new RedfishClientOptions
    {
        Endpoint = RedfishEndpoint.Parse($"redfish://admin@{_openbmc[node].EndPoint.Address}:{_openbmc[node].EndPoint.Port}"),
        UserName = "admin",
        Password = Password,
        Tls = TlsPolicy.Pin(_openbmc.CertificateFingerprint!),
        TaskPollInterval = TimeSpan.FromMilliseconds(100),
    });

    [Fact]
    public async Task AnOpenBmcShapedNodeShowsTheRecordedTreeAndTheLiveModel()
    {
        await using var bmc = Connect(0);
        var root = await bmc.Client.GetServiceRootAsync();
        Assert.Equal("1.17.0", root.RedfishVersion);
        var systems = await bmc.ListSystemsAsync();
        Assert.Equal("system", Assert.Single(systems).Id);
        var model = _fleet.Nodes[0].Model;
        Assert.Equal(model.IsPoweredOn ? "On" : "Off", (await bmc.GetPowerStateAsync()).ToString());
        await bmc.PowerAsync(PowerCommand.Off);
        Assert.False(model.IsPoweredOn);
        Assert.Equal("Off", (await bmc.GetPowerStateAsync()).ToString());
    }

    [Fact]
    public async Task AFirmwareImagePushedAsMultipartChangesTheVersion()
    {
        var model = _fleet.Nodes[1].Model;
        string before = model.FirmwareVersion;
        await using var bmc = Connect(1);
        var image = new byte[64 * 1024];
        new Random(1).NextBytes(image);
        var outcome = await bmc.PushFirmwareAsync(image, "bmc-9.9.9.bin");
        Assert.True(outcome.StatusCode is >= 200 and < 300, $"push answered {outcome.StatusCode}");
        Assert.NotEqual(before, model.FirmwareVersion);
    }
}
