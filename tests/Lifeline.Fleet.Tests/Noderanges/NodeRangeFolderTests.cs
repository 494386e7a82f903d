using System.Globalization;
using Lifeline.Fleet.Noderanges;
using Xunit.Abstractions;

namespace Lifeline.Fleet.Tests.Noderanges;

public sealed class NodeRangeFolderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("n1", "n1")]
    [InlineData("alpha", "alpha")]
    [InlineData("n1,n2", "n1,n2")]
    [InlineData("n1,n3", "n1,n3")]
    [InlineData("n1,n2,n3", "n[1-3]")]
    [InlineData("n1,n3,n5,n7,n9", "n[1-9:2]")]
    [InlineData("n8,n9,n10,n11", "n[8-11]")]
    [InlineData("n08,n09,n10,n11", "n[08-11]")]
    [InlineData("n7,n8,n09,n10,n11,n12,n13,n14,n15,n16,n17,n18,n19,n20", "n[7,8,09-20]")]
    [InlineData("s001,s002,s003,s010", "s[001-003,010]")]
    [InlineData("r3u4,r5u6", "r3u4,r5u6")]
    [InlineData("r1u01,r1u02,r2u01,r2u02", "r[1,2]u[01,02]")]
    [InlineData("r3u4,r3u5,r3u6,r3u9,r4u1", "r3u[4-6,9],r4u1")]
    [InlineData("beta,alpha,n2,n1,n3", "alpha,beta,n[1-3]")]
    [InlineData("web-1,web-2,web-3,web-10", "web-[1-3,10]")]
    [InlineData("n1.lab,n2.lab,n3.lab", "n[1-3].lab")]
    public void FoldsToTheShortestForm(string names, string expected)
    {
        Assert.Equal(expected, NodeRangeFolder.Fold(names.Split(',')));
    }

    [Fact]
    public void FoldsAFullRackProductAndTheIssueExample()
    {
        var rack = new[] { "r1u", "r2u", "r3u" }.SelectMany(p => LabUniverse.Sequence(p, 1, 10, 2));
        Assert.Equal("r[1-3]u[01-10]", NodeRangeFolder.Fold(rack));

        var issue = LabUniverse.Sequence("n", 1, 20).Append("n22");
        Assert.Equal("n[1-20,22]", NodeRangeFolder.Fold(issue));
    }

    [Fact]
    public void FoldingNothingGivesTheEmptyString()
    {
        Assert.Equal("", NodeRangeFolder.Fold([]));
    }

    [Fact]
    public void AFoldedRangeNeverCapturesAnotherExistingNode()
    {
        var universe = NodeUniverse.Create([.. LabUniverse.Sequence("n", 1, 10), "n1-n3", "n[1-3]"]);
        string[] set = ["n1", "n2", "n3", "n5"];

        string folded = NodeRangeFolder.Fold(set);

        Assert.Equal("n[1-3,5]", folded);
        Assert.Equal(set, NodeRange.Expand(folded, universe));
    }

    [Fact]
    public void FoldIsDeterministicWhateverTheInputOrder()
    {
        var names = new[] { "r1u01", "r1u02", "r2u05", "n7", "n9", "alpha", "n8", "x10y3", "x11y3" };

        string folded = NodeRangeFolder.Fold(names);

        Assert.Equal(folded, NodeRangeFolder.Fold(Enumerable.Reverse(names)));
        Assert.Equal(folded, NodeRangeFolder.Fold(names.Order(StringComparer.Ordinal).Concat(names)));
    }

    [Theory]
    [InlineData("-n1")]
    [InlineData("n 1")]
    [InlineData("n,1")]
    [InlineData("rack=1")]
    [InlineData("")]
    public void ANameANoderangeCannotExpressIsRejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => NodeRangeFolder.Fold(["n1", name]));

        Assert.Contains("can't be written in a noderange", error.Message, StringComparison.Ordinal);
        Assert.False(NodeRangeFolder.IsFoldable(name));
    }

    [Fact]
    public void NumbersTooLongToCountStayAsSingles()
    {
        string[] names = ["n12345678901234567890", "n12345678901234567891", "n1", "n2", "n3"];

        string folded = NodeRangeFolder.Fold(names);

        Assert.Equal(names.Order(NaturalNameComparer.Instance), NodeRange.Expand(folded, NodeUniverse.Create(names)));
    }

    [Fact]
    public void RandomSetsFoldAndExpandBackExactly()
    {
        var random = new Random(7_341_019);
        int folds = 0;
        long plain = 0;
        long saved = 0;
        for (int round = 0; round < 2_000; round++)
        {
            var set = RandomNames(random, random.Next(1, random.Next(10) == 0 ? 400 : 60)).ToHashSet(StringComparer.Ordinal);
            var universeNames = set.Concat(RandomNames(random, random.Next(0, 200)));
            var universe = NodeUniverse.Create(universeNames.Distinct(StringComparer.Ordinal));

            string folded = NodeRangeFolder.Fold(set);

            var expected = set.Order(NaturalNameComparer.Instance).ToList();
            int plainLength = string.Join(',', expected).Length;
            Assert.True(folded.Length <= plainLength, $"'{folded}' is longer than the {plainLength} characters of the plain list");
            var expanded = NodeRange.Expand(folded, universe);
            if (!expected.SequenceEqual(expanded))
            {
                Assert.Fail($"round {round}: Fold gave '{folded}' for [{string.Join(',', expected)}], which expands to [{string.Join(',', expanded)}]");
            }

            Assert.Equal(folded, NodeRangeFolder.Fold(set.Reverse()));
            plain += plainLength;
            saved += plainLength - folded.Length;
            if (folded.Length < plainLength)
            {
                folds++;
            }
        }

        output.WriteLine($"{folds} of 2000 random sets folded shorter than their plain list; {saved:N0} of {plain:N0} characters saved");
        Assert.True(folds > 1_000, $"only {folds} of 2000 sets folded shorter than their plain list");
    }

    /// <summary>
    /// Names of mixed shapes drawn from small number ranges so that sets are dense enough to fold: one number with
    /// random padding, rack/unit pairs, three numbers, numbers with a suffix, bare numbers, and names without digits.
    /// </summary>
    private static IEnumerable<string> RandomNames(Random random, int count)
    {
        string[] prefixes = ["n", "node", "gpu-", "x_", "sw.", "c"];
        string[] words = ["alpha", "beta", "mgmt", "login-a", "login-b", "head"];
        bool consistentPadding = random.Next(2) == 0;
        int padding = random.Next(4);
        int spread = random.Next(3) switch { 0 => 12, 1 => 40, _ => 1200 };
        for (int i = 0; i < count; i++)
        {
            yield return random.Next(9) switch
            {
                0 or 1 or 2 => prefixes[random.Next(prefixes.Length)] + Number(),
                3 or 4 => $"r{Number(8)}u{Number()}",
                5 => $"r{Number(3)}u{Number(12)}s{Number(4)}",
                6 => $"c{Number()}-bmc" + (random.Next(2) == 0 ? ".lab" : ""),
                7 => Number(),
                _ => words[random.Next(words.Length)],
            };
        }

        string Number(int? max = null)
        {
            int value = random.Next(max ?? spread);
            int width = consistentPadding ? padding : random.Next(4);
            return value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        }
    }
}
