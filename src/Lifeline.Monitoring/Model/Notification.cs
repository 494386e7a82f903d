namespace Lifeline.Monitoring.Model;

/// <summary>What happened to an alert, that a channel tells people about.</summary>
public enum AlertTransition
{
    Firing,
    Acknowledged,
    Resolved,
    /// <summary>Still firing after the channel's repeat interval.</summary>
    Reminder,
}

public enum DeliveryState
{
    Pending,
    Delivered,
    /// <summary>Retried until <c>MaxAge</c> without success; kept and visible, never silently dropped.</summary>
    Expired,
}

/// <summary>
/// One notification for one channel, in the durable outbox: queued in the same step that changes the alert, retried
/// with backoff until delivered. A failing channel only delays its own rows.
/// </summary>
/// <param name="Payload">The alert and transition as the JSON the webhook sends (the other channels format from it).</param>
public sealed record QueuedNotification(long Id, string Channel, long AlertId, AlertTransition Transition, string Payload, DeliveryState State,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? DeliveredAt);
