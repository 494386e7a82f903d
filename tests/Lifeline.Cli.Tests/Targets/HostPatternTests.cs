using Lifeline.Drivers;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Tests.Targets;

public class HostPatternTests
{
    private static string[] Expand(string pattern) => HostPattern.Parse(pattern).Expand().ToArray();

    [Fact]
    public void APatternWithoutBracketsIsItself()
    {
        Assert.Equal(["bmc1.example.com"], Expand("bmc1.example.com"));
    }

    [Fact]
    public void ARangeInTheLastOctetExpandsInOrder()
    {
        var names = Expand("127.0.1.[1-500]");
        Assert.Equal(500, names.Length);
        Assert.Equal("127.0.1.1", names[0]);
        Assert.Equal("127.0.1.500", names[^1]);
    }

    [Fact]
    public void ListsAndRangesMixAndZeroPaddingIsKept()
    {
        Assert.Equal(["node01", "node02", "node03", "node10", "node15"], Expand("node[01-03,10,15]"));
    }

    [Fact]
    public void PaddingFollowsTheLowerBound()
    {
        Assert.Equal(["n08", "n09", "n10"], Expand("n[08-10]"));
        Assert.Equal(["n8", "n9", "n10"], Expand("n[8-10]"));
        Assert.Equal(["n098", "n099", "n100"], Expand("n[098-100]"));
    }

    [Fact]
    public void SeveralGroupsExpandAsACartesianProductFirstGroupSlowest()
    {
        Assert.Equal(["10.1.1", "10.1.2", "10.2.1", "10.2.2"], Expand("10.[1-2].[1-2]"));
        Assert.Equal(1000, HostPattern.Parse("127.0.[1-4].[1-250]").Count);
        Assert.Equal(1000, Expand("127.0.[1-4].[1-250]").Distinct().Count());
    }

    [Fact]
    public void CountIsKnownWithoutExpanding()
    {
        Assert.Equal(10_000_000_000L, HostPattern.Parse("n[1-100000].[1-100000]").Count);
    }

    [Theory]
    [InlineData("n[5-1]", "reversed range 5-1", 2)]
    [InlineData("127.0.1.[500-1]", "reversed range 500-1", 9)]
    [InlineData("n[1-3", "'[' is never closed", 1)]
    [InlineData("n1-3]", "']' without a matching '['", 4)]
    [InlineData("n[]", "empty range", 1)]
    [InlineData("n[1,,2]", "expected a number before ','", 4)]
    [InlineData("n[1-]", "expected a number before ']'", 4)]
    [InlineData("n[a-b]", "unexpected 'a'", 2)]
    [InlineData("n[1-[2]]", "'[' inside a range", 4)]
    [InlineData("n[1-05]", "inconsistent zero padding in 1-05", 2)]
    [InlineData("a,b", "',' outside brackets", 1)]
    [InlineData("n[1234567890123456789]", "number longer than 18 digits", 2)]
    public void MalformedPatternsAreRejectedAtTheRightPosition(string pattern, string reason, int index)
    {
        var e = Assert.Throws<HostPatternException>(() => HostPattern.Parse(pattern));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal(index, e.Index);
    }

    [Fact]
    public void AHostListSplitsOnlyOnCommasOutsideBrackets()
    {
        Assert.Equal(["a1", "a3", "b2"], HostList.Expand("a[1,3],b2"));
    }

    [Fact]
    public void AHostListErrorIndexCountsFromTheWholeList()
    {
        var e = Assert.Throws<HostPatternException>(() => HostList.Parse("a[1-2],b[3-1]"));
        Assert.Equal(9, e.Index);
    }
}
