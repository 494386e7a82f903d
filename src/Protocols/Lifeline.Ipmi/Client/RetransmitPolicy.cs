namespace Lifeline.Ipmi.Client;

/// <summary>
/// How long to wait for an answer before sending again: a pure function of the attempt number (0 = first send),
/// doubling from <see cref="Initial"/> up to <see cref="Maximum"/>.
/// </summary>
public sealed record RetransmitPolicy(TimeSpan Initial, TimeSpan Maximum, int Retries)
{
    /// <summary>1 s, doubling to 4 s, 3 retransmissions: a request is given up after 1+2+4+4 = 11 s.</summary>
    public static RetransmitPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), 3);

    public TimeSpan AttemptTimeout(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        double ms = Initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ms, Maximum.TotalMilliseconds));
    }

    /// <summary>Total time one request may take across all attempts.</summary>
    public TimeSpan TotalTimeout
    {
        get
        {
            var total = TimeSpan.Zero;
            for (int i = 0; i <= Retries; i++)
            {
                total += AttemptTimeout(i);
            }
            return total;
        }
    }

    /// <summary>A policy whose attempts fit in <paramref name="deadline"/> with <paramref name="retries"/> retransmissions.</summary>
    public static RetransmitPolicy ForDeadline(TimeSpan deadline, int retries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        // Solve initial·(1+2+4+…) ≈ deadline with doubling capped at 4×initial.
        double units = 0;
        for (int i = 0; i <= retries; i++)
        {
            units += Math.Min(Math.Pow(2, i), 4);
        }
        var initial = TimeSpan.FromMilliseconds(Math.Max(20, deadline.TotalMilliseconds / units));
        return new RetransmitPolicy(initial, initial * 4, retries);
    }
}
