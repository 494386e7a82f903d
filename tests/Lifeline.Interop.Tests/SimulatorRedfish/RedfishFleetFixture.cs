using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;
using Microsoft.Extensions.Time.Testing;
using Lifeline.Interop.Tests.SimulatorFace;

namespace Lifeline.Interop.Tests.SimulatorRedfish;

/// <summary>
/// A frozen-clock simulated fleet with both faces: IPMI (from <see cref="SimulatedFleetFixture"/>) and Redfish over
/// HTTPS with the generated self-signed certificate, on the same addresses 127.0.77.x, TCP port from the process id.
/// Each peer test uses its own node so the tests of the class do not see each other's changes.
/// </summary>
public sealed class RedfishFleet() : SimulatedFleetFixture(subnet: 77, nodes: 4, fakeClock: true), IAsyncLifetime
{
    public RedfishFace Redfish { get; private set; } = null!;

    public int RedfishPort { get; } = 21000 + Environment.ProcessId % 1000;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Redfish = await RedfishFace.StartAsync(Fleet, new RedfishFaceOptions
        {
            Placement = new SimulatorPlacement(PortBase: RedfishPort, Subnet: 77),
        }, CancellationToken.None);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Redfish.DisposeAsync();
        await DisposeAsync();
    }

    public string HostPort(int node) => $"{Redfish[node].EndPoint.Address}:{Redfish[node].EndPoint.Port}";

    /// <summary>requests (under sushy and redfishtool) lets these override verify=False; the peers get them empty.</summary>
    public static IReadOnlyDictionary<string, string> NoCaBundle { get; } = new Dictionary<string, string>
    {
        ["REQUESTS_CA_BUNDLE"] = "",
        ["CURL_CA_BUNDLE"] = "",
    };

    public FakeTimeProvider FrozenClock => Clock!;
}

/// <summary>sushy and redfishtool share one fleet (its addresses and ports can be bound once); each test has its own node.</summary>
[CollectionDefinition(Name)]
public sealed class RedfishFleetCollection : ICollectionFixture<RedfishFleet>
{
    public const string Name = "simulated Redfish fleet";
}
