using System.Text;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;

namespace Lifeline.Monitoring.Tests.Notifications;

public sealed class SyslogFormatterTests
{
    [Theory]
    [InlineData(Severity.Critical, AlertTransition.Firing, 16 * 8 + 2)]
    [InlineData(Severity.Warning, AlertTransition.Firing, 16 * 8 + 4)]
    [InlineData(Severity.Info, AlertTransition.Reminder, 16 * 8 + 6)]
    [InlineData(Severity.Critical, AlertTransition.Resolved, 16 * 8 + 5)]
    public void PriIsFacilityTimesEightPlusTheSeverityOfTheChange(Severity severity, AlertTransition transition, int pri)
    {
        var payload = TestAlerts.Payload(TestAlerts.Fan(severity: severity), transition);

        string text = Encoding.UTF8.GetString(SyslogFormatter.Format(payload, 16, "mgmt1", "lifeline", 42));

        Assert.StartsWith($"<{pri}>1 2026-03-01T12:00:00.000000Z mgmt1 lifeline 42 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMessageHasMsgIdStructuredDataAndABomBeforeTheSummary()
    {
        byte[] bytes = SyslogFormatter.Format(TestAlerts.Payload(), 16, "mgmt1", "lifeline", 42);
        string text = Encoding.UTF8.GetString(bytes);

        Assert.Contains(" 42 firing [lifeline@32473 node=\"node12\" rule=\"fan-failing\" alert=\"7\" severity=\"critical\" subject=\"Fan3\" state=\"firing\" service=\"lifeline-test\"] \uFEFFFIRING critical node12: Fan3 falling",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParamValuesEscapeQuoteBackslashAndBracket()
    {
        Assert.Equal("a\\\"b\\\\c\\]d", SyslogFormatter.EscapeParamValue("a\"b\\c]d"));
        var alert = TestAlerts.Fan(node: "n\"]1");

        string text = Encoding.UTF8.GetString(SyslogFormatter.Format(TestAlerts.Payload(alert), 16, "h", "lifeline", 1));

        Assert.Contains("node=\"n\\\"\\]1\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncationNeverSplitsAUtf8Sequence()
    {
        var alert = TestAlerts.Fan(summary: new string('ü', 3000));
        byte[] message = SyslogFormatter.Format(TestAlerts.Payload(alert), 16, "h", "lifeline", 1);

        for (int max = 2040; max <= 2048; max++)
        {
            var cut = SyslogFormatter.Truncate(message, max);
            Assert.InRange(cut.Length, max - 3, max);
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            string decoded = strict.GetString(cut.Span); // throws on a split sequence
            Assert.EndsWith("ü", decoded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OctetCountingFramesWithTheByteLength()
    {
        byte[] framed = SyslogFormatter.Frame(Encoding.UTF8.GetBytes("<134>1 - - - - - - ü"));

        Assert.Equal("21 <134>1 - - - - - - ü", Encoding.UTF8.GetString(framed));
    }

    [Theory]
    [InlineData("local0", 16)]
    [InlineData("LOCAL7", 23)]
    [InlineData("daemon", 3)]
    [InlineData("4", 4)]
    [InlineData("24", null)]
    [InlineData("local8", null)]
    public void FacilitiesParseByNameOrNumber(string name, int? code)
    {
        Assert.Equal(code, SyslogFormatter.ParseFacility(name));
    }

    [Fact]
    public void NewlinesInTheSummaryStayOnOneLine()
    {
        var alert = TestAlerts.Fan(summary: "line one\nline two");

        string text = Encoding.UTF8.GetString(SyslogFormatter.Format(TestAlerts.Payload(alert), 16, "h", "lifeline", 1));

        Assert.DoesNotContain('\n', text);
        Assert.EndsWith("line one line two", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 15)]
    [InlineData(3, 60)]
    [InlineData(4, 300)]
    [InlineData(5, 900)]
    [InlineData(40, 900)]
    public void RetriesBackOffExponentiallyUpToFifteenMinutesWithTwentyPercentJitter(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.Delay(attempt, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(seconds * 0.8), RetrySchedule.Delay(attempt, 0));
        Assert.Equal(TimeSpan.FromSeconds(seconds * 1.2), RetrySchedule.Delay(attempt, 1));
    }
}
