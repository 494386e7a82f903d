namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// Where one channel stands, for the API and Prometheus.
/// </summary>
/// <param name="Name">The channel name.</param>
/// <param name="Kind">webhook, syslog or smtp; null for a row's channel that is not configured (any more).</param>
/// <param name="Enabled">Whether the dispatcher delivers for it.</param>
/// <param name="Pending">Rows waiting in the outbox (due or not).</param>
/// <param name="Expired">Rows that gave up after MaxAge, still listed.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success (0 = healthy).</param>
/// <param name="LastSuccess">When it last delivered (since this process started).</param>
/// <param name="LastError">The last failure, in words (never a secret).</param>
/// <param name="LastErrorAt">When that was.</param>
/// <param name="PausedUntil">While failing, the channel waits until then before its next attempt.</param>
public sealed record ChannelStatus(string Name, ChannelKind? Kind, bool Enabled, int Pending, int Expired, int ConsecutiveFailures,
    DateTimeOffset? LastSuccess, string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? PausedUntil);
