namespace Lifeline.Monitoring.Detection;

/// <summary>The times of recent correctable memory errors of one (node, subject), newest kept, bounded.</summary>
internal sealed class MemoryErrorLog(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _start;
    private int _count;

    /// <summary>When the BMC last said it stopped logging because of too many errors.</summary>
    public DateTimeOffset? LimitReachedAt { get; set; }

    public void Add(DateTimeOffset time)
    {
        long t = time.UtcTicks;
        if (_count < _ticks.Length)
        {
            _ticks[(_start + _count) % _ticks.Length] = t;
            _count++;
        }
        else
        {
            _ticks[_start] = t;
            _start = (_start + 1) % _ticks.Length;
        }
    }

    /// <summary>Errors in (from, to].</summary>
    public int CountBetween(DateTimeOffset from, DateTimeOffset to)
    {
        long f = from.UtcTicks, e = to.UtcTicks;
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            long t = _ticks[(_start + i) % _ticks.Length];
            if (t > f && t <= e)
            {
                n++;
            }
        }
        return n;
    }
}
