using Lifeline.Fleet.Noderanges;

namespace Lifeline.Fleet.Tests.Noderanges;

public sealed class NodeUniverseTests
{
    private static readonly NodeUniverse Universe = NodeUniverse.Create(
    [
        ("n10", ["compute", "rack1"], new Dictionary<string, string> { ["Rack"] = "1", ["name"] = "ignored" }),
        ("n2", ["compute", "compute"], new Dictionary<string, string>()),
        ("n1", [], new Dictionary<string, string> { ["groups"] = "ignored" }),
    ]);

    [Fact]
    public void NodesAndGroupsAreListedInNaturalOrder()
    {
        Assert.Equal(["n1", "n2", "n10"], Universe.Nodes);
        Assert.Equal(["compute", "rack1"], Universe.Groups);
        Assert.Equal(["n2", "n10"], Universe.GroupMembers("compute"));
    }

    [Fact]
    public void AnUnknownGroupHasNoMembersAndAnUnknownNodeNoAttributes()
    {
        Assert.Null(Universe.GroupMembers("nope"));
        Assert.Null(Universe.Attribute("nope", "name"));
        Assert.False(Universe.IsNode("compute"));
        Assert.True(Universe.IsNode("n2"));
    }

    [Fact]
    public void AttributeNamesAreCaseInsensitive()
    {
        Assert.Equal("1", Universe.Attribute("n10", "rack"));
        Assert.Equal("1", Universe.Attribute("n10", "RACK"));
        Assert.Null(Universe.Attribute("n2", "rack"));
    }

    [Fact]
    public void BuiltInNameAndGroupsWinOverSuppliedAttributes()
    {
        Assert.Equal("n10", Universe.Attribute("n10", "name"));
        Assert.Equal("compute,rack1", Universe.Attribute("n10", "Groups"));
        Assert.Equal("compute", Universe.Attribute("n2", "groups"));
        Assert.Null(Universe.Attribute("n1", "groups"));
    }

    [Fact]
    public void ANodeGivenTwiceIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => NodeUniverse.Create(["n1", "n2", "n1"]));

        Assert.Contains("'n1' is given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEmptyUniverseHasNothing()
    {
        Assert.Empty(NodeUniverse.Empty.Nodes);
        Assert.Empty(NodeUniverse.Empty.Groups);
        Assert.Empty(NodeRange.Expand(">10", NodeUniverse.Empty));
    }
}
