using Lifeline.Fleet.Noderanges;

namespace Lifeline.Fleet.Tests.Noderanges;

public sealed class NodeRangeErrorTests
{
    [Theory]
    // structure
    [InlineData("", 0, "empty")]
    [InlineData("   ", 0, "empty")]
    [InlineData("n1,,n2", 3, "no term between")]
    [InlineData(",n1", 0, "needs a term before")]
    [InlineData("@n1", 0, "needs a term before")]
    [InlineData("n1,", 2, "no term after")]
    [InlineData("n1,-", 2, "no term after")]
    [InlineData("n1@", 2, "no term after")]
    [InlineData("n1 n2", 3, "no operator")]
    [InlineData("(n1)(n2)", 4, "no operator")]
    [InlineData("(n1", 0, "never closed")]
    [InlineData("n1,((n2)", 3, "never closed")]
    [InlineData("n1)", 2, "no matching '('")]
    [InlineData("()", 1, "Nothing before ')'")]
    [InlineData("-n1", 0, "can't start with '-'")]
    [InlineData("n1,@n2", 3, "no term between")]
    [InlineData("n1#", 2, "Unexpected character '#'")]
    [InlineData("n1;rm", 2, "Unexpected character ';'")]
    [InlineData("n1]", 2, "no matching '['")]
    [InlineData("n1~x", 2, "inside a name")]
    // brackets
    [InlineData("n[1-5", 1, "never closed")]
    [InlineData("n[1-5,n6", 1, "never closed")]
    [InlineData("n[5-1]", 2, "backwards")]
    [InlineData("n[1-x]", 4, "numbers only")]
    [InlineData("n[]", 1, "Empty bracket")]
    [InlineData("n[1,,2]", 4, "Missing a number")]
    [InlineData("n[1-]", 4, "Missing a number")]
    [InlineData("n[1 2]", 3, "space")]
    [InlineData("n[-1]", 2, "can't start with '-'")]
    [InlineData("n[1.5]", 3, "single '.'")]
    [InlineData("n[1-9:0]", 6, "at least 1")]
    [InlineData("n[1-2-3-4]", 7, "Too many parts")]
    [InlineData("n[1*2]", 3, "can't appear inside a bracket")]
    // names and ranges that don't exist or don't match
    [InlineData("n1-n20,foo", 7, "'foo' is not a node or group")]
    [InlineData("n1-n25", 0, "'n21' is not a node or group (and 4 more")]
    [InlineData("n[18-22]", 0, "'n21' is not a node or group (and 1 more")]
    [InlineData("n20+1", 0, "'n21' is not a node or group (produced by")]
    [InlineData("n5-n1", 0, "counts down")]
    [InlineData("web-frontend", 0, "differ in more than their numbers")]
    [InlineData("n1-s5", 0, "differ in more than their numbers")]
    [InlineData("n01-n1", 0, "padded differently")]
    [InlineData("n1-n2-n3", 0, "two ends of the same shape")]
    [InlineData("n10+x", 0, "'+' must be followed")]
    [InlineData("abc+3", 0, "no number to count from")]
    // pagination
    [InlineData("n1>", 2, "must be followed by a number")]
    [InlineData("n1<x", 2, "must be followed by a number")]
    [InlineData("n1>3,n2", 4, "must come at the end")]
    [InlineData("n1>3>4", 4, "given twice")]
    [InlineData("(n1>3)", 3, "inside parentheses")]
    [InlineData("n1>99999999999", 3, "too large")]
    [InlineData("n1,>3", 2, "has no term after it")]
    // regexes and attribute selectors
    [InlineData("~", 0, "must be followed by a regular expression")]
    [InlineData("n1,/", 3, "must be followed by a regular expression")]
    [InlineData("~n[", 2, "invalid")]
    [InlineData("=7", 0, "needs an attribute name")]
    [InlineData("ra:ck=7", 2, "can't be part of an attribute name")]
    [InlineData("rack!7", 4, "'!' must be followed by '=' or '~'")]
    [InlineData("rack=~", 6, "must be followed by a regular expression")]
    [InlineData("n[1-2]=x", 1, "bracket list")]
    [InlineData("secret.password=x", 0, "secret attribute")]
    public void ReportsTheProblemAtTheOffendingCharacter(string expression, int position, string problem)
    {
        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand(expression, LabUniverse.Instance));

        Assert.Equal(expression, error.Expression);
        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        AssertCaretUnderPosition(error);
    }

    [Fact]
    public void TheMessageShowsProblemExpressionCaretAndHint()
    {
        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand("n1-n20,foo", LabUniverse.Instance));

        string[] lines = error.Message.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("'foo' is not a node or group.", lines[0]);
        Assert.Equal("  n1-n20,foo", lines[1]);
        Assert.Equal("         ^", lines[2]);
        Assert.Equal(error.Hint, lines[3]);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
    }

    [Fact]
    public void AnInvalidRegexPointsIntoThePattern()
    {
        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand("n1,~a(b", LabUniverse.Instance));

        Assert.InRange(error.Position, 4, 6);
        Assert.Contains("invalid", error.Problem, StringComparison.Ordinal);
        Assert.IsType<System.Text.RegularExpressions.RegexParseException>(error.InnerException);
        AssertCaretUnderPosition(error);
    }

    [Fact]
    public void ALongExpressionIsShownAsAWindowAroundThePosition()
    {
        string expression = string.Join(',', Enumerable.Repeat("n1", 2000)) + ",nope," + string.Join(',', Enumerable.Repeat("n2", 2000));

        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand(expression, LabUniverse.Instance));

        Assert.Equal(expression.IndexOf("nope", StringComparison.Ordinal), error.Position);
        string[] lines = error.Message.Split('\n');
        Assert.True(lines[1].Length < 120, "the excerpt is a window, not the whole expression");
        Assert.Equal("nope", lines[1].Substring(lines[2].IndexOf('^', StringComparison.Ordinal), 4));
    }

    [Fact]
    public void ControlCharactersDoNotShiftTheCaret()
    {
        var error = Assert.Throws<NodeRangeException>(() => NodeRange.Expand("n1,\tnope", LabUniverse.Instance));

        Assert.Equal(4, error.Position);
        AssertCaretUnderPosition(error);
    }

    internal static void AssertCaretUnderPosition(NodeRangeException error)
    {
        string[] lines = error.Message.Split('\n');
        Assert.True(lines.Length >= 4, error.Message);
        Assert.Equal(error.Problem, lines[0]);
        int caret = lines[2].IndexOf('^', StringComparison.Ordinal);
        Assert.True(caret >= 2, error.Message);
        Assert.Equal(new string(' ', caret), lines[2][..caret]);
        if (error.Expression.Length <= 100)
        {
            Assert.Equal(2 + error.Position, caret);
            Assert.Equal("  " + error.Expression.Replace('\t', ' '), lines[1]);
        }
    }
}
