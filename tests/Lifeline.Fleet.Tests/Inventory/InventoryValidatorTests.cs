using Lifeline.Fleet.Inventory;

namespace Lifeline.Fleet.Tests.Inventory;

public sealed class InventoryValidatorTests
{
    [Theory]
    [InlineData("n1")]
    [InlineData("Node-01.rack_2")]
    [InlineData("1n")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void ValidNodeNamesPass(string name)
    {
        Assert.Null(InventoryValidator.CheckNodeName(name));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-n1", "start with a letter or a digit")]
    [InlineData(".n1", "start with a letter or a digit")]
    [InlineData("n 1", "found ' '")]
    [InlineData("n1,n2", "found ','")]
    [InlineData("nœud", "found 'œ'")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345", "longer than 64")]
    public void InvalidNodeNamesSayWhy(string name, string expected)
    {
        Assert.Contains(expected, InventoryValidator.CheckNodeName(name), StringComparison.Ordinal);
    }

    [Fact]
    public void ANodeReportsEveryProblemNamingItself()
    {
        var node = new NodeDefinition
        {
            Name = "n1",
            Groups = ["ok", "bad group", "ok"],
            IpmiUrl = "redfish://admin@h1",
            RedfishUrl = "redfish://admin:pw@h1",
            Credential = "-c",
            ConsoleMethod = "line\nbreak",
            Location = new Location(U: -1),
            Attributes = new Dictionary<string, string> { ["ipmi"] = "x", ["Role"] = "y", ["ok"] = "fine" },
        };

        var problems = InventoryValidator.Validate(node);

        Assert.All(problems, p => Assert.StartsWith("node 'n1'", p, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("group name 'bad group'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'ok' is listed twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ipmi:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("redfish: a BMC URL must not contain a password", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("credential name '-c'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("console contains a control character", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("u must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'ipmi' is a built-in", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Role' must start with a lower-case", StringComparison.Ordinal));
        Assert.Equal(9, problems.Count);
    }

    [Fact]
    public void NormalizingLowersAttributeKeysAndRefusesKeysThatCollide()
    {
        var node = new NodeDefinition { Name = "n1", Attributes = new Dictionary<string, string> { ["Role"] = "Compute" } };

        Assert.Equal("Compute", InventoryValidator.Normalize(node).Attributes["role"]);
        Assert.Throws<InventoryValidationException>(() => InventoryValidator.Normalize(
            node with { Attributes = new Dictionary<string, string> { ["Role"] = "a", ["role"] = "b" } }));
    }

    [Fact]
    public void SiteRackAndUMayBeGroupAttributes()
    {
        var group = new GroupDefinition { Name = "rack1", Attributes = new Dictionary<string, string> { ["site"] = "dc1", ["rack"] = "r1", ["u"] = "3" } };

        Assert.Empty(InventoryValidator.Validate(group));
    }
}
