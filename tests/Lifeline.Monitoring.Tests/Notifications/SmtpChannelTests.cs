using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using MimeKit;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Monitoring.Tests.Notifications;

public sealed class SmtpChannelTests
{
    private static ChannelSettings Settings(int port) => new()
    {
        Kind = "smtp",
        Host = "127.0.0.1",
        Port = port,
        From = "lifeline@example.com",
        To = ["ops@example.com", "oncall@example.com"],
        UseStartTls = "when-available",
        Timeout = TimeSpan.FromSeconds(10),
    };

    [SkippableFact]
    public async Task AnAlertArrivesAsPlainTextMailWithSubjectFieldsEvidenceAndAckCommand()
    {
        await using var sink = await SmtpSink.StartAsync();
        var channel = new SmtpChannel("mail", Settings(sink.Port), new FakeTimeProvider(TestAlerts.Start));

        await channel.DeliverAsync(TestAlerts.Payload(), "{}", 99, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        string raw = Assert.Single(await sink.WaitForMessagesAsync(1));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        var message = await MimeMessage.LoadAsync(stream);
        Assert.Equal("[lifeline] FIRING critical node12: Fan3 falling 95 RPM/min; lower critical 1000 RPM in ~42 min", message.Subject);
        Assert.Equal(["ops@example.com", "oncall@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("lifeline@example.com", message.From.Mailboxes.Single().Address);
        Assert.Equal("99", message.Headers["X-Lifeline-Delivery"]);
        string body = message.TextBody ?? "";
        Assert.Contains("Node:         node12", body, StringComparison.Ordinal);
        Assert.Contains("Rule:         fan-failing", body, StringComparison.Ordinal);
        Assert.Contains("\"slope\":-95", body, StringComparison.Ordinal);
        Assert.Contains("lifeline alerts ack 7", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ARequiredStartTlsThatTheServerDoesNotOfferFailsClearly()
    {
        await using var sink = await SmtpSink.StartAsync();
        var settings = Settings(sink.Port);
        settings.UseStartTls = "required";
        var channel = new SmtpChannel("mail", settings, TimeProvider.System);

        var e = await Assert.ThrowsAsync<NotificationDeliveryException>(() =>
            channel.DeliverAsync(TestAlerts.Payload(), "{}", 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains($"smtp 127.0.0.1:{sink.Port}", e.Message, StringComparison.Ordinal);
        Assert.Contains("STARTTLS", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AClosedSmtpPortIsADeliveryFailureNotACrash()
    {
        var channel = new SmtpChannel("mail", Settings(Peer.FreeTcpPort()), TimeProvider.System);

        var e = await Assert.ThrowsAsync<NotificationDeliveryException>(() =>
            channel.DeliverAsync(TestAlerts.Payload(), "{}", 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.StartsWith("smtp 127.0.0.1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResolvedMailSaysSoAndOffersNoAck()
    {
        var alert = TestAlerts.Fan() with { State = AlertState.Resolved, ResolvedBy = "auto", ResolvedAt = TestAlerts.Start.AddMinutes(5) };
        var payload = TestAlerts.Payload(alert, AlertTransition.Resolved);

        Assert.StartsWith("[ops] RESOLVED critical node12:", SmtpChannel.Subject("[ops]", payload), StringComparison.Ordinal);
        string body = SmtpChannel.Body(payload);
        Assert.Contains("Resolved:     by auto at 2026-03-01 12:05:00 UTC", body, StringComparison.Ordinal);
        Assert.DoesNotContain("alerts ack", body, StringComparison.Ordinal);
    }
}
