namespace Lifeline.Consoles.Hub;

/// <summary>Reconnect delays: exponential from one second, capped, with jitter so a fleet of consoles does not retry in step.</summary>
public static class ConsoleBackoff
{
    /// <summary>The first delay before jitter.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The delay before reconnect attempt <paramref name="attempt"/> (0 = the first retry): min(cap, 1 s × 2^attempt)
    /// scaled into [50 %, 100 %] by <paramref name="jitter"/> (a number in [0, 1), normally random). A pure function.
    /// </summary>
    public static TimeSpan Delay(int attempt, double jitter, TimeSpan cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (jitter is < 0 or >= 1 || double.IsNaN(jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "jitter is a number in [0, 1)");
        }

        double full = Math.Min(cap.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(full * (0.5 + (jitter / 2)));
    }
}
