using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// Which channels an alert change is queued for — for the alert engine when it calls
/// <c>IMonitoringStore.SaveAlertAsync(alert, notifications, …)</c>.
/// </summary>
public static class NotificationRouting
{
    /// <summary>
    /// The enabled channels named by the rule (all when <paramref name="ruleChannels"/> is null) whose MinSeverity the
    /// alert meets; reminders only to channels with a RepeatInterval.
    /// </summary>
    public static IReadOnlyList<string> ChannelsFor(Alert alert, AlertTransition transition, IReadOnlyList<string>? ruleChannels,
        IReadOnlyDictionary<string, ChannelSettings> channels)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(channels);
        return [.. channels
            .Where(kv => kv.Value.Enabled)
            .Where(kv => ruleChannels is null || ruleChannels.Contains(kv.Key, StringComparer.Ordinal))
            .Where(kv => alert.Severity >= kv.Value.MinSeverity)
            .Where(kv => transition != AlertTransition.Reminder || kv.Value.RepeatInterval is not null)
            .Select(kv => kv.Key)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether a reminder is due for a firing, unacknowledged alert last notified at <paramref name="lastSent"/>.</summary>
    public static bool ReminderDue(ChannelSettings channel, Alert alert, DateTimeOffset lastSent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(alert);
        return channel.RepeatInterval is { } every && alert.State == AlertState.Firing && now - lastSent >= every;
    }
}
