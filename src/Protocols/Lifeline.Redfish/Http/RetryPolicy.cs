using System.Net.Http.Headers;

namespace Lifeline.Redfish.Http;

/// <summary>
/// Waiting rules for 429 Too Many Requests and 503 Service Unavailable (RFC 9110 §10.2.3 Retry-After: delay-seconds or
/// an HTTP-date; DSP0266 v1.20 clause "HTTP status codes" says a client should honour it). Pure functions of their
/// inputs so tests need no clock.
/// </summary>
public static class RetryPolicy
{
    private static readonly TimeSpan MaxSingleDelay = TimeSpan.FromMinutes(5);

    /// <summary>Backoff when no Retry-After came: 1, 2, 4, 8 … s, capped at 30 s.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Clamp(attempt, 0, 5)));

    /// <summary>The wait a Retry-After asks for, measured from <paramref name="now"/>; a date in the past means "now".</summary>
    public static TimeSpan Delay(RetryConditionHeaderValue? retryAfter, int attempt, DateTimeOffset now)
    {
        TimeSpan delay;
        if (retryAfter?.Delta is { } delta)
        {
            delay = delta;
        }
        else if (retryAfter?.Date is { } date)
        {
            delay = date - now;
        }
        else
        {
            delay = Backoff(attempt);
        }
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        return delay > MaxSingleDelay ? MaxSingleDelay : delay;
    }
}
