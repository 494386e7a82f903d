using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Microsoft.Extensions.Configuration;

namespace Lifeline.Monitoring.Tests.Notifications;

public sealed class ChannelSettingsTests
{
    private static Dictionary<string, ChannelSettings> Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return configuration.GetSection(ChannelSettingsValidator.Section).Get<Dictionary<string, ChannelSettings>>() ?? [];
    }

    [Fact]
    public void ChannelsBindFromTheConfigurationSectionAsADictionaryOfNames()
    {
        var channels = Bind(new()
        {
            ["Lifeline:Monitoring:Channels:ops:Kind"] = "webhook",
            ["Lifeline:Monitoring:Channels:ops:Url"] = "https://hooks.example.com/lifeline",
            ["Lifeline:Monitoring:Channels:ops:Secret"] = "k",
            ["Lifeline:Monitoring:Channels:ops:Headers:Authorization"] = "Bearer x",
            ["Lifeline:Monitoring:Channels:ops:MinSeverity"] = "critical",
            ["Lifeline:Monitoring:Channels:ops:RepeatInterval"] = "04:00:00",
            ["Lifeline:Monitoring:Channels:log:Kind"] = "syslog",
            ["Lifeline:Monitoring:Channels:log:Host"] = "127.0.0.1",
            ["Lifeline:Monitoring:Channels:log:Protocol"] = "tcp",
            ["Lifeline:Monitoring:Channels:mail:Kind"] = "smtp",
            ["Lifeline:Monitoring:Channels:mail:Host"] = "mail.example.com",
            ["Lifeline:Monitoring:Channels:mail:From"] = "lifeline@example.com",
            ["Lifeline:Monitoring:Channels:mail:To:0"] = "ops@example.com",
            ["Lifeline:Monitoring:Channels:mail:To:1"] = "oncall@example.com",
            ["Lifeline:Monitoring:Channels:mail:UseStartTls"] = "required",
        });

        Assert.Equal(["log", "mail", "ops"], channels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Severity.Critical, channels["ops"].MinSeverity);
        Assert.Equal(TimeSpan.FromHours(4), channels["ops"].RepeatInterval);
        Assert.Equal("Bearer x", channels["ops"].Headers["Authorization"]);
        Assert.Equal("local0", channels["log"].Facility);
        Assert.Equal(["ops@example.com", "oncall@example.com"], channels["mail"].To);
        Assert.Empty(ChannelSettingsValidator.Validate(channels));
    }

    [Fact]
    public void AWebhookWithARelativeUrlIsRejectedNamingTheKey()
    {
        var errors = ChannelSettingsValidator.Validate("ops", new ChannelSettings { Kind = "webhook", Url = "/hook", Secret = "k" });

        Assert.Contains(errors, e => e.StartsWith("Lifeline:Monitoring:Channels:ops:Url must be an absolute http(s) URL", StringComparison.Ordinal));
    }

    [Fact]
    public void AWebhookWithoutAKeySaysWhereToPutIt()
    {
        var errors = ChannelSettingsValidator.Validate("ops", new ChannelSettings { Kind = "webhook", Url = "http://127.0.0.1/x" });

        string error = Assert.Single(errors);
        Assert.Contains("SecretEnvironmentVariable (preferred)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretInAnUnsetVariableIsReportedWithoutAValue()
    {
        string variable = $"LIFELINE_TEST_UNSET_{Environment.ProcessId}";
        var errors = ChannelSettingsValidator.Validate("ops", new ChannelSettings { Kind = "webhook", Url = "http://127.0.0.1/x", SecretEnvironmentVariable = variable });

        Assert.Contains(errors, e => e.Contains(variable, StringComparison.Ordinal) && e.Contains("not set", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoSecretSourcesAreAmbiguous()
    {
        var errors = ChannelSettingsValidator.Validate("ops", new ChannelSettings
        {
            Kind = "webhook", Url = "http://127.0.0.1/x", Secret = "a", SecretFile = "/nonexistent",
        });

        Assert.Contains(errors, e => e.Contains("set only one of", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownKindListsTheKnownOnes()
    {
        var errors = ChannelSettingsValidator.Validate("x", new ChannelSettings { Kind = "pager" });

        Assert.Equal(["Lifeline:Monitoring:Channels:x:Kind must be webhook, syslog or smtp (it is 'pager')"], errors);
    }

    [Theory]
    [InlineData("Protocol", "sctp", "Protocol must be udp or tcp")]
    [InlineData("Facility", "local9", "Facility must be a syslog facility")]
    public void BadSyslogSettingsAreRejected(string field, string value, string expected)
    {
        var settings = new ChannelSettings { Kind = "syslog", Host = "127.0.0.1" };
        typeof(ChannelSettings).GetProperty(field)!.SetValue(settings, value);

        var errors = ChannelSettingsValidator.Validate("log", settings);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void SmtpNeedsRecipientsAndAPasswordSourceForItsUser()
    {
        var errors = ChannelSettingsValidator.Validate("mail", new ChannelSettings
        {
            Kind = "smtp", Host = "mail.example.com", From = "lifeline@example.com", User = "lifeline", UseStartTls = "maybe",
        });

        Assert.Contains(errors, e => e.StartsWith("Lifeline:Monitoring:Channels:mail:To must list at least one recipient", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Password is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("UseStartTls must be none, when-available or required", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFactoryRefusesInvalidSettingsListingEveryProblem()
    {
        var settings = new Dictionary<string, ChannelSettings>
        {
            ["a"] = new() { Kind = "webhook" },
            ["b"] = new() { Kind = "syslog" },
        };

        var e = Assert.Throws<InvalidOperationException>(() => ChannelFactory.CreateAll(settings, new HttpClient(), TimeProvider.System));

        Assert.Contains("Channels:a:Url", e.Message, StringComparison.Ordinal);
        Assert.Contains("Channels:b:Host", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoutingHonoursRuleChannelsMinSeverityAndReminders()
    {
        var channels = new Dictionary<string, ChannelSettings>
        {
            ["all"] = new() { Kind = "syslog", Host = "h" },
            ["critical-only"] = new() { Kind = "syslog", Host = "h", MinSeverity = Severity.Critical, RepeatInterval = TimeSpan.FromHours(1) },
            ["off"] = new() { Kind = "syslog", Host = "h", Enabled = false },
        };
        var warning = TestAlerts.Fan(severity: Severity.Warning);
        var critical = TestAlerts.Fan(severity: Severity.Critical);

        Assert.Equal(["all"], NotificationRouting.ChannelsFor(warning, AlertTransition.Firing, null, channels));
        Assert.Equal(["all", "critical-only"], NotificationRouting.ChannelsFor(critical, AlertTransition.Firing, null, channels));
        Assert.Equal(["critical-only"], NotificationRouting.ChannelsFor(critical, AlertTransition.Firing, ["critical-only", "off"], channels));
        Assert.Equal(["critical-only"], NotificationRouting.ChannelsFor(critical, AlertTransition.Reminder, null, channels));
        Assert.True(NotificationRouting.ReminderDue(channels["critical-only"], critical, TestAlerts.Start, TestAlerts.Start.AddHours(1)));
        Assert.False(NotificationRouting.ReminderDue(channels["critical-only"], critical, TestAlerts.Start, TestAlerts.Start.AddMinutes(59)));
    }
}
