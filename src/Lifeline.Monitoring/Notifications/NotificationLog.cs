using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Notifications;

/// <summary>The dispatcher's log events. Never the secret or the body: the channel, the row id and the error in words.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning,
        Message = "Channel {Channel}: delivery {Id} (alert {AlertId}, {Transition}) failed on attempt {Attempt}: {Error}; next attempt at {NextAttempt:o}")]
    public static partial void DeliveryFailed(ILogger logger, string channel, long id, long alertId, string transition, int attempt, string error, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error,
        Message = "Channel {Channel}: delivery {Id} (alert {AlertId}) expired after {Attempts} attempts over {Age}; last error: {Error}. It stays listed as expired")]
    public static partial void DeliveryExpired(ILogger logger, string channel, long id, long alertId, int attempts, TimeSpan age, string error);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Debug, Message = "Channel {Channel}: delivered {Id} (alert {AlertId}, {Transition})")]
    public static partial void Delivered(ILogger logger, string channel, long id, long alertId, string transition);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Channel {Channel}: delivering again after {Failures} failed attempts")]
    public static partial void Recovered(ILogger logger, string channel, int failures);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Error, Message = "Channel {Channel}: the outbox could not be read or updated; retrying in {Delay}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string channel, TimeSpan delay);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "Channel {Channel}: delivery {Id} has an unreadable payload ({Error}); expiring it")]
    public static partial void BadPayload(ILogger logger, string channel, long id, string error);
}
