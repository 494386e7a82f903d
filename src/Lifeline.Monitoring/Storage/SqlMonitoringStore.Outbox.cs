using Dapper;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

internal abstract partial class SqlMonitoringStore
{
    /// <summary>The most notifications one call returns.</summary>
    public const int MaxNotificationLimit = 10_000;

    /// <summary>The longest delivery error kept (longer ones are cut, never refused: the failure must be recorded).</summary>
    public const int MaxErrorLength = 2000;

    private const string NotificationColumns =
        "id AS Id, channel AS Channel, alert_id AS AlertId, transition AS Transition, payload AS Payload, state AS State, attempts AS Attempts, " +
        "created_at AS CreatedAt, next_attempt_at AS NextAttemptAt, last_error AS LastError, delivered_at AS DeliveredAt";

    public Task<IReadOnlyList<QueuedNotification>> DueNotificationsAsync(string channel, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        StoreText.Require(channel, "notification channel", StoreText.ShortLength);
        int take = Limit(limit, MaxNotificationLimit, "notification limit");
        return ReadAsync<IReadOnlyList<QueuedNotification>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<NotificationRow>(Command(
                $"SELECT {NotificationColumns} FROM mon_outbox WHERE channel = @channel AND state = @pending AND next_attempt_at <= @now ORDER BY id LIMIT @take",
                new { channel, pending = (int)DeliveryState.Pending, now = now.UtcTicks, take }, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToNotification())],
            cancellationToken);
    }

    /// <summary>Counts the attempt and marks the row delivered (an unknown id, e.g. pruned, is ignored).</summary>
    public async Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "UPDATE mon_outbox SET state = @delivered, attempts = attempts + 1, delivered_at = @at, last_error = NULL WHERE id = @id",
            new { id, delivered = (int)DeliveryState.Delivered, at = at.UtcTicks }, transaction, cancellationToken)), durable: true, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>An error longer than <see cref="MaxErrorLength"/> is cut; an unknown id is ignored.</summary>
    public async Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, bool expire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "UPDATE mon_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next, state = @state WHERE id = @id",
            new
            {
                id,
                error = StoreText.Truncate(error, MaxErrorLength),
                next = nextAttemptAt.UtcTicks,
                state = (int)(expire ? DeliveryState.Expired : DeliveryState.Pending),
            },
            transaction,
            cancellationToken)), durable: true, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<QueuedNotification>> ListNotificationsAsync(DeliveryState? state, int limit, CancellationToken cancellationToken)
    {
        int take = Limit(limit, MaxNotificationLimit, "notification limit");
        string where = state is null ? "" : "WHERE state = @state";
        return ReadAsync<IReadOnlyList<QueuedNotification>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<NotificationRow>(Command(
                $"SELECT {NotificationColumns} FROM mon_outbox {where} ORDER BY id DESC LIMIT @take",
                new { state = (int?)state, take }, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToNotification())],
            cancellationToken);
    }

    private sealed class NotificationRow
    {
        public long Id { get; set; }

        public string Channel { get; set; } = "";

        public long AlertId { get; set; }

        public int Transition { get; set; }

        public string Payload { get; set; } = "";

        public int State { get; set; }

        public int Attempts { get; set; }

        public long CreatedAt { get; set; }

        public long NextAttemptAt { get; set; }

        public string? LastError { get; set; }

        public long? DeliveredAt { get; set; }

        public QueuedNotification ToNotification() => new(
            Id, Channel, AlertId, (AlertTransition)Transition, Payload, (DeliveryState)State, Attempts, FromTicks(CreatedAt), FromTicks(NextAttemptAt),
            LastError, FromTicks(DeliveredAt));
    }
}
