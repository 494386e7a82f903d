using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Alerts;

public sealed class AlertRuleValidatorTests
{
    [Fact]
    public void TheDefaultRulesAreValid() =>
        Assert.All(DefaultRules.All, r => Assert.Empty(AlertRuleValidator.Validate(r)));

    [Fact]
    public void ABadRegularExpressionSaysWhereAndWhatToDo()
    {
        var errors = AlertRuleValidator.Validate(new AlertRule { Name = "x", Kind = RuleKind.Console, Match = "panic(" });
        var error = Assert.Single(errors);
        Assert.Contains("not a valid regular expression", error, StringComparison.Ordinal);
        Assert.Contains("offset", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegexThatNeedsBacktrackingIsStillAccepted() =>
        Assert.Empty(AlertRuleValidator.Validate(new AlertRule { Name = "x", Kind = RuleKind.Console, Match = @"(\w+) \1" }));

    [Fact]
    public void AnUnknownTrendListsTheKnownOnes()
    {
        var error = Assert.Single(AlertRuleValidator.Validate(new AlertRule { Name = "x", Kind = RuleKind.Trend, Trend = "fan-slow" }));
        Assert.Contains("fan-falling", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RuleKind.Threshold, "above, below or status")]
    [InlineData(RuleKind.Event, "event_severity or match")]
    [InlineData(RuleKind.Reachability, "path \"bmc\"")]
    public void MissingFieldsPerKindAreNamed(RuleKind kind, string expected) =>
        Assert.Contains(AlertRuleValidator.Validate(new AlertRule { Name = "x", Kind = kind }), e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void NegativeDurationsUnusedFieldsAndUnknownChannelsAreRejected()
    {
        var rule = new AlertRule
        {
            Name = "bad rule", Kind = RuleKind.Reachability, Path = "primary", For = TimeSpan.FromMinutes(-1), Above = 3, Channels = ["pager"],
        };
        var errors = AlertRuleValidator.Validate(rule, ["webhook", "mail"]);
        Assert.Contains(errors, e => e.StartsWith("name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("for is negative", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("above applies to threshold rules only", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("channel \"pager\" is not configured", StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => AlertRuleValidator.EnsureValid(rule, ["webhook"]));
        Assert.Contains("is invalid", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStatusIsRejected() =>
        Assert.Contains(AlertRuleValidator.Validate(new AlertRule { Name = "x", Kind = RuleKind.Threshold, Status = "bad" }),
            e => e.Contains("status \"bad\" is unknown", StringComparison.Ordinal));
}
