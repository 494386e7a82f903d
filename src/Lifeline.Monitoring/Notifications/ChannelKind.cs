namespace Lifeline.Monitoring.Notifications;

/// <summary>What a channel speaks.</summary>
public enum ChannelKind
{
    /// <summary>An HTTP POST of the JSON payload, HMAC-signed.</summary>
    Webhook,
    /// <summary>RFC 5424 messages over UDP or TCP.</summary>
    Syslog,
    /// <summary>Plain-text email over SMTP.</summary>
    Smtp,
}

/// <summary>How syslog messages travel.</summary>
public enum SyslogTransport
{
    /// <summary>RFC 5426: one message per datagram.</summary>
    Udp,
    /// <summary>RFC 6587 octet counting over one kept-open connection.</summary>
    Tcp,
}

/// <summary>Whether SMTP upgrades the connection with STARTTLS.</summary>
public enum StartTlsMode
{
    None,
    WhenAvailable,
    Required,
}
