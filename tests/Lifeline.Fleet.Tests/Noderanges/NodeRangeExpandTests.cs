using Lifeline.Fleet.Noderanges;

namespace Lifeline.Fleet.Tests.Noderanges;

public sealed class NodeRangeExpandTests
{
    [Theory]
    // names and groups
    [InlineData("n1", "n1")]
    [InlineData("gpu", "n13,n14,n15,n16,n17,n18,n19,n20")]
    [InlineData("mgmt", "alpha,beta")]
    [InlineData("web-1", "web-1")]
    [InlineData("n1,n1,n2", "n1,n2")]
    [InlineData("n10,n2,n1", "n1,n2,n10")]
    // ranges: '-', ':', '..', brackets
    [InlineData("n1-n5", "n1,n2,n3,n4,n5")]
    [InlineData("n1:n5", "n1,n2,n3,n4,n5")]
    [InlineData("n1..n5", "n1,n2,n3,n4,n5")]
    [InlineData("n[1-5]", "n1,n2,n3,n4,n5")]
    [InlineData("n[1:5]", "n1,n2,n3,n4,n5")]
    [InlineData("n[1..5]", "n1,n2,n3,n4,n5")]
    [InlineData("n8-n11", "n8,n9,n10,n11")]
    [InlineData("n1-n1", "n1")]
    [InlineData("web-1:web-2", "web-1,web-2")]
    [InlineData("web-1-web-2", "web-1,web-2")]
    // zero padding
    [InlineData("s001-s003", "s001,s002,s003")]
    [InlineData("s[008-010]", "s008,s009,s010")]
    [InlineData("r1u09:r1u10", "r1u09,r1u10")]
    // several numbers vary at once, several brackets
    [InlineData("r1u09-r2u10", "r1u09,r1u10,r2u09,r2u10")]
    [InlineData("r[1-2]u[09-10]", "r1u09,r1u10,r2u09,r2u10")]
    [InlineData("r[1,3]u[01,10]", "r1u01,r1u10,r3u01,r3u10")]
    // lists, steps and exclusions inside brackets
    [InlineData("n[1,3,5-7]", "n1,n3,n5,n6,n7")]
    [InlineData("n[1-20:5]", "n1,n6,n11,n16")]
    [InlineData("n[1:20:5]", "n1,n6,n11,n16")]
    [InlineData("n[1-10,-3-8]", "n1,n2,n9,n10")]
    [InlineData("n[5,1-3,2]", "n1,n2,n3,n5")]
    // n10+3
    [InlineData("n10+3", "n10,n11,n12,n13")]
    [InlineData("n10+0", "n10")]
    [InlineData("s008+2", "s008,s009,s010")]
    [InlineData("r1u09+1", "r1u09,r1u10")]
    // ranges over groups
    [InlineData("rack2-rack3@u=1", "r2u01,r3u01")]
    // regexes
    [InlineData("~^n1[0-2]$", "n10,n11,n12")]
    [InlineData("/^web", "web-1,web-2")]
    [InlineData("~n(1|2)$", "n1,n2")]
    [InlineData("~^s0{2}[12]$", "s001,s002")]
    [InlineData("~^n[0-9]{2,}$@gpu", "n13,n14,n15,n16,n17,n18,n19,n20")]
    [InlineData("~^n1\\d$,-~[3-9]$", "n10,n11,n12")]
    [InlineData("n1,~^s00[12]$", "n1,s001,s002")]
    // attribute selectors
    [InlineData("role=gpu", "n13,n14,n15,n16,n17,n18,n19,n20")]
    [InlineData("role==gpu", "n13,n14,n15,n16,n17,n18,n19,n20")]
    [InlineData("ROLE=gpu@n13-n14", "n13,n14")]
    [InlineData("rack=2@compute", "n11,n12,n13,n14,n15,n16")]
    [InlineData("compute@role!=cpu", "n13,n14,n15,n16")]
    [InlineData("role=~^(gpu|stor)@~[02]$", "n20,s002,s010")]
    [InlineData("mgmt,web@role!~pu", "alpha,beta,web-1,web-2")]
    [InlineData("web,n1@role=", "web-1,web-2")]
    [InlineData("name=n5", "n5")]
    [InlineData("groups=~rack1@u=1", "r1u01")]
    // operators apply left to right; parentheses first
    [InlineData("n1-n5,-n2,n2", "n1,n2,n3,n4,n5")]
    [InlineData("n1-n5,n7@n2-n7", "n2,n3,n4,n5,n7")]
    [InlineData("n1-n5@n2-n7,n10", "n2,n3,n4,n5,n10")]
    [InlineData("n1-n5,-n2-n3@n3-n5", "n4,n5")]
    [InlineData("n1-n5,-(n2-n3@n3-n5)", "n1,n2,n4,n5")]
    [InlineData("(n1,n2)@(n2,n3)", "n2")]
    [InlineData("((n1))", "n1")]
    [InlineData("gpu,-(compute,-n14)", "n14,n17,n18,n19,n20")]
    [InlineData(" n1 , n2 ", "n1,n2")]
    [InlineData("n1,-n1", "")]
    // pagination: >N shows N, <M skips M, last, over the sorted result
    [InlineData("n1-n10>3", "n1,n2,n3")]
    [InlineData("n1-n10<3", "n4,n5,n6,n7,n8,n9,n10")]
    [InlineData("n1-n10>3<6", "n7,n8,n9")]
    [InlineData("n1-n10<6>3", "n7,n8,n9")]
    [InlineData("n1-n10<20", "")]
    [InlineData("gpu,-n13>2", "n14,n15")]
    [InlineData(">2", "alpha,beta")]
    [InlineData("<62", "web-1,web-2")]
    public void ExpandsEachSyntaxForm(string expression, string expected)
    {
        var nodes = NodeRange.Expand(expression, LabUniverse.Instance);

        Assert.Equal(LabUniverse.Names(expected), nodes);
    }

    [Fact]
    public void TwoBracketListsGiveTheirProductWithPaddingKept()
    {
        var nodes = NodeRange.Expand("r[1-3]u[01-10]", LabUniverse.Instance);

        var expected = new[] { "r1u", "r2u", "r3u" }.SelectMany(p => LabUniverse.Sequence(p, 1, 10, 2));
        Assert.Equal(expected, nodes);
        Assert.Equal(nodes, NodeRange.Expand("r1u01-r3u10", LabUniverse.Instance));
        Assert.Equal(nodes, NodeRange.Expand("rack1-rack3", LabUniverse.Instance));
    }

    [Fact]
    public void ARangeThatOnlyExistsAsANodeNameIsThatNode()
    {
        var universe = NodeUniverse.Create(["n1", "n2", "n3", "n1-n3"]);

        Assert.Equal(["n1-n3"], NodeRange.Expand("n1-n3", universe));
        Assert.Equal(["n1", "n2", "n3"], NodeRange.Expand("n1:n3", universe));
        Assert.Equal(["n1", "n2", "n3"], NodeRange.Expand("n[1-3]", universe));
    }

    [Fact]
    public void ANodeWinsOverAGroupWithTheSameName()
    {
        var universe = NodeUniverse.Create(
        [
            ("dup", ["x"], new Dictionary<string, string>()),
            ("a1", ["dup"], new Dictionary<string, string>()),
        ]);

        Assert.Equal(["dup"], NodeRange.Expand("dup", universe));
        Assert.Equal(["dup"], NodeRange.Expand("x", universe));
    }

    [Fact]
    public void AGroupContributesOnlyMembersThatAreNodes()
    {
        var universe = new GroupWithStrangerUniverse();

        Assert.Equal(["a1"], NodeRange.Expand("g", universe));
    }

    [Fact]
    public void ARegexMatchesNodesButNotGroupNames()
    {
        Assert.Empty(NodeRange.Expand("~^compute$", LabUniverse.Instance));
    }

    [Fact]
    public void PaginationAloneSpansEveryNode()
    {
        var all = NodeRange.Expand("all", LabUniverse.Instance);

        Assert.Equal(all.Take(5), NodeRange.Expand(">5", LabUniverse.Instance));
        Assert.Equal(all.Skip(5).Take(5), NodeRange.Expand("<5>5", LabUniverse.Instance));
    }

    [Fact]
    public void ValidateChecksSyntaxWithoutAUniverse()
    {
        NodeRange.Validate("no-such-group,-n[1-5]@rack=7>3");

        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Validate("n1,,n2"));
        Assert.Equal(3, error.Position);
    }

    private sealed class GroupWithStrangerUniverse : INodeUniverse
    {
        public IReadOnlyCollection<string> Nodes { get; } = ["a1"];

        public bool IsNode(string name) => name == "a1";

        public IReadOnlyCollection<string>? GroupMembers(string group) => group == "g" ? ["a1", "gone"] : null;

        public string? Attribute(string node, string attribute) => null;
    }
}
