namespace Lifeline.Monitoring.Notifications;

/// <summary>Builds channels from validated settings.</summary>
public static class ChannelFactory
{
    /// <summary>
    /// The enabled channels of <paramref name="settings"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Some settings are invalid; the message lists every problem.</exception>
    public static IReadOnlyList<INotificationChannel> CreateAll(IReadOnlyDictionary<string, ChannelSettings> settings, HttpClient http, TimeProvider time)
    {
        var errors = ChannelSettingsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Notification channels are misconfigured:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }

        return [.. settings.Where(kv => kv.Value.Enabled).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Create(kv.Key, kv.Value, http, time))];
    }

    /// <summary>One channel from validated settings.</summary>
    public static INotificationChannel Create(string name, ChannelSettings settings, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ParsedKind switch
        {
            ChannelKind.Webhook => new WebhookChannel(name, settings, http, time),
            ChannelKind.Syslog => new SyslogChannel(name, settings, time),
            _ => new SmtpChannel(name, settings, time),
        };
    }
}
