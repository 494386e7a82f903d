using System.Diagnostics;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Model;

namespace Lifeline.Fleet.Tests.Grains;

/// <summary>
/// The node grain's warm IPMI session against a simulated BMC: reused between operations, kept apart for mutations,
/// shared by reads, re-opened after a BMC reboot, and never blocking the state while a BMC hangs.
/// </summary>
[Collection(OneSiloFleetCollection.Name)]
public sealed class NodeGrainSessionTests(OneSiloFleet fleet)
{
    private static readonly NodeOperation PowerStatus = new(OperationKind.Power);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TheSecondPowerStatusReusesTheSessionOfTheFirst()
    {
        var node = fleet.AddIpmiNode("reuse-1", 0);
        var first = await fleet.Grain(node).RunAsync(PowerStatus).WaitAsync(Bound);
        var second = await fleet.Grain(node).RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.True(first.Ok, first.Error?.Message);
        Assert.True(second.Ok, second.Error?.Message);
        Assert.IsType<PowerResult>(second.Result);
        // Get Chassis Status (§28.2) arrived twice, both times in one and the same RMCP+ session
        var statuses = fleet.Bmcs.Received(0).Commands(NetFn.Chassis, 0x01);
        Assert.Equal(2, statuses.Count);
        Assert.Single(statuses.Select(c => c.SessionId).Distinct());
        // and that session is still open on the BMC (direct mode would have closed it)
        var open = fleet.Bmcs.Node(0).Responder.Sessions.Where(s => s.Active).Select(s => s.BmcSessionId).ToList();
        Assert.Equal([statuses[0].SessionId], open);
    }

    [Fact]
    public async Task TwoMutatingOperationsOnOneBmcNeverOverlap()
    {
        var node = fleet.AddIpmiNode("serial-1", 1);
        var grain = fleet.Grain(node);
        Assert.True((await grain.RunAsync(PowerStatus).WaitAsync(Bound)).Ok); // the session is warm
        // every answer of this BMC now takes 150 ms: an operation holds the BMC at least that long
        fleet.Bmcs.Model(1).Faults = FaultSettings.Default with { AddedLatency = TimeSpan.FromMilliseconds(150) };
        try
        {
            var outcomes = await Task.WhenAll(
                grain.RunAsync(new NodeOperation(OperationKind.Power, PowerAction.On)),
                grain.RunAsync(new NodeOperation(OperationKind.Identify, Identify: new IdentifyRequest(IdentifyMode.Seconds, 5))),
                grain.RunAsync(new NodeOperation(OperationKind.Power, PowerAction.Off))).WaitAsync(Bound);

            Assert.All(outcomes, o => Assert.True(o.Ok, o.Error?.Message));
            var received = fleet.Bmcs.Received(1);
            var mutations = received.Commands(NetFn.Chassis, 0x02).Concat(received.Commands(NetFn.Chassis, 0x04)).OrderBy(c => c.At).ToList();
            Assert.Equal(3, mutations.Count);
            // each arrived only after the previous one had been answered (150 ms later): they ran one after another
            for (int i = 1; i < mutations.Count; i++)
            {
                var gap = mutations[i].At - mutations[i - 1].At;
                Assert.True(gap >= TimeSpan.FromMilliseconds(120), $"mutations {i - 1} and {i} reached the BMC {gap.TotalMilliseconds:0} ms apart");
            }
        }
        finally
        {
            fleet.Bmcs.Model(1).Faults = FaultSettings.Default;
        }
    }

    [Fact]
    public async Task TwoReadsOnOneBmcRunSideBySide()
    {
        var node = fleet.AddIpmiNode("reads-1", 2);
        var grain = fleet.Grain(node);
        Assert.True((await grain.RunAsync(PowerStatus).WaitAsync(Bound)).Ok);
        fleet.Bmcs.Model(2).Faults = FaultSettings.Default with { AddedLatency = TimeSpan.FromMilliseconds(150) };
        try
        {
            var before = fleet.Bmcs.Received(2).Commands(NetFn.Chassis, 0x01).Count;
            var outcomes = await Task.WhenAll(grain.RunAsync(PowerStatus), grain.RunAsync(PowerStatus)).WaitAsync(Bound);

            Assert.All(outcomes, o => Assert.True(o.Ok, o.Error?.Message));
            var reads = fleet.Bmcs.Received(2).Commands(NetFn.Chassis, 0x01).Skip(before).ToList();
            Assert.Equal(2, reads.Count);
            // both were on the BMC before either was answered: reads share the per-BMC cap of 2
            Assert.True(reads[1].At - reads[0].At < TimeSpan.FromMilliseconds(120),
                $"the second read reached the BMC {(reads[1].At - reads[0].At).TotalMilliseconds:0} ms after the first");
        }
        finally
        {
            fleet.Bmcs.Model(2).Faults = FaultSettings.Default;
        }
    }

    [Fact]
    public async Task AHungBmcTimesOutWithinTheDeadlineAndTheStateAnswersMeanwhile()
    {
        var node = fleet.AddIpmiNode("hang-1", 3);
        var grain = fleet.Grain(node);
        Assert.True((await grain.RunAsync(PowerStatus).WaitAsync(Bound)).Ok);
        fleet.Bmcs.Model(3).Faults = FaultSettings.Default with { Hung = true };
        try
        {
            var watch = Stopwatch.StartNew();
            var running = grain.RunAsync(PowerStatus);
            await Task.Delay(200);
            var state = await grain.GetStateAsync().WaitAsync(Bound);
            var stateAnsweredAt = watch.Elapsed;
            var outcome = await running.WaitAsync(Bound);
            var outcomeAt = watch.Elapsed;

            Assert.False(running.IsFaulted);
            Assert.Equal(NodeCategories.Timeout, outcome.Error?.Category);
            Assert.NotNull(outcome.Error?.NextStep);
            Assert.True(outcomeAt < FleetCluster.OperationTimeout + TimeSpan.FromSeconds(1), $"the timeout came after {outcomeAt}");
            Assert.True(stateAnsweredAt < outcomeAt, "the state waited for the hung operation");
            Assert.Equal("on", state.Power);

            var after = await grain.GetStateAsync().WaitAsync(Bound);
            Assert.Equal("unreachable", after.Reachability);
            Assert.Equal(NodeCategories.Timeout, after.LastError?.Category);
        }
        finally
        {
            fleet.Bmcs.Model(3).Faults = FaultSettings.Default;
        }
        // the grain is still usable once the BMC answers again
        var recovered = await grain.RunAsync(PowerStatus).WaitAsync(Bound);
        Assert.True(recovered.Ok, recovered.Error?.Message);
        Assert.Equal("reachable", (await grain.GetStateAsync()).Reachability);
    }

    [Fact]
    public async Task AfterABmcRebootTheNextOperationSucceedsOnAReopenedSession()
    {
        var node = fleet.AddIpmiNode("reboot-1", 4);
        var grain = fleet.Grain(node);
        Assert.True((await grain.RunAsync(PowerStatus).WaitAsync(Bound)).Ok);
        var before = fleet.Bmcs.Received(4).Commands(NetFn.Chassis, 0x01).Single().SessionId;

        var model = fleet.Bmcs.Model(4);
        model.RebootBmc();
        var waited = Stopwatch.StartNew();
        while (!model.IsBmcAvailable)
        {
            Assert.True(waited.Elapsed < Bound, "the simulated BMC did not come back from its reboot");
            await Task.Delay(50);
        }
        var outcome = await grain.RunAsync(PowerStatus).WaitAsync(Bound);

        Assert.True(outcome.Ok, outcome.Error?.Message);
        var after = fleet.Bmcs.Received(4).Commands(NetFn.Chassis, 0x01).Last().SessionId;
        Assert.NotEqual(before, after); // the BMC forgot the old session; the driver opened a new one by itself
    }

    [Fact]
    public async Task ACredentialLimitedToUserReadsButIsRefusedMutations()
    {
        fleet.Store.PutCredential("readonly", "readonly", "readonly");
        var node = fleet.AddIpmiNode("readonly-1", 5, credential: "readonly");
        var grain = fleet.Grain(node);

        var status = await grain.RunAsync(PowerStatus).WaitAsync(Bound);
        var on = await grain.RunAsync(new NodeOperation(OperationKind.Power, PowerAction.On)).WaitAsync(Bound);

        Assert.True(status.Ok, status.Error?.Message);
        Assert.Equal(NodeCategories.InsufficientPrivilege, on.Error?.Category);
        Assert.Contains("'readonly'", on.Error!.NextStep, StringComparison.Ordinal);
    }
}
