using System.Diagnostics;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Noderanges;
using Xunit.Abstractions;

namespace Lifeline.Fleet.Tests.Inventory;

public sealed class InventorySnapshotTests(ITestOutputHelper output)
{
    private static readonly GroupDefinition Rack1 = new()
    {
        Name = "rack1",
        Credential = "rack1-bmc",
        Attributes = new Dictionary<string, string> { ["site"] = "dc1", ["role"] = "rack-default", ["power"] = "pdu1" },
    };

    private static readonly GroupDefinition Compute = new()
    {
        Name = "compute",
        Credential = "compute-bmc",
        Attributes = new Dictionary<string, string> { ["role"] = "compute", ["power"] = "pdu9", ["os"] = "debian" },
    };

    [Fact]
    public void TheNodesOwnValueWinsThenTheEarlierGroup()
    {
        var node = new NodeDefinition
        {
            Name = "n1",
            Groups = ["rack1", "compute"],
            Attributes = new Dictionary<string, string> { ["os"] = "rocky" },
        };

        var effective = InventoryResolver.Resolve(node, new Dictionary<string, GroupDefinition> { ["rack1"] = Rack1, ["compute"] = Compute });

        Assert.Equal("rocky", effective.Attributes["os"]);         // node wins
        Assert.Equal("rack-default", effective.Attributes["role"]); // rack1 is listed first
        Assert.Equal("pdu1", effective.Attributes["power"]);
        Assert.Equal("dc1", effective.Attributes["SITE"]);          // keys ignore case
        Assert.Equal("rack1-bmc", effective.Credential);
        Assert.Equal("rack1", effective.CredentialSource);
    }

    [Fact]
    public void TheCredentialIsTheNodesElseTheFirstGroupThatNamesOne()
    {
        var groups = new Dictionary<string, GroupDefinition>
        {
            ["plain"] = new GroupDefinition { Name = "plain" },
            ["compute"] = Compute,
            ["rack1"] = Rack1,
        };

        Assert.Equal("own", InventoryResolver.Resolve(new NodeDefinition { Name = "a", Groups = ["rack1"], Credential = "own" }, groups).Credential);
        Assert.Equal("compute-bmc", InventoryResolver.Resolve(new NodeDefinition { Name = "b", Groups = ["plain", "undefined", "compute", "rack1"] }, groups).Credential);
        Assert.Null(InventoryResolver.Resolve(new NodeDefinition { Name = "c", Groups = ["plain"] }, groups).Credential);
    }

    [Theory]
    [InlineData(ManagementProtocol.Auto, true, ManagementProtocol.Redfish)]
    [InlineData(ManagementProtocol.Auto, false, ManagementProtocol.Ipmi)]
    [InlineData(ManagementProtocol.Ipmi, true, ManagementProtocol.Ipmi)]
    [InlineData(ManagementProtocol.Redfish, false, ManagementProtocol.Redfish)]
    public void AutoMeansRedfishWhenTheNodeHasARedfishUrl(ManagementProtocol chosen, bool hasRedfish, ManagementProtocol expected)
    {
        var node = new NodeDefinition
        {
            Name = "n1",
            IpmiUrl = "ipmi://admin@h1",
            RedfishUrl = hasRedfish ? "redfish://admin@h1" : null,
            Management = chosen,
        };

        var effective = InventoryResolver.Resolve(node, new Dictionary<string, GroupDefinition>());

        Assert.Equal(expected, effective.Protocol);
        Assert.Equal(expected == ManagementProtocol.Redfish ? node.RedfishUrl : node.IpmiUrl, effective.ManagementUrl);
    }

    [Fact]
    public void TheLocationFallsBackToInheritedSiteRackAndU()
    {
        var groups = new Dictionary<string, GroupDefinition>
        {
            ["rack1"] = new GroupDefinition { Name = "rack1", Attributes = new Dictionary<string, string> { ["site"] = "dc1", ["rack"] = "r1", ["u"] = "7" } },
        };

        var inherited = InventoryResolver.Resolve(new NodeDefinition { Name = "a", Groups = ["rack1"] }, groups);
        var own = InventoryResolver.Resolve(new NodeDefinition { Name = "b", Groups = ["rack1"], Location = new Location("dc2", null, 3) }, groups);

        Assert.Equal(new Location("dc1", "r1", 7), inherited.Location);
        Assert.Equal(new Location("dc2", "r1", 3), own.Location);
    }

    [Fact]
    public void TheSnapshotAnswersTheNoderangeUniverse()
    {
        INodeUniverse universe = InventorySnapshot.Create(
            [
                new NodeDefinition
                {
                    Name = "n2",
                    Groups = ["compute", "rack1"],
                    IpmiUrl = "ipmi://admin@10.0.0.2",
                    ConsoleMethod = "sol",
                    InbandAddress = "10.1.0.2",
                    Location = new Location(Rack: "r1", U: 4),
                    Attributes = new Dictionary<string, string> { ["gpu"] = "a100" },
                },
                new NodeDefinition { Name = "n1", Groups = ["rack1"], RedfishUrl = "redfish://admin@10.0.0.1" },
            ],
            [Rack1, Compute, new GroupDefinition { Name = "empty" }]);

        Assert.Equal(["n1", "n2"], universe.Nodes);
        Assert.True(universe.IsNode("n1"));
        Assert.False(universe.IsNode("N1"));
        Assert.Equal(["n1", "n2"], universe.GroupMembers("rack1"));
        Assert.Equal(["n2"], universe.GroupMembers("compute"));
        Assert.Empty(universe.GroupMembers("empty")!);
        Assert.Null(universe.GroupMembers("nope"));

        Assert.Equal("n2", universe.Attribute("n2", "name"));
        Assert.Equal("compute,rack1", universe.Attribute("n2", "groups"));
        Assert.Equal("ipmi://admin@10.0.0.2", universe.Attribute("n2", "IPMI"));
        Assert.Null(universe.Attribute("n2", "redfish"));
        Assert.Equal("dc1", universe.Attribute("n2", "site"));
        Assert.Equal("r1", universe.Attribute("n2", "rack"));
        Assert.Equal("4", universe.Attribute("n2", "u"));
        Assert.Equal("compute-bmc", universe.Attribute("n2", "credential"));
        Assert.Equal("ipmi", universe.Attribute("n2", "management"));
        Assert.Equal("redfish", universe.Attribute("n1", "management"));
        Assert.Equal("sol", universe.Attribute("n2", "console"));
        Assert.Equal("10.1.0.2", universe.Attribute("n2", "inband"));
        Assert.Equal("a100", universe.Attribute("n2", "GPU"));
        Assert.Equal("compute", universe.Attribute("n2", "role"));
        Assert.Equal("rack-default", universe.Attribute("n1", "role"));
        Assert.Null(universe.Attribute("n1", "gpu"));
        Assert.Null(universe.Attribute("ghost", "name"));
    }

    [Fact]
    public void GroupsOnlyNamedByNodesExistWithoutAttributes()
    {
        var snapshot = InventorySnapshot.Create([new NodeDefinition { Name = "n1", Groups = ["adhoc"] }], []);

        Assert.True(snapshot.IsGroup("adhoc"));
        Assert.Equal(["adhoc"], snapshot.Groups);
        Assert.Equal("adhoc", snapshot.GetGroup("adhoc")!.Name);
        Assert.Equal(["n1"], snapshot.GroupMembers("adhoc"));
    }

    [Fact]
    public void TenThousandNodesResolveQuickly()
    {
        var groups = Enumerable.Range(0, 250).Select(r => new GroupDefinition
        {
            Name = $"rack{r}",
            Credential = $"rack{r}-bmc",
            Attributes = new Dictionary<string, string> { ["site"] = $"dc{r % 3}", ["row"] = $"{r / 10}" },
        }).ToList();
        var nodes = Enumerable.Range(0, 10_000).Select(i => new NodeDefinition
        {
            Name = $"node{i:D5}",
            Groups = [$"rack{i / 40}", "all", i % 2 == 0 ? "even" : "odd"],
            IpmiUrl = $"ipmi://admin@10.{i / 65536}.{i / 256 % 256}.{i % 256}",
            Attributes = new Dictionary<string, string> { ["role"] = "compute" },
        }).ToList();

        var watch = Stopwatch.StartNew();
        var snapshot = InventorySnapshot.Create(nodes, groups);
        var build = watch.Elapsed;
        watch.Restart();
        int dc1 = snapshot.Nodes.Count(n => snapshot.Attribute(n, "site") == "dc1");
        var scan = watch.Elapsed;

        output.WriteLine($"snapshot of 10,000 nodes: build {build.TotalMilliseconds:F1} ms, one attribute over all {scan.TotalMilliseconds:F1} ms");
        Assert.Equal(10_000, snapshot.GroupMembers("all")!.Count);
        Assert.Equal(5_000, snapshot.GroupMembers("even")!.Count);
        Assert.True(dc1 > 3000);
        Assert.Equal("rack249-bmc", snapshot.Attribute("node09999", "credential"));
    }
}
