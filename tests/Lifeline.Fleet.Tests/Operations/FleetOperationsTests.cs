using System.Diagnostics;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Tests.Grains;
using Lifeline.Simulator.Model;

namespace Lifeline.Fleet.Tests.Operations;

/// <summary>Fleet operations over node grains: streamed in completion order, one outcome per node, states without BMCs.</summary>
[Collection(OneSiloFleetCollection.Name)]
public sealed class FleetOperationsTests(OneSiloFleet fleet)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ASlowBmcDoesNotDelayTheOthersAndEveryNodeEndsOnce()
    {
        var slow = fleet.AddIpmiNode("fan-slow", 11);
        string[] fast = [fleet.AddIpmiNode("fan-a", 12), fleet.AddIpmiNode("fan-b", 13), fleet.AddIpmiNode("fan-c", 14)];
        fleet.Bmcs.Model(11).Faults = FaultSettings.Default with { AddedLatency = TimeSpan.FromMilliseconds(180) };
        try
        {
            var watch = Stopwatch.StartNew();
            var arrived = new List<(NodeOutcome Outcome, TimeSpan At)>();
            // the slow node first, a name twice, an unknown node and a name that cannot be a node
            string[] nodes = [slow, .. fast, "fan-a", "fan-unknown", "../etc"];
            await foreach (var outcome in fleet.Operations().RunAsync(new NodeOperation(OperationKind.Power), nodes, CancellationToken.None)
                .WithCancellation(new CancellationTokenSource(Bound).Token))
            {
                arrived.Add((outcome, watch.Elapsed));
            }

            Assert.Equal(6, arrived.Count);
            string[] distinct = [slow, .. fast, "fan-unknown", "../etc"];
            Assert.Equal(distinct.Order(StringComparer.Ordinal), arrived.Select(a => a.Outcome.Node).Order(StringComparer.Ordinal));
            Assert.Equal(slow, arrived[^1].Outcome.Node);
            Assert.All(arrived.Where(a => a.Outcome.Node.StartsWith("fan-", StringComparison.Ordinal) && a.Outcome.Node != "fan-unknown"),
                a => Assert.True(a.Outcome.Ok, a.Outcome.Error?.Message));
            var slowAt = arrived[^1].At;
            var fastAt = arrived.Where(a => fast.Contains(a.Outcome.Node)).Max(a => a.At);
            Assert.True(slowAt - fastAt > TimeSpan.FromMilliseconds(300), $"fast nodes at {fastAt}, slow node at {slowAt}");
            Assert.Equal(NodeCategories.UnknownNode, arrived.Single(a => a.Outcome.Node == "fan-unknown").Outcome.Error?.Category);
            Assert.Equal(NodeCategories.UnknownNode, arrived.Single(a => a.Outcome.Node == "../etc").Outcome.Error?.Category);
        }
        finally
        {
            fleet.Bmcs.Model(11).Faults = FaultSettings.Default;
        }
    }

    [Fact]
    public async Task StatesComeBackInTheOrderAskedWithoutTouchingABmc()
    {
        var node = fleet.AddIpmiNode("states-a", 12);
        var before = fleet.Bmcs.Received(12).Log.Count;

        var states = await fleet.Operations().GetStatesAsync([node, "states-unknown", "states-a"], CancellationToken.None).WaitAsync(Bound);

        Assert.Equal([node, "states-unknown"], states.Select(s => s.Node));
        Assert.Equal("ipmi", states[0].Protocol);
        Assert.Equal(NodeCategories.UnknownNode, states[1].LastError?.Category);
        Assert.Equal(before, fleet.Bmcs.Received(12).Log.Count);
    }

    [Fact]
    public async Task AnOperationWithoutItsArgumentsIsAnInvalidRequestForEveryNode()
    {
        var node = fleet.AddIpmiNode("invalid-a", 13);
        var outcomes = new List<NodeOutcome>();
        await foreach (var outcome in fleet.Operations().RunAsync(new NodeOperation(OperationKind.BootSet), [node], CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(NodeCategories.InvalidRequest, Assert.Single(outcomes).Error?.Category);
    }

    [Fact]
    public async Task CancellingTheCallerEndsEveryUnfinishedNodeAsCancelled()
    {
        var node = fleet.AddIpmiNode("cancel-a", 11);
        fleet.Bmcs.Model(11).Faults = FaultSettings.Default with { Hung = true };
        try
        {
            using var cancel = new CancellationTokenSource();
            var outcomes = new List<NodeOutcome>();
            var reading = Task.Run(async () =>
            {
                await foreach (var outcome in fleet.Operations().RunAsync(new NodeOperation(OperationKind.Power), [node], cancel.Token))
                {
                    outcomes.Add(outcome);
                }
            });
            await Task.Delay(200);
            await cancel.CancelAsync();
            await reading.WaitAsync(Bound);

            Assert.Equal(NodeCategories.Cancelled, Assert.Single(outcomes).Error?.Category);
        }
        finally
        {
            fleet.Bmcs.Model(11).Faults = FaultSettings.Default;
        }
    }
}
