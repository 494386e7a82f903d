using Microsoft.Extensions.DependencyInjection;
using Lifeline.Server.Hosting;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Configuration;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// Channels with a <c>RepeatInterval</c> hear again of alerts that keep firing unacknowledged (transition
/// <c>reminder</c>), queued through the outbox like every notification. When each alert was last told to each channel
/// is kept in memory: after a restart the first reminder comes one interval after the start, never a burst.
/// </summary>
internal sealed class AlertReminders(IMonitoringStore store, NotificationDispatcher dispatcher, IReadOnlyDictionary<string, ChannelSettings> channels,
    MonitoringSettings settings, [FromKeyedServices(ServiceClock.Key)] TimeProvider time)
{
    /// <summary>RepeatInterval is at least a minute: looking once a minute is enough, and keeps the query off every engine tick.</summary>
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(long Alert, string Channel), DateTimeOffset> _lastSent = [];
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;

    /// <summary>Queues the reminders that are due; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var repeating = channels.Where(c => c.Value.Enabled && c.Value.RepeatInterval is not null).ToList();
        var now = time.GetUtcNow();
        if (repeating.Count == 0 || now < _nextCheck)
        {
            return 0;
        }
        _nextCheck = now + CheckEvery;
        var firing = await store.QueryAlertsAsync(new AlertQuery { States = [AlertState.Firing], Limit = 100_000 }, cancellationToken).ConfigureAwait(false);
        var live = firing.Select(a => a.Id).ToHashSet();
        foreach (var key in _lastSent.Keys.Where(k => !live.Contains(k.Alert)).ToList())
        {
            _lastSent.Remove(key);
        }
        int queued = 0;
        foreach (var alert in firing)
        {
            var due = new List<(string Channel, AlertTransition Transition, string Payload)>();
            foreach (var (name, channel) in repeating.Where(c => alert.Severity >= c.Value.MinSeverity))
            {
                var last = _lastSent.TryGetValue((alert.Id, name), out var sent) ? sent : Max(alert.FirstSeen, now - channel.RepeatInterval!.Value + TimeSpan.FromMinutes(1));
                _lastSent[(alert.Id, name)] = last;
                if (NotificationRouting.ReminderDue(channel, alert, last, now))
                {
                    due.Add((name, AlertTransition.Reminder, AlertPayload.Create(alert, AlertTransition.Reminder, now, settings.ServiceName).ToJson()));
                    _lastSent[(alert.Id, name)] = now;
                }
            }
            if (due.Count > 0)
            {
                await store.SaveAlertAsync(alert, due, now, cancellationToken).ConfigureAwait(false);
                queued += due.Count;
            }
        }
        if (queued > 0)
        {
            dispatcher.Wake();
        }
        return queued;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
