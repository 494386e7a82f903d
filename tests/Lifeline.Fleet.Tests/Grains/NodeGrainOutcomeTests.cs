using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Simulator.Model;
using PowerState = Lifeline.Drivers.PowerState;

namespace Lifeline.Fleet.Tests.Grains;

/// <summary>
/// Every way a node's operation ends: results over IPMI and Redfish, explicit error categories with next steps, and the
/// state the grain keeps from them.
/// </summary>
[Collection(OneSiloFleetCollection.Name)]
public sealed class NodeGrainOutcomeTests(OneSiloFleet fleet)
{
    private static readonly NodeOperation PowerStatus = new(OperationKind.Power);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AWrongPasswordIsAnAuthenticationFailureNamingTheCredential()
    {
        fleet.Store.PutCredential("wrong-ipmi", "admin", "not-the-password");
        var node = fleet.AddIpmiNode("badpw-1", 6, credential: "wrong-ipmi");

        var outcome = await fleet.Grain(node).RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.False(outcome.Ok);
        Assert.True(NodeCategories.IsAuthentication(outcome.Error!.Category), outcome.Error.Category);
        Assert.Equal("bad-password", outcome.Error.Category);
        Assert.Contains("credential 'wrong-ipmi'", outcome.Error.NextStep, StringComparison.Ordinal);
        var state = await fleet.Grain(node).GetStateAsync();
        Assert.Equal("reachable", state.Reachability); // the BMC answered: it said no
        Assert.Equal("bad-password", state.LastError?.Category);
    }

    [Fact]
    public async Task AWrongRedfishPasswordIsAnAuthenticationFailureToo()
    {
        fleet.Store.PutCredential("wrong-redfish", "admin", "not-the-password");
        var node = fleet.AddRedfishNode("badpw-rf-1", 7, credential: "wrong-redfish");

        var outcome = await fleet.Grain(node).RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.False(outcome.Ok);
        Assert.True(NodeCategories.IsAuthentication(outcome.Error!.Category), outcome.Error.Category);
    }

    [Fact]
    public async Task AnUnknownNodeEndsAsUnknownNode()
    {
        var outcome = await fleet.Grain("no-such-node").RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.Equal("no-such-node", outcome.Node);
        Assert.Equal(NodeCategories.UnknownNode, outcome.Error?.Category);
        Assert.NotNull(outcome.Error?.NextStep);
    }

    [Theory]
    [InlineData("nourl-1", "neither an IPMI nor a Redfish URL")]
    [InlineData("nocred-1", "no credential")]
    [InlineData("missingcred-1", "does not exist")]
    [InlineData("wrongscheme-1", "not a ipmi URL")]
    public async Task ANodeThatCannotBeReachedAsDefinedIsNotConfigured(string name, string reason)
    {
        var url = fleet.Bmcs.IpmiUrl(15);
        fleet.Store.Put(name switch
        {
            "nourl-1" => new NodeDefinition { Name = name, Credential = FleetCluster.Admin },
            "nocred-1" => new NodeDefinition { Name = name, IpmiUrl = url, Groups = ["rack-without-credential"] },
            "missingcred-1" => new NodeDefinition { Name = name, IpmiUrl = url, Credential = "never-stored" },
            _ => new NodeDefinition { Name = name, IpmiUrl = fleet.Bmcs.RedfishUrl(15), Management = ManagementProtocol.Ipmi, Credential = FleetCluster.Admin },
        });
        fleet.Store.Put(new GroupDefinition { Name = "rack-without-credential" });

        var outcome = await fleet.Grain(name).RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.Equal(NodeCategories.NotConfigured, outcome.Error?.Category);
        Assert.Contains(reason, outcome.Error!.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(outcome.Error.NextStep));
        var state = await fleet.Grain(name).GetStateAsync();
        Assert.Equal("unknown", state.Reachability);
        Assert.Equal(NodeCategories.NotConfigured, state.LastError?.Category);
    }

    [Fact]
    public async Task AGroupCredentialAppliesWhenTheNodeNamesNone()
    {
        fleet.Store.Put(new GroupDefinition { Name = "rack-a" });
        fleet.Store.Put(new GroupDefinition { Name = "rack-b", Credential = FleetCluster.Admin });
        fleet.Store.Put(new NodeDefinition { Name = "grouped-1", IpmiUrl = fleet.Bmcs.IpmiUrl(15), Groups = ["rack-a", "rack-b"] });

        var outcome = await fleet.Grain("grouped-1").RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.True(outcome.Ok, outcome.Error?.Message);
    }

    [Fact]
    public async Task ARedfishNodeReadsPowerAndSensorsOnOneReusedSession()
    {
        var node = fleet.AddRedfishNode("redfish-1", 8);
        var grain = fleet.Grain(node);

        var power = await grain.RunAsync(PowerStatus).WaitAsync(Bound);
        var sensors = await grain.RunAsync(new NodeOperation(OperationKind.Sensors)).WaitAsync(Bound);
        var again = await grain.RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.True(power.Ok, power.Error?.Message);
        Assert.Equal(PowerState.On, Assert.IsType<PowerResult>(power.Result).State);
        Assert.True(sensors.Ok, sensors.Error?.Message);
        Assert.NotEmpty(Assert.IsType<SensorsResult>(sensors.Result).Sensors);
        Assert.True(again.Ok, again.Error?.Message);
        Assert.Equal(1, fleet.Bmcs.Redfish[8].SessionCount); // one login for all three
        Assert.Equal("redfish", (await grain.GetStateAsync()).Protocol);
    }

    [Fact]
    public async Task TheStateFollowsOperationsAndRefreshesWithoutTouchingTheBmcWhenRead()
    {
        var node = fleet.AddIpmiNode("state-1", 9);
        var grain = fleet.Grain(node);
        var model = fleet.Bmcs.Model(9);

        var fresh = await grain.GetStateAsync().WaitAsync(Bound);
        Assert.Equal(("ipmi", null, "unknown", null), (fresh.Protocol, fresh.Power, fresh.Reachability, fresh.CheckedAt));

        Assert.True((await grain.RunAsync(PowerStatus).WaitAsync(Bound)).Ok);
        var afterStatus = await grain.GetStateAsync();
        Assert.Equal(("on", "reachable"), (afterStatus.Power, afterStatus.Reachability));
        Assert.NotNull(afterStatus.CheckedAt);

        model.PowerOff();
        var commandsBefore = fleet.Bmcs.Received(9).Log.Count;
        Assert.Equal("on", (await grain.GetStateAsync()).Power); // reading the state asks nobody
        Assert.Equal(commandsBefore, fleet.Bmcs.Received(9).Log.Count);

        await grain.RefreshAsync().WaitAsync(Bound);
        var refreshed = await grain.GetStateAsync();
        Assert.Equal("off", refreshed.Power);
        Assert.True(refreshed.CheckedAt > afterStatus.CheckedAt);
        Assert.Null(refreshed.LastError);

        Assert.True((await grain.RunAsync(new NodeOperation(OperationKind.Power, PowerAction.On)).WaitAsync(Bound)).Ok);
        Assert.Equal("on", (await grain.GetStateAsync()).Power); // a hard on is where the chassis is once accepted
    }

    [Fact]
    public async Task HealthNamesTheSensorAndTheThresholdItCrossed()
    {
        var node = fleet.AddIpmiNode("health-1", 10);
        var grain = fleet.Grain(node);
        var model = fleet.Bmcs.Model(10);
        var critical = model.Sensors.Sensors.First(s => s.Name == "CPU1 Temp").Thresholds.UpperCritical!.Value;
        model.ForceSensorValue(SensorNumbers.Cpu1Temp, critical + 1);
        try
        {
            var outcome = await grain.RunAsync(new NodeOperation(OperationKind.Health)).WaitAsync(Bound);

            Assert.True(outcome.Ok, outcome.Error?.Message);
            var health = Assert.IsType<HealthResult>(outcome.Result);
            Assert.Equal("critical", health.Health);
            Assert.Contains(health.Reasons, r => r.StartsWith($"CPU1 Temp {critical + 1} C above upper critical {critical}", StringComparison.Ordinal));
            Assert.Equal("critical", (await grain.GetStateAsync()).Health);
        }
        finally
        {
            model.ClearForcedSensorValue(SensorNumbers.Cpu1Temp);
        }
        var healthy = await grain.RunAsync(new NodeOperation(OperationKind.Health)).WaitAsync(Bound);
        Assert.Equal("ok", Assert.IsType<HealthResult>(healthy.Result).Health);
    }

    [Fact]
    public async Task AnInvalidatedNodeReadsItsNewCredentialBeforeTheNextOperation()
    {
        fleet.Store.PutCredential("rotating", "admin", "old-wrong-password");
        var node = fleet.AddIpmiNode("rotate-1", 15, credential: "rotating");
        var grain = fleet.Grain(node);
        Assert.Equal("bad-password", (await grain.RunAsync(PowerStatus).WaitAsync(Bound)).Error?.Category);

        fleet.Store.PutCredential("rotating", "admin", SimulatedBmcs.AdminPassword);
        var cached = await grain.RunAsync(PowerStatus).WaitAsync(Bound);
        await grain.InvalidateAsync();
        var reloaded = await grain.RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.Equal("bad-password", cached.Error?.Category); // the credential is cached: no store read per operation
        Assert.True(reloaded.Ok, reloaded.Error?.Message);
    }
}
