using Lifeline.Drivers;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Tests.Targets;

public class HostRangeCompressorTests
{
    [Theory]
    [InlineData("127.0.1.[1-3,5]")]
    [InlineData("node[01-04]")]
    [InlineData("127.0.[1-4].[1-250]")]
    [InlineData("node[01-10,15]")]
    [InlineData("n[08-11]")]
    [InlineData("n[8-11]")]
    [InlineData("127.0.0.1:[6230-6729]")]
    [InlineData("rack[1-2]-node[001-040]")]
    public void CanonicalRangesComeBackUnchanged(string pattern)
    {
        Assert.Equal(pattern, HostRangeCompressor.CompressToString(HostList.Expand(pattern)));
    }

    [Fact]
    public void DifferentSkeletonsBecomeSeparateExpressionsInNaturalOrder()
    {
        var names = new[] { "node3", "10.0.0.2", "node1", "10.0.0.1", "node2", "bmc-x" };
        Assert.Equal(["10.0.0.[1-2]", "bmc-x", "node[1-3]"], HostRangeCompressor.Compress(names));
    }

    [Fact]
    public void SameValuesWithDifferentPaddingStayDistinct()
    {
        var names = new[] { "n1", "n01", "n2", "n02" };
        var folded = HostRangeCompressor.CompressToString(names);
        Assert.Equal(names.Order(), HostList.Expand(folded).Order());
    }

    [Fact]
    public void BlocksThatDoNotLineUpAreNotMergedIntoAWrongProduct()
    {
        var names = HostList.Expand("10.0.1.[1-3],10.0.2.[1-5]");
        Assert.Equal(["10.0.1.[1-3]", "10.0.2.[1-5]"], HostRangeCompressor.Compress(names));
    }

    [Fact]
    public void IPv6AndBracketedNamesAreLeftAlone()
    {
        Assert.Equal(["[fd00::1]:624", "fd00::2"], HostRangeCompressor.Compress(["fd00::2", "[fd00::1]:624"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void CompressingARandomSetExpandsBackToExactlyThatSet(int seed)
    {
        var random = new Random(seed);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int shape = 0; shape < 4; shape++)
        {
            int width = random.Next(0, 4);
            string Pad(int n) => width == 0 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : n.ToString(new string('0', width), System.Globalization.CultureInfo.InvariantCulture);
            string prefix = random.Next(3) switch { 0 => "node", 1 => "10.0.", _ => "r" };
            int rows = random.Next(1, 6);
            for (int row = 0; row < rows; row++)
            {
                for (int k = 0; k < random.Next(1, 60); k++)
                {
                    int n = random.Next(0, 130);
                    names.Add(prefix == "10.0." ? $"10.0.{row}.{n}" : $"{prefix}{row}-{Pad(n)}");
                }
            }
        }

        var folded = HostRangeCompressor.Compress(names);
        var expanded = folded.SelectMany(f => HostPattern.Parse(f).Expand()).ToList();
        Assert.Equal(names.Count, expanded.Count); // expressions are disjoint: nothing expands twice
        Assert.True(names.SetEquals(expanded), $"seed {seed}: {string.Join(",", folded)} does not expand back to the input");
        Assert.True(folded.Count <= names.Count);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void ExpandingThenCompressingARandomPatternGivesTheSameSet(int seed)
    {
        var random = new Random(seed);
        int lo1 = random.Next(0, 50), lo2 = random.Next(1, 200);
        string pattern = $"10.{random.Next(256)}.[{lo1}-{lo1 + random.Next(0, 5)},{lo1 + 10}].[{lo2}-{lo2 + random.Next(0, 55)}]";
        var names = HostList.Expand(pattern);
        var again = HostList.Expand(HostRangeCompressor.CompressToString(names));
        Assert.Equal(names.Order(), again.Order());
    }

    [Fact]
    public void NaturalOrderComparesNumbersByValue()
    {
        var sorted = new[] { "node10", "node9", "node09", "node1" }.Order(NaturalComparer.Instance).ToArray();
        Assert.Equal(["node1", "node9", "node09", "node10"], sorted);
    }
}
