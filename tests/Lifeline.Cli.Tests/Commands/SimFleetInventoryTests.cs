using Lifeline.Cli.Commands;
using Lifeline.Fleet.Inventory;

namespace Lifeline.Cli.Tests.Commands;

public sealed class SimFleetInventoryTests
{
    private static readonly string[] Ipmi = ["ipmi://admin@127.0.1.1:623", "ipmi://admin@127.0.1.2:623", "ipmi://admin@127.0.1.3:623"];
    private static readonly string[] Redfish = ["redfish://admin@127.0.1.1:443", "redfish://admin@127.0.1.2:443", "redfish://admin@127.0.1.3:443"];

    [Fact]
    public void TheSimulatorsInventoryImportsIntoTheServiceUnchanged()
    {
        var document = SimFleetInventory.Build(Ipmi, Redfish);
        var imported = InventoryYaml.Import(InventoryYaml.Export(document));

        Assert.Equal(["sim0001", "sim0002", "sim0003"], imported.Nodes.Select(n => n.Name));
        Assert.Equal(Ipmi, imported.Nodes.Select(n => n.IpmiUrl));
        Assert.Equal(Redfish, imported.Nodes.Select(n => n.RedfishUrl));
        Assert.All(imported.Nodes, n => Assert.Empty(InventoryValidator.Validate(n)));
        var group = Assert.Single(imported.Groups);
        Assert.Equal(SimFleetInventory.CredentialName, group.Credential);
    }

    [Fact]
    public void ConsolePortsBecomeEachNodesTcpConsoleMethod()
    {
        string[] consoles = ["tcp://127.0.1.1:7000", "tcp://127.0.1.2:7001", "tcp://127.0.1.3:7002"];
        var imported = InventoryYaml.Import(InventoryYaml.Export(SimFleetInventory.Build(Ipmi, [], consoles)));
        Assert.Equal(consoles, imported.Nodes.Select(n => n.ConsoleMethod));
        Assert.Contains("console: tcp://127.0.1.2:7001", InventoryYaml.Export(SimFleetInventory.Build(Ipmi, [], consoles)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACsvFileGetsTheNodesAsCsv()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-inventory-{Guid.NewGuid():N}.csv");
        try
        {
            await SimFleetInventory.WriteAsync(path, SimFleetInventory.Build(Ipmi, []), CancellationToken.None);
            var nodes = InventoryCsv.Import(await File.ReadAllTextAsync(path)).Nodes;
            Assert.Equal(3, nodes.Count);
            Assert.All(nodes, n => Assert.Null(n.RedfishUrl));
            Assert.Equal(Ipmi[2], nodes[2].IpmiUrl);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
