using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Configuration;
using Lifeline.Server.Monitoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Server.Tests.Monitoring;

/// <summary>Reminders: a firing, unacknowledged alert is queued again for channels with a RepeatInterval, through the real store.</summary>
public sealed class AlertRemindersTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly string _data = Directory.CreateTempSubdirectory("lifeline-reminders-").FullName;
    private IMonitoringStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await MonitoringStoreFactory.CreateAsync(new MonitoringStorageOptions { DataDirectory = _data }, _clock, NullLoggerFactory.Instance, default);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AFiringAlertIsRepeatedEveryIntervalToRepeatingChannelsOnlyUntilAcknowledged()
    {
        var channels = new Dictionary<string, ChannelSettings>
        {
            ["pager"] = new() { Kind = "webhook", RepeatInterval = TimeSpan.FromMinutes(10) },
            ["log"] = new() { Kind = "syslog" },
        };
        var dispatcher = new NotificationDispatcher(_store, [], null, _clock, NullLogger<NotificationDispatcher>.Instance); // reminders only wake it
        var reminders = new AlertReminders(_store, dispatcher, channels, new MonitoringSettings(), _clock);
        var now = _clock.GetUtcNow();
        var alert = await _store.SaveAlertAsync(new Alert
        {
            Fingerprint = "fan-critical|n1|Fan1", Rule = "fan-critical", Node = "n1", Subject = "Fan1", Severity = Severity.Critical,
            State = AlertState.Firing, Summary = "Fan1 critical", FirstSeen = now - TimeSpan.FromHours(1), LastSeen = now,
        }, default);

        Assert.Equal(0, await reminders.SendDueAsync(default)); // the first look after a start only notes the time
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await reminders.SendDueAsync(default));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await reminders.SendDueAsync(default));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await reminders.SendDueAsync(default));

        var queued = await _store.ListNotificationsAsync(null, 10, default);
        Assert.Equal(2, queued.Count);
        Assert.All(queued, n => Assert.Equal(("pager", AlertTransition.Reminder, alert.Id), (n.Channel, n.Transition, n.AlertId)));

        await _store.SaveAlertAsync(alert with { State = AlertState.Acknowledged, AcknowledgedBy = "ops", AcknowledgedAt = _clock.GetUtcNow() }, default);
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await reminders.SendDueAsync(default));
    }
}
