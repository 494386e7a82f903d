using System.Globalization;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Monitoring.Tests.Notifications;

public sealed class WebhookChannelTests
{
    private const string Key = "test-hmac-key";

    private static ChannelSettings Settings(Uri url) => new()
    {
        Kind = "webhook",
        Url = url.ToString(),
        Secret = Key,
        Headers = { ["Authorization"] = "Bearer receiver-token" },
        Timeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task TheBodyIsExactlyThePayloadAndTheSignatureVerifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var channel = new WebhookChannel("ops", Settings(receiver.Url), http, time);
        var payload = TestAlerts.Payload();
        string json = payload.ToJson();

        await channel.DeliverAsync(payload, json, 1234, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/lifeline", request.Path);
        Assert.Equal(json, request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("alert", request.Headers["X-Lifeline-Event"]);
        Assert.Equal("1234", request.Headers["X-Lifeline-Delivery"]);
        Assert.Equal("Bearer receiver-token", request.Headers["Authorization"]);
        long timestamp = long.Parse(request.Headers["X-Lifeline-Timestamp"], CultureInfo.InvariantCulture);
        Assert.Equal(TestAlerts.Start.ToUnixTimeSeconds(), timestamp);
        Assert.True(WebhookSignature.Verify(Key, timestamp, request.Body, request.Headers["X-Lifeline-Signature"]));
        Assert.False(WebhookSignature.Verify("other-key", timestamp, request.Body, request.Headers["X-Lifeline-Signature"]));
        Assert.False(WebhookSignature.Verify(Key, timestamp + 1, request.Body, request.Headers["X-Lifeline-Signature"]));
        Assert.Equal("node12", AlertPayload.FromJson(request.Body)!.Alert.Node);
    }

    [Fact]
    public void TheSignatureIsHmacSha256OfTimestampDotBodyInLowercaseHex()
    {
        // computed outside .NET, as the docs tell receivers: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
        Assert.Equal("sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae", WebhookSignature.Compute("key", 1_700_000_000, "{}"));
    }

    [Fact]
    public async Task A500IsRetriedWithBackoffUntilTheReceiverAccepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondWith(500, 503);
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var outbox = new FakeOutbox();
        var channel = new WebhookChannel("ops", Settings(receiver.Url), http, time);
        var dispatcher = new NotificationDispatcher(outbox, [channel], null, time, NullLogger<NotificationDispatcher>.Instance);
        var row = outbox.Enqueue("ops", TestAlerts.Payload(), time.GetUtcNow());

        await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var first = outbox.Get(row.Id);
        Assert.Equal(DeliveryState.Pending, first.State);
        Assert.Equal(1, first.Attempts);
        Assert.Contains("HTTP 500", first.LastError, StringComparison.Ordinal);
        Assert.InRange(first.NextAttemptAt - time.GetUtcNow(), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));

        Assert.Equal(0, await dispatcher.DeliverDueAsync(channel, CancellationToken.None)); // not due yet
        time.Advance(TimeSpan.FromSeconds(6));
        await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var second = outbox.Get(row.Id);
        Assert.Equal(2, second.Attempts);
        Assert.InRange(second.NextAttemptAt - time.GetUtcNow(), TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(18));

        time.Advance(TimeSpan.FromSeconds(18));
        await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var delivered = outbox.Get(row.Id);
        Assert.Equal(DeliveryState.Delivered, delivered.State);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal(row.Id.ToString(CultureInfo.InvariantCulture), r.Headers["X-Lifeline-Delivery"]));

        var status = Assert.Single(await dispatcher.GetStatusAsync(CancellationToken.None));
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.Equal(0, status.Pending);
        Assert.NotNull(status.LastSuccess);
        Assert.Contains("HTTP 503", status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfterFromTheReceiverPostponesTheNextAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondWithRetryAfter(429, 120);
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var outbox = new FakeOutbox();
        var channel = new WebhookChannel("ops", Settings(receiver.Url), http, time);
        var dispatcher = new NotificationDispatcher(outbox, [channel], null, time, NullLogger<NotificationDispatcher>.Instance);
        var row = outbox.Enqueue("ops", TestAlerts.Payload(), time.GetUtcNow());

        await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TestAlerts.Start.AddMinutes(2), outbox.Get(row.Id).NextAttemptAt);
        Assert.Contains("HTTP 429", outbox.Get(row.Id).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChannelDownIsDeliveredAfterItReturns()
    {
        int port = Peer.FreeTcpPort(); // nothing listens there yet: connection refused
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var outbox = new FakeOutbox();
        var channel = new WebhookChannel("ops", Settings(new Uri($"http://127.0.0.1:{port}/hooks/lifeline")), http, time);
        var dispatcher = new NotificationDispatcher(outbox, [channel], null, time, NullLogger<NotificationDispatcher>.Instance);
        var firing = outbox.Enqueue("ops", TestAlerts.Payload(), time.GetUtcNow());
        var resolved = outbox.Enqueue("ops", TestAlerts.Payload(transition: AlertTransition.Resolved), time.GetUtcNow());

        for (int i = 0; i < 3; i++)
        {
            await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            time.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Equal(DeliveryState.Pending, outbox.Get(firing.Id).State);
        Assert.Contains("cannot connect", outbox.Get(firing.Id).LastError, StringComparison.Ordinal);
        var down = Assert.Single(await dispatcher.GetStatusAsync(CancellationToken.None));
        Assert.Equal(2, down.Pending);
        Assert.True(down.ConsecutiveFailures >= 2);

        await using var receiver = await WebhookReceiver.StartAsync(port);
        time.Advance(RetrySchedule.Cap * 1.2);
        while (await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)) > 0)
        {
        }

        Assert.Equal(DeliveryState.Delivered, outbox.Get(firing.Id).State);
        Assert.Equal(DeliveryState.Delivered, outbox.Get(resolved.Id).State);
        Assert.Equal(["firing", "resolved"], receiver.Requests.Select(r => AlertPayload.FromJson(r.Body)!.Transition.ToString().ToLowerInvariant()));
    }

    [Fact]
    public async Task RowsOlderThanMaxAgeExpireButStayListed()
    {
        int port = Peer.FreeTcpPort();
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var outbox = new FakeOutbox();
        var channel = new WebhookChannel("ops", Settings(new Uri($"http://127.0.0.1:{port}/x")), http, time);
        var options = new NotificationDispatcherOptions { MaxAge = TimeSpan.FromHours(1) };
        var dispatcher = new NotificationDispatcher(outbox, [channel], options, time, NullLogger<NotificationDispatcher>.Instance);
        var row = outbox.Enqueue("ops", TestAlerts.Payload(), time.GetUtcNow());

        await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromHours(1));
        await dispatcher.DeliverDueAsync(channel, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var expired = Assert.Single(await outbox.ListNotificationsAsync(DeliveryState.Expired, 10, CancellationToken.None));
        Assert.Equal(row.Id, expired.Id);
        Assert.Contains("expired", expired.LastError, StringComparison.Ordinal);
        Assert.Contains("cannot connect", expired.LastError, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(await dispatcher.GetStatusAsync(CancellationToken.None)).Expired);
    }

    [Fact]
    public async Task AReceiverThatNeverAnswersTimesOutOnTheChannelsClock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang = true;
        var time = new FakeTimeProvider(TestAlerts.Start);
        using var http = new HttpClient();
        var channel = new WebhookChannel("ops", Settings(receiver.Url), http, time);

        var delivery = channel.DeliverAsync(TestAlerts.Payload(), "{}", 1, CancellationToken.None);
        await receiver.WaitForRequestAsync();
        Assert.False(delivery.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<NotificationDeliveryException>(() => delivery.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("no answer within 5 s", e.Message, StringComparison.Ordinal);
    }
}
