namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// Checks channel settings and says, per problem, which key to fix and how
/// ("Lifeline:Monitoring:Channels:ops:Url must be an absolute http(s) URL …").
/// </summary>
public static class ChannelSettingsValidator
{
    /// <summary>The configuration section the channels are bound from.</summary>
    public const string Section = "Lifeline:Monitoring:Channels";

    /// <summary>Every problem of every channel; empty when all are usable.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, ChannelSettings> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var errors = new List<string>();
        foreach (var (name, settings) in channels)
        {
            errors.AddRange(Validate(name, settings));
        }

        return errors;
    }

    /// <summary>The problems of one channel; empty when it is usable.</summary>
    public static IReadOnlyList<string> Validate(string name, ChannelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string key = $"{Section}:{name}";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add($"{Section}: channel name '{name}' must be a non-empty word without spaces");
        }

        if (settings.Timeout <= TimeSpan.Zero || settings.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{key}:Timeout must be between 00:00:00.001 and 00:05:00 (it is {settings.Timeout})");
        }

        if (settings.RepeatInterval is { } repeat && repeat < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{key}:RepeatInterval must be at least 00:01:00, or left out for no reminders (it is {repeat})");
        }

        if (settings.Port is { } port && (port < 1 || port > 65535))
        {
            errors.Add($"{key}:Port must be 1–65535 (it is {port})");
        }

        switch (ParseKind(settings.Kind))
        {
            case ChannelKind.Webhook:
                ValidateWebhook(key, settings, errors);
                break;
            case ChannelKind.Syslog:
                ValidateSyslog(key, settings, errors);
                break;
            case ChannelKind.Smtp:
                ValidateSmtp(key, settings, errors);
                break;
            default:
                errors.Add($"{key}:Kind must be webhook, syslog or smtp (it is '{settings.Kind}')");
                break;
        }

        return errors;
    }

    private static void ValidateWebhook(string key, ChannelSettings settings, List<string> errors)
    {
        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key}:Url must be an absolute http(s) URL, e.g. https://hooks.example.com/lifeline (it is '{settings.Url}')");
        }

        ValidateSecretSource($"{key}:Secret", settings.Secret, settings.SecretEnvironmentVariable, settings.SecretFile, required: true, errors);
        foreach (var header in settings.Headers.Keys)
        {
            if (header.StartsWith("X-Lifeline-", StringComparison.OrdinalIgnoreCase) || header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:Headers:{header} is set by Lifeline itself; remove it");
            }
        }
    }

    private static void ValidateSyslog(string key, ChannelSettings settings, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            errors.Add($"{key}:Host must name the syslog collector (a host name or address)");
        }

        if (ParseProtocol(settings.Protocol) is null)
        {
            errors.Add($"{key}:Protocol must be udp or tcp (it is '{settings.Protocol}')");
        }

        if (SyslogFormatter.ParseFacility(settings.Facility) is null)
        {
            errors.Add($"{key}:Facility must be a syslog facility name (local0 … local7, daemon, user, …) or a number 0–23 (it is '{settings.Facility}')");
        }

        if (string.IsNullOrEmpty(settings.AppName) || settings.AppName.Length > 48 || !SyslogFormatter.IsPrintableAscii(settings.AppName))
        {
            errors.Add($"{key}:AppName must be 1–48 printable ASCII characters without spaces (RFC 5424 APP-NAME)");
        }

        if (settings.Hostname is not null && (settings.Hostname.Length is 0 or > 255 || !SyslogFormatter.IsPrintableAscii(settings.Hostname)))
        {
            errors.Add($"{key}:Hostname must be 1–255 printable ASCII characters without spaces (RFC 5424 HOSTNAME), or left out");
        }
    }

    private static void ValidateSmtp(string key, ChannelSettings settings, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            errors.Add($"{key}:Host must name the SMTP server");
        }

        if (!LooksLikeAddress(settings.From))
        {
            errors.Add($"{key}:From must be an email address like lifeline@example.com (it is '{settings.From}')");
        }

        if (settings.To.Count == 0)
        {
            errors.Add($"{key}:To must list at least one recipient ({key}:To:0 = ops@example.com)");
        }

        for (int i = 0; i < settings.To.Count; i++)
        {
            if (!LooksLikeAddress(settings.To[i]))
            {
                errors.Add($"{key}:To:{i} must be an email address (it is '{settings.To[i]}')");
            }
        }

        if (ParseStartTls(settings.UseStartTls) is null)
        {
            errors.Add($"{key}:UseStartTls must be none, when-available or required (it is '{settings.UseStartTls}')");
        }

        if (settings.User is not null)
        {
            ValidateSecretSource($"{key}:Password", null, settings.PasswordEnvironmentVariable, settings.PasswordFile, required: true, errors);
        }
        else if (settings.PasswordEnvironmentVariable is not null || settings.PasswordFile is not null)
        {
            errors.Add($"{key}:User is missing: a password is set but no user to authenticate as");
        }
    }

    private static void ValidateSecretSource(string what, string? inline, string? variable, string? file, bool required, List<string> errors)
    {
        int given = (inline is null ? 0 : 1) + (variable is null ? 0 : 1) + (file is null ? 0 : 1);
        string options = inline is null && what.EndsWith(":Password", StringComparison.Ordinal)
            ? $"{what}EnvironmentVariable or {what}File"
            : $"{what}EnvironmentVariable (preferred), {what}File (preferred) or {what}";
        if (given == 0)
        {
            if (required)
            {
                errors.Add($"{what} is missing: set {options}");
            }

            return;
        }

        if (given > 1)
        {
            errors.Add($"{what}: set only one of {options}");
            return;
        }

        string? problem = SecretSource.Check(inline, variable, file);
        if (problem is not null)
        {
            errors.Add($"{what}: {problem}");
        }
    }

    private static bool LooksLikeAddress(string? address) =>
        address is not null && MimeKit.MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);

    internal static ChannelKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "webhook" => ChannelKind.Webhook,
        "syslog" => ChannelKind.Syslog,
        "smtp" or "email" => ChannelKind.Smtp,
        _ => null,
    };

    internal static SyslogTransport? ParseProtocol(string? protocol) => protocol?.Trim().ToLowerInvariant() switch
    {
        "udp" => SyslogTransport.Udp,
        "tcp" => SyslogTransport.Tcp,
        _ => null,
    };

    internal static StartTlsMode? ParseStartTls(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "none" or "false" => StartTlsMode.None,
        "when-available" or "whenavailable" => StartTlsMode.WhenAvailable,
        "required" or "true" => StartTlsMode.Required,
        _ => null,
    };
}
