namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// A delivery attempt failed. The message says what failed in words fit for the outbox's <c>last_error</c> and the
/// API (never a secret, never the whole payload). The dispatcher retries every failure with backoff until the row's
/// MaxAge: a receiver that answers 4xx is usually misconfigured and fixed by an operator, after which the alert should
/// still arrive.
/// </summary>
public sealed class NotificationDeliveryException : Exception
{
    public NotificationDeliveryException()
    {
    }

    public NotificationDeliveryException(string message)
        : base(message)
    {
    }

    public NotificationDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The receiver asked to wait this long before the next attempt (HTTP Retry-After), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
