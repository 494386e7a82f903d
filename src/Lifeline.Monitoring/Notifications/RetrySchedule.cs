namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// How long to wait after a failed delivery: 5 s, 15 s, 1 min, 5 min, then every 15 min, each stretched or shrunk by
/// up to ±20 % jitter so many rows failing together do not retry in lockstep. A pure function of the attempt number and
/// the jitter draw.
/// </summary>
public static class RetrySchedule
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(15),
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15),
    ];

    /// <summary>The cap: no wait is longer than this (before jitter).</summary>
    public static TimeSpan Cap => Steps[^1];

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 = the first).</summary>
    /// <param name="attempt">How many attempts failed so far, at least 1.</param>
    /// <param name="jitter">A draw in [0, 1): 0 → −20 %, 0.5 → exact, 1 → +20 %.</param>
    public static TimeSpan Delay(int attempt, double jitter)
    {
        var step = Steps[Math.Clamp(attempt, 1, Steps.Length) - 1];
        double factor = 0.8 + (0.4 * Math.Clamp(jitter, 0, 1));
        return TimeSpan.FromMilliseconds(step.TotalMilliseconds * factor);
    }
}
