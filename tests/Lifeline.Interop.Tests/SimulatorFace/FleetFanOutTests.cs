using System.Diagnostics;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.SimulatorFace;

/// <summary>100 simulated BMCs, one per loopback address 127.0.75.1-100, all on the same port.</summary>
public sealed class HundredNodeFleet() : SimulatedFleetFixture(subnet: 75, nodes: 100, fakeClock: true,
    perNode: (i, d) => i % 7 == 3 ? d with { InitiallyOn = false } : d);

/// <summary>FreeIPMI's ipmipower fans out over the whole simulated fleet in one call.</summary>
public sealed class FleetFanOutTests(HundredNodeFleet fleet) : IClassFixture<HundredNodeFleet>
{
    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task IpmipowerStatReportsEveryNodesPowerState(int suite)
    {
        string hosts = $"127.0.75.[1-{fleet.Fleet.Nodes.Count}]:{fleet.Port}";
        var clock = Stopwatch.StartNew();
        var result = await FreeIpmi.RunAsync("ipmipower", fleet, hosts, suite, "--stat");
        clock.Stop();
        Assert.True(result.ExitCode == 0, result.ToString());
        var states = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1].Trim());
        Assert.Equal(fleet.Fleet.Nodes.Count, states.Count);
        for (int i = 0; i < fleet.Fleet.Nodes.Count; i++)
        {
            Assert.True(states.TryGetValue(fleet.Host(i), out var state), $"ipmipower did not report {fleet.Host(i)}:\n{result}");
            Assert.Equal(fleet.Model(i).IsPoweredOn ? "on" : "off", state);
        }
        Assert.Equal(14, states.Values.Count(s => s == "off")); // nodes 3, 10, … 94 were built powered off
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"ipmipower --stat over 100 simulated BMCs took {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
