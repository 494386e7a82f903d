using System.Diagnostics;
using System.Text;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Fleet.Tests.Noderanges;

public sealed class NodeRangeHostileInputTests
{
    [Fact]
    public void ATenKilobyteListOfNamesExpands()
    {
        string expression = string.Join(',', Enumerable.Range(0, 3000).Select(i => $"n{(i % 20) + 1}"));
        Assert.True(expression.Length > 10_000);

        var nodes = NodeRange.Expand(expression, LabUniverse.Instance);

        Assert.Equal(LabUniverse.Sequence("n", 1, 20), nodes);
    }

    [Fact]
    public void TenKilobytesOfOpeningParenthesesStopAtTheDepthLimit()
    {
        string expression = new('(', 10_000);

        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand(expression, LabUniverse.Instance));

        Assert.Equal(NodeRangeLimits.MaxDepth, error.Position);
        Assert.Contains("nest deeper", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParenthesesWithinTheDepthLimitEvaluate()
    {
        string expression = new string('(', 90) + "n1" + new string(')', 90) + ",n2";

        Assert.Equal(["n1", "n2"], NodeRange.Expand(expression, LabUniverse.Instance));
    }

    [Fact]
    public void AnOverlongExpressionIsRefusedBeforeParsing()
    {
        string expression = new('n', NodeRangeLimits.MaxExpressionLength + 1);

        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand(expression, LabUniverse.Instance));

        Assert.Contains("characters long", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n[1-999999999]")]
    [InlineData("n1-n999999999")]
    [InlineData("n1:n999999999999999999")]
    [InlineData("n1+999999999")]
    [InlineData("r[1-1000]u[1-1001]")]
    [InlineData("r1u1-r1000u1001")]
    [InlineData("a[1-100]b[1-100]c[1-101]")]
    public void HugeRangesAreRefusedWithoutEnumerating(string expression)
    {
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand(expression, LabUniverse.Instance));

        Assert.Equal(0, error.Position);
        Assert.Contains("more than 1,000,000 names", error.Problem, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void ANumberTooLongToCountIsAClearError()
    {
        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand("n[1-1234567890123456789012]", LabUniverse.Instance));

        Assert.Equal(4, error.Position);
        Assert.Contains("longer than 18 digits", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ACatastrophicRegexTimesOutWithAClearError()
    {
        var universe = NodeUniverse.Create([new string('a', 40) + "!", "b1"]);
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand("b1,~^(a+)+$", universe));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(3, error.Position);
        Assert.Contains("took longer than", error.Problem, StringComparison.Ordinal);
        Assert.IsType<System.Text.RegularExpressions.RegexMatchTimeoutException>(error.InnerException);
    }

    [Fact]
    public void ACatastrophicAttributeRegexTimesOutWithAClearError()
    {
        var universe = NodeUniverse.Create(
        [
            ("n1", [], new Dictionary<string, string> { ["serial"] = new string('a', 60) + "!" }),
        ]);

        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand("serial=~^(a|aa)+$", universe));

        Assert.Equal(8, error.Position);
        Assert.Contains("took longer than", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomGarbageEitherExpandsOrFailsWithAPositionedNodeRangeException()
    {
        const string Alphabet = "nrsu01279-:.+,@()[]<>~/=!^$*\\{} _#\t";
        var random = new Random(20240611);
        int expanded = 0;
        for (int i = 0; i < 5_000; i++)
        {
            var text = new StringBuilder();
            int length = random.Next(1, 24);
            for (int c = 0; c < length; c++)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            string expression = text.ToString();
            try
            {
                NodeRange.Expand(expression, LabUniverse.Instance);
                expanded++;
            }
            catch (NodeRangeException e)
            {
                Assert.InRange(e.Position, 0, expression.Length);
                Assert.Equal(expression, e.Expression);
                NodeRangeErrorTests.AssertCaretUnderPosition(e);
            }
        }

        Assert.True(expanded > 0, "some random expressions are valid");
    }
}
