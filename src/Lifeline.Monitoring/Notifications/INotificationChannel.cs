using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// One place alerts are sent to (a webhook, a syslog collector, a mailbox). The dispatcher calls it from the channel's
/// own loop, one delivery at a time; it returns when the receiver has the notification and throws
/// (<see cref="NotificationDeliveryException"/> or any transport exception) when it does not.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The configured name (the key under <c>Lifeline:Monitoring:Channels</c>), as in the outbox's channel column.</summary>
    string Name { get; }

    /// <summary>Delivers one notification.</summary>
    /// <param name="payload">The parsed payload (for channels that format text from it).</param>
    /// <param name="payloadJson">The payload exactly as queued (the webhook body).</param>
    /// <param name="deliveryId">The outbox row id: the same on every retry, so a receiver can drop duplicates.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    Task DeliverAsync(AlertPayload payload, string payloadJson, long deliveryId, CancellationToken cancellationToken);
}
