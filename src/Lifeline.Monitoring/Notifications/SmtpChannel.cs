using System.Globalization;
using System.Text;
using Lifeline.Monitoring.Model;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// Sends a plain-text email per notification with MailKit: subject
/// <c>[lifeline] FIRING critical node12: Fan3 …</c>, a body with the alert's fields, its evidence and how to
/// acknowledge it. One connection per delivery (alerts are rare; a kept connection would time out anyway). The password
/// is read from its variable or file at each delivery and never logged.
/// </summary>
public sealed class SmtpChannel : INotificationChannel
{
    private readonly ChannelSettings _settings;
    private readonly TimeProvider _time;

    public SmtpChannel(string name, ChannelSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        _settings = settings;
        _time = time;
    }

    public string Name { get; }

    private int Port => _settings.Port ?? 25;

    public async Task DeliverAsync(AlertPayload payload, string payloadJson, long deliveryId, CancellationToken cancellationToken)
    {
        var message = Compose(payload, deliveryId);
        string? password = _settings.User is null ? null
            : SecretSource.Read(null, _settings.PasswordEnvironmentVariable, _settings.PasswordFile)
              ?? throw new NotificationDeliveryException($"channel {Name}: User is set but no password variable or file");
        var tls = _settings.ParsedStartTls switch
        {
            StartTlsMode.None => SecureSocketOptions.None,
            StartTlsMode.Required => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };

        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _settings.Timeout.TotalMilliseconds) };
        string where = $"smtp {_settings.Host}:{Port}";
        try
        {
            await client.ConnectAsync(_settings.Host!, Port, tls, linked.Token);
            if (_settings.User is not null)
            {
                await client.AuthenticateAsync(_settings.User, password!, linked.Token);
            }

            await client.SendAsync(message, linked.Token);
            await client.DisconnectAsync(quit: true, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"{where}: no progress within {_settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (AuthenticationException)
        {
            // MailKit's message may echo the server's reply; it never holds the password, but say only what to do
            throw new NotificationDeliveryException($"{where}: the server refused user {_settings.User}: check the channel's password variable or file");
        }
        catch (SmtpCommandException e)
        {
            throw new NotificationDeliveryException($"{where}: {e.ErrorCode} refused ({(int)e.StatusCode} {e.Message})", e);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or SslHandshakeException or NotSupportedException)
        {
            throw new NotificationDeliveryException($"{where}: {e.Message}", e);
        }
    }

    /// <summary>The email for one notification.</summary>
    internal MimeMessage Compose(AlertPayload payload, long deliveryId)
    {
        var alert = payload.Alert;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_settings.From!));
        foreach (string to in _settings.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = Subject(_settings.SubjectPrefix, payload);
        message.Date = payload.Time;
        message.MessageId = $"lifeline-{deliveryId}-{alert.Id}@{SafeDomain(payload.Service)}";
        message.Headers.Add("X-Lifeline-Delivery", deliveryId.ToString(CultureInfo.InvariantCulture));
        message.Body = new TextPart("plain") { Text = Body(payload) };
        return message;
    }

    /// <summary><c>PREFIX TRANSITION severity node: summary</c> on one line.</summary>
    internal static string Subject(string prefix, AlertPayload payload)
    {
        var alert = payload.Alert;
        string subject = $"{prefix} {Word(payload.Transition).ToUpperInvariant()} {Word(alert.Severity)} {alert.Node}: {alert.Summary}";
        return subject.ReplaceLineEndings(" ").Trim();
    }

    internal static string Body(AlertPayload payload)
    {
        var alert = payload.Alert;
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"{Word(payload.Transition).ToUpperInvariant()}: {alert.Summary}");
        body.AppendLine();
        Field(body, "Alert", alert.Id.ToString(CultureInfo.InvariantCulture));
        Field(body, "Node", alert.Node);
        Field(body, "Rule", alert.Rule);
        Field(body, "Subject", alert.Subject);
        Field(body, "Severity", Word(alert.Severity));
        Field(body, "State", Word(alert.State));
        Field(body, "First seen", Time(alert.FirstSeen));
        Field(body, "Last seen", Time(alert.LastSeen));
        Field(body, "Occurrences", alert.Occurrences.ToString(CultureInfo.InvariantCulture));
        if (alert.AcknowledgedBy is not null)
        {
            Field(body, "Acknowledged", $"by {alert.AcknowledgedBy} at {Time(alert.AcknowledgedAt)}");
        }

        if (alert.ResolvedBy is not null)
        {
            Field(body, "Resolved", $"by {alert.ResolvedBy} at {Time(alert.ResolvedAt)}");
        }

        Field(body, "Comment", alert.Comment);
        Field(body, "Service", payload.Service);
        Field(body, "Sent for", $"{Word(payload.Transition)} at {Time(payload.Time)}");
        if (!string.IsNullOrWhiteSpace(alert.Evidence))
        {
            body.AppendLine();
            body.AppendLine("Evidence:");
            body.AppendLine(alert.Evidence);
        }

        body.AppendLine();
        if (alert.State == AlertState.Firing)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Acknowledge:  lifeline alerts ack {alert.Id}");
        }

        body.AppendLine(CultureInfo.InvariantCulture, $"Details:      lifeline alerts show {alert.Id}");
        return body.ToString();
    }

    private static void Field(StringBuilder body, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body.Append(CultureInfo.InvariantCulture, $"{name + ":",-13} ").AppendLine(value.ReplaceLineEndings(" "));
        }
    }

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    private static string SafeDomain(string service)
    {
        string domain = new(service.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.').ToArray());
        return domain.Length == 0 ? "lifeline" : domain;
    }

    private static string Word<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
