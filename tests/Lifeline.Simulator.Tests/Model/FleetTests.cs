using System.Diagnostics;
using System.Text;
using Lifeline.Simulator.Model;
using Xunit.Abstractions;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class FleetTests(ITestOutputHelper output)
{
    [Fact]
    public void TenThousandNodesAreBuiltQuicklyAndCheaply()
    {
        var clock = Clock();
        var options = new BmcFleetOptions { Count = 10_000, Seed = 1, Defaults = BmcOptions.Default };
        _ = new BmcFleetModel(options with { Count = 10 }, clock); // warm up the JIT

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var fleet = new BmcFleetModel(options, clock);
        watch.Stop();
        var constructed = watch.Elapsed;
        long built = GC.GetTotalMemory(forceFullCollection: true) - before;

        watch.Restart();
        foreach (var node in fleet.Nodes)
        {
            node.ReadSensors();
        }
        var firstRead = watch.Elapsed;
        clock.Advance(TimeSpan.FromMinutes(1));
        watch.Restart();
        foreach (var node in fleet.Nodes)
        {
            node.ReadSensors();
        }
        var minuteLater = watch.Elapsed;
        long afterReads = GC.GetTotalMemory(forceFullCollection: true) - before;

        output.WriteLine($"construction: {fleet.Count} nodes in {constructed.TotalMilliseconds:0.0} ms, {built / 1024.0 / 1024:0.0} MiB retained ({built / fleet.Count} B/node)");
        output.WriteLine($"read all sensors of every node: first {firstRead.TotalMilliseconds:0} ms, a minute later {minuteLater.TotalMilliseconds:0} ms");
        output.WriteLine($"retained after reads: {afterReads / 1024.0 / 1024:0.0} MiB");
        GC.KeepAlive(fleet);

        Assert.Equal(10_000, fleet.Count);
        Assert.Equal("node00001", fleet[0].Name);
        Assert.Equal("node10000", fleet[9_999].Name);
        Assert.Same(fleet[9_999], fleet.Find("node10000"));
        Assert.Equal(10_000, fleet.Nodes.Select(n => n.Lan.MacAddress).Distinct().Count());
        Assert.Equal(10_000, fleet.Nodes.Select(n => n.Lan.Address).Distinct().Count());
    }

    [Fact]
    public void ConstructionTimeIsReported()
    {
        var clock = Clock();
        var watch = Stopwatch.StartNew();
        var fleet = new BmcFleetModel(new BmcFleetOptions { Count = 10_000, Seed = 9 }, clock);
        watch.Stop();
        output.WriteLine($"10,000 nodes built in {watch.Elapsed.TotalMilliseconds:0.0} ms (cold JIT included)");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "construction should take well under a second");
        Assert.Equal(10_000, fleet.Count);
    }

    [Fact]
    public void OverridesApplyToTheChosenNodesOnly()
    {
        var fleet = new BmcFleetModel(new BmcFleetOptions
        {
            Count = 100,
            Override = (i, d) => i % 10 == 7 ? d with { Faults = d.Faults.WithCipherSuiteZero() } : d,
        }, Clock());

        var withZero = fleet.Nodes.Where(n => n.Faults.AcceptsCipherSuite(0)).Select(n => n.Index).ToArray();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 10 + 7), withZero);
        Assert.Equal(new byte[] { 1, 2, 3, 17 }, fleet[0].Faults.CipherSuites);
        Assert.Equal(4, fleet[0].Faults.SessionLimit);
    }

    [Fact]
    public void FleetCredentialsApplyToEveryNode()
    {
        var fleet = new BmcFleetModel(new BmcFleetOptions { Count = 3, UserName = "root", Password = "calvin" }, Clock());

        foreach (var node in fleet.Nodes)
        {
            var user = node.FindUser("root");
            Assert.NotNull(user);
            Assert.Equal(PrivilegeLevel.Administrator, user.Privilege);
            Assert.True(user.PasswordMatches(Encoding.UTF8.GetBytes("calvin")));
        }
    }

    [Fact]
    public void SameSeedBuildsTheSameFleet()
    {
        var a = new BmcFleetModel(new BmcFleetOptions { Count = 5, Seed = 11 }, Clock());
        var b = new BmcFleetModel(new BmcFleetOptions { Count = 5, Seed = 11 }, Clock());
        var c = new BmcFleetModel(new BmcFleetOptions { Count = 5, Seed = 12 }, Clock());

        Assert.Equal(a.Nodes.Select(n => n.SystemGuid), b.Nodes.Select(n => n.SystemGuid));
        Assert.Equal(a.Nodes.Select(n => n.Fru), b.Nodes.Select(n => n.Fru));
        Assert.NotEqual(a.Nodes.Select(n => n.SystemGuid), c.Nodes.Select(n => n.SystemGuid));
        Assert.Equal(5, a.Nodes.Select(n => n.SystemGuid).Distinct().Count());
    }
}
