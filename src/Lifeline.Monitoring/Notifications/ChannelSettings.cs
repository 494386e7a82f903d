using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// One notification channel, bound from <c>Lifeline:Monitoring:Channels:&lt;name&gt;</c> (a dictionary name → settings).
/// Plain settable properties so the configuration binder fills it; <see cref="ChannelSettingsValidator"/> checks it and
/// says what to fix. Kinds and modes are strings ("webhook", "when-available") so a typo gets our message, not the
/// binder's.
/// </summary>
public sealed class ChannelSettings
{
    /// <summary>"webhook", "syslog" or "smtp".</summary>
    public string? Kind { get; set; }

    /// <summary>A disabled channel gets no dispatcher loop; rows queued for it wait (and stay visible).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Alerts below this severity are not queued for this channel (see <see cref="NotificationRouting"/>).</summary>
    public Severity MinSeverity { get; set; } = Severity.Info;

    /// <summary>When set, a still-firing, unacknowledged alert is re-sent (a reminder) this often.</summary>
    public TimeSpan? RepeatInterval { get; set; }

    /// <summary>How long one delivery attempt may take (connect + send + answer).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    // --- webhook ---

    /// <summary>Webhook: the absolute http(s) URL the payload is POSTed to.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Webhook: the HMAC key inline. Prefer <see cref="SecretEnvironmentVariable"/> or <see cref="SecretFile"/>: a key
    /// in a configuration file ends up in backups and diffs.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Webhook: the name of the environment variable that holds the HMAC key (preferred).</summary>
    public string? SecretEnvironmentVariable { get; set; }

    /// <summary>Webhook: a file whose content (trailing newline trimmed) is the HMAC key (preferred).</summary>
    public string? SecretFile { get; set; }

    /// <summary>Webhook: extra request headers (an Authorization header for the receiver, for instance).</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    // --- syslog (and smtp: Host, Port) ---

    /// <summary>Syslog: the collector's host; SMTP: the mail server.</summary>
    public string? Host { get; set; }

    /// <summary>Syslog: default 514; SMTP: default 25 (587 is usual with STARTTLS).</summary>
    public int? Port { get; set; }

    /// <summary>Syslog: "udp" (RFC 5426) or "tcp" (RFC 6587 octet counting).</summary>
    public string Protocol { get; set; } = "udp";

    /// <summary>Syslog: the facility by name ("local0" … "local7", "daemon", …) or number 0–23.</summary>
    public string Facility { get; set; } = "local0";

    /// <summary>Syslog: the APP-NAME field.</summary>
    public string AppName { get; set; } = "lifeline";

    /// <summary>Syslog: the HOSTNAME field; null = this machine's name.</summary>
    public string? Hostname { get; set; }

    // --- smtp ---

    /// <summary>SMTP: the sender address.</summary>
    public string? From { get; set; }

    /// <summary>SMTP: the recipients.</summary>
    public List<string> To { get; set; } = [];

    /// <summary>SMTP: "none", "when-available" or "required".</summary>
    public string UseStartTls { get; set; } = "when-available";

    /// <summary>SMTP: the user to authenticate as; null = no authentication.</summary>
    public string? User { get; set; }

    /// <summary>SMTP: the environment variable that holds the password.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>SMTP: a file whose content (trailing newline trimmed) is the password.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>SMTP: what every subject starts with.</summary>
    public string SubjectPrefix { get; set; } = "[lifeline]";

    internal ChannelKind ParsedKind => ChannelSettingsValidator.ParseKind(Kind) ?? throw new InvalidOperationException($"unknown channel kind '{Kind}'");

    internal SyslogTransport ParsedProtocol => ChannelSettingsValidator.ParseProtocol(Protocol) ?? throw new InvalidOperationException($"unknown syslog protocol '{Protocol}'");

    internal StartTlsMode ParsedStartTls => ChannelSettingsValidator.ParseStartTls(UseStartTls) ?? throw new InvalidOperationException($"unknown STARTTLS mode '{UseStartTls}'");
}
