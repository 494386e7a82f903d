using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Monitoring.Tests.Notifications;

public sealed class NotificationDispatcherTests
{
    [Fact]
    public async Task AHangingChannelDoesNotDelayAnotherChannelsDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var outbox = new FakeOutbox();
        var hanging = new HangingChannel("stuck");
        var good = new WebhookChannel("ops", new ChannelSettings { Kind = "webhook", Url = receiver.Url.ToString(), Secret = "k" }, http, time);
        var dispatcher = new NotificationDispatcher(outbox, [hanging, good], null, time, NullLogger<NotificationDispatcher>.Instance);
        outbox.Enqueue("stuck", TestAlerts.Payload(), time.GetUtcNow());
        var row = outbox.Enqueue("ops", TestAlerts.Payload(), time.GetUtcNow());
        using var stop = new CancellationTokenSource();

        var run = dispatcher.RunAsync(stop.Token);
        await hanging.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await receiver.WaitForRequestAsync(); // no fake time advanced: delivered on the first pass, beside the stuck one

        await Peer.WaitUntilAsync(() => outbox.Get(row.Id).State == DeliveryState.Delivered, "the good channel's row to be marked delivered");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AChannelRefusingConnectionsDoesNotDelayAnother()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var outbox = new FakeOutbox();
        var down = new WebhookChannel("down", new ChannelSettings { Kind = "webhook", Url = $"http://127.0.0.1:{Peer.FreeTcpPort()}/x", Secret = "k" }, http, time);
        var good = new WebhookChannel("ops", new ChannelSettings { Kind = "webhook", Url = receiver.Url.ToString(), Secret = "k" }, http, time);
        var dispatcher = new NotificationDispatcher(outbox, [down, good], null, time, NullLogger<NotificationDispatcher>.Instance);
        for (int i = 0; i < 5; i++)
        {
            outbox.Enqueue("down", TestAlerts.Payload(TestAlerts.Fan(id: i + 1)), time.GetUtcNow());
            outbox.Enqueue("ops", TestAlerts.Payload(TestAlerts.Fan(id: i + 1)), time.GetUtcNow());
        }

        using var stop = new CancellationTokenSource();
        var run = dispatcher.RunAsync(stop.Token);
        await receiver.WaitForRequestAsync(5);
        await Peer.WaitUntilAsync(() => outbox.ListNotificationsAsync(DeliveryState.Delivered, 100, CancellationToken.None).Result.Count == 5,
            "five deliveries on the good channel");

        var statuses = await dispatcher.GetStatusAsync(CancellationToken.None);
        var downStatus = statuses.Single(s => s.Name == "down");
        Assert.Equal(5, downStatus.Pending);
        Assert.Equal(1, downStatus.ConsecutiveFailures); // one probe, then the channel pauses instead of hammering
        Assert.NotNull(downStatus.PausedUntil);
        Assert.Equal(0, statuses.Single(s => s.Name == "ops").Pending);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WakeStartsDeliveryWithoutWaitingForThePoll()
    {
        var time = new FakeTimeProvider(TestAlerts.Start);
        var outbox = new FakeOutbox();
        var channel = new RecordingChannel("rec");
        var options = new NotificationDispatcherOptions { PollInterval = TimeSpan.FromHours(1) };
        var dispatcher = new NotificationDispatcher(outbox, [channel], options, time, NullLogger<NotificationDispatcher>.Instance);
        using var stop = new CancellationTokenSource();
        var run = dispatcher.RunAsync(stop.Token);
        await Peer.WaitUntilAsync(() => outbox.DueQueries > 0, "the loop's first (empty) pass");

        outbox.Enqueue("rec", TestAlerts.Payload(), time.GetUtcNow());
        dispatcher.Wake();

        await channel.Delivered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TestAlerts.Start, time.GetUtcNow()); // the hour-long poll never elapsed
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnUnreadablePayloadIsExpiredWithAReasonInsteadOfRetriedForever()
    {
        var time = new FakeTimeProvider(TestAlerts.Start);
        var outbox = new FakeOutbox();
        var channel = new RecordingChannel("rec");
        var dispatcher = new NotificationDispatcher(outbox, [channel], null, time, NullLogger<NotificationDispatcher>.Instance);
        var bad = outbox.Enqueue("rec", 1, AlertTransition.Firing, "{not json", time.GetUtcNow());
        var good = outbox.Enqueue("rec", TestAlerts.Payload(), time.GetUtcNow());

        Assert.Equal(2, await dispatcher.DeliverDueAsync(channel, CancellationToken.None));

        Assert.Equal(DeliveryState.Expired, outbox.Get(bad.Id).State);
        Assert.Contains("not valid alert JSON", outbox.Get(bad.Id).LastError, StringComparison.Ordinal);
        Assert.Equal(DeliveryState.Delivered, outbox.Get(good.Id).State);
    }

    [Fact]
    public async Task ChannelNamesMustBeUnique()
    {
        var outbox = new FakeOutbox();
        Assert.Throws<ArgumentException>(() => new NotificationDispatcher(outbox, [new RecordingChannel("a"), new RecordingChannel("a")], null,
            TimeProvider.System, NullLogger<NotificationDispatcher>.Instance));
        await outbox.DisposeAsync();
    }

    /// <summary>Never completes a delivery (a receiver that accepts and never answers, with no timeout).</summary>
    private sealed class HangingChannel(string name) : INotificationChannel
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public Task Entered => _entered.Task;

        public async Task DeliverAsync(AlertPayload payload, string payloadJson, long deliveryId, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private sealed class RecordingChannel(string name) : INotificationChannel
    {
        private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public int Passes { get; private set; }

        public Task Delivered => _delivered.Task;

        public Task DeliverAsync(AlertPayload payload, string payloadJson, long deliveryId, CancellationToken cancellationToken)
        {
            Passes++;
            _delivered.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
