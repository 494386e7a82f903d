using Lifeline.Drivers;
using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Operations;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Lifeline.Fleet.Tests.Grains;

/// <summary>
/// Two silos: a grain's arguments and results cross from one silo to the other (and to the cluster client) as bytes,
/// so the fleet records and the driver records inside them must round-trip through Orleans' serializer.
/// </summary>
public sealed class TwoSiloSerializationTests(TwoSiloFleet fleet) : IClassFixture<TwoSiloFleet>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ResultsCrossSilosWithTheirDriverRecordsIntact()
    {
        var node = fleet.AddIpmiNode("two-silo-1", 0);
        var redfish = fleet.AddRedfishNode("two-silo-rf", 1);
        Assert.Equal(2, fleet.Cluster.Silos.Count);

        // the same grains called from each silo: whichever silo holds the activation, one of the two calls crosses
        foreach (var silo in fleet.Cluster.Silos)
        {
            var grains = silo.ServiceProvider.GetRequiredService<IGrainFactory>();
            var power = await grains.GetGrain<INodeGrain>(node).RunAsync(new NodeOperation(OperationKind.Power)).WaitAsync(Bound);
            var boot = await grains.GetGrain<INodeGrain>(node)
                .RunAsync(new NodeOperation(OperationKind.BootSet, Boot: new BootRequest(BootDevice.Pxe, Persistent: false, Efi: true))).WaitAsync(Bound);
            var sensors = await grains.GetGrain<INodeGrain>(redfish).RunAsync(new NodeOperation(OperationKind.Sensors)).WaitAsync(Bound);
            var state = await grains.GetGrain<INodeGrain>(node).GetStateAsync().WaitAsync(Bound);

            Assert.Equal(PowerState.On, Assert.IsType<PowerResult>(power.Result).State);
            Assert.Equal(new BootResult(BootDevice.Pxe, false, true), Assert.IsType<BootResult>(boot.Result));
            Assert.NotEmpty(Assert.IsType<SensorsResult>(sensors.Result).Sensors);
            Assert.Equal(("two-silo-1", "on", "reachable"), (state.Node, state.Power, state.Reachability));
        }
    }

    [Fact]
    public void EachSiloRefreshesItsOwnShareOfTheNodes()
    {
        var shares = fleet.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IRefreshPartition>().Current()).ToList();

        Assert.Equal([new RefreshShare(0, 2), new RefreshShare(1, 2)], shares.OrderBy(s => s.Index));
    }

    [Fact]
    public async Task ErrorsAndStreamsCrossSilosToo()
    {
        fleet.Store.PutCredential("two-silo-wrong", "admin", "wrong");
        var bad = fleet.AddIpmiNode("two-silo-bad", 2, credential: "two-silo-wrong");
        var good = fleet.AddIpmiNode("two-silo-good", 3);

        foreach (var silo in Enumerable.Range(0, fleet.Cluster.Silos.Count))
        {
            var outcomes = new Dictionary<string, NodeOutcome>();
            await foreach (var outcome in fleet.Operations(silo).RunAsync(new NodeOperation(OperationKind.BmcInfo), [bad, good, "two-silo-none"],
                new CancellationTokenSource(Bound).Token))
            {
                outcomes.Add(outcome.Node, outcome);
            }

            Assert.Equal("bad-password", outcomes[bad].Error?.Category);
            Assert.False(string.IsNullOrEmpty(outcomes[bad].Error?.NextStep));
            Assert.Equal(32473, Assert.IsType<BmcInfoResult>(outcomes[good].Result).ManufacturerId);
            Assert.Equal(NodeCategories.UnknownNode, outcomes["two-silo-none"].Error?.Category);
        }
        // through the cluster client as well (a separate host: always serialized)
        var viaClient = await fleet.Grain(good).RunAsync(new NodeOperation(OperationKind.Identify, Identify: new IdentifyRequest(IdentifyMode.Off)))
            .WaitAsync(Bound);
        Assert.Equal("identify off", Assert.IsType<ActionResult>(viaClient.Result).Summary);
    }
}
