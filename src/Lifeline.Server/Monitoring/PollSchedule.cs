using Lifeline.Fleet.Operations;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// When each node's next poll of each kind is due. A node joins at a phase fixed by a stable hash of its name (spread
/// evenly over the interval, the same after a restart), then each poll is due at most one interval (less by up to the
/// jitter) after the previous due time — not after it finished, so a slow BMC does not drift its schedule. A node that fell more than an
/// interval behind (the service was busy or stopped) is not polled in a burst to catch up: it is due once, now.
/// Not thread-safe: the scheduler's loop owns it.
/// </summary>
internal sealed class PollSchedule
{
    private readonly PriorityQueue<Entry, long> _queue = new();
    private readonly Dictionary<(string Node, PollKind Kind), long> _generation = [];
    private readonly Func<PollKind, TimeSpan> _interval;
    private readonly double _jitter;
    private readonly Random _random;
    private long _nextGeneration;

    private readonly record struct Entry(string Node, PollKind Kind, long Generation, long DueTicks);

    public PollSchedule(Func<PollKind, TimeSpan> interval, double jitter, Random? random = null)
    {
        _interval = interval;
        _jitter = Math.Clamp(jitter, 0, 0.5);
        _random = random ?? Random.Shared;
    }

    /// <summary>Scheduled (node, kind) pairs.</summary>
    public int Count => _generation.Count;

    /// <summary>
    /// Makes the schedule hold exactly these (node, kind) pairs: new ones get their phase, missing ones are dropped.
    /// </summary>
    public void Sync(IEnumerable<(string Node, PollKind Kind)> wanted, DateTimeOffset now)
    {
        var keep = new HashSet<(string, PollKind)>(wanted);
        foreach (var key in _generation.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _generation.Remove(key); // its queue entry is skipped when it comes up
        }
        foreach (var (node, kind) in keep)
        {
            if (_generation.ContainsKey((node, kind)))
            {
                continue;
            }
            var interval = _interval(kind);
            // Phase from the name and kind: the same node's sensor and event polls do not coincide.
            double phase = (RefreshShare.StableHash(node) + (uint)kind * 0x9E3779B9u) % 10_000 / 10_000.0;
            Add(node, kind, now + interval * phase);
        }
    }

    /// <summary>Removes and returns up to <paramref name="max"/> polls due at <paramref name="now"/>, earliest first.</summary>
    public List<(string Node, PollKind Kind, DateTimeOffset Due)> TakeDue(DateTimeOffset now, int max)
    {
        var due = new List<(string, PollKind, DateTimeOffset)>();
        while (due.Count < max && _queue.TryPeek(out var entry, out var ticks) && ticks <= now.UtcTicks)
        {
            _queue.Dequeue();
            if (_generation.TryGetValue((entry.Node, entry.Kind), out var generation) && generation == entry.Generation)
            {
                due.Add((entry.Node, entry.Kind, new DateTimeOffset(ticks, TimeSpan.Zero)));
            }
        }
        return due;
    }

    /// <summary>Schedules the next poll after one that was due at <paramref name="due"/> (still wanted only).</summary>
    public void Reschedule(string node, PollKind kind, DateTimeOffset due, DateTimeOffset now)
    {
        if (!_generation.ContainsKey((node, kind)))
        {
            return;
        }
        var interval = _interval(kind);
        // Jitter only ever shortens the gap: an event logged just after a poll is still read within one interval.
        var next = due + interval * (1 - _jitter * _random.NextDouble());
        if (next < now)
        {
            next = now; // fell behind: once now, no burst of catch-up polls
        }
        Add(node, kind, next);
    }

    /// <summary>The earliest due time among live entries, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            while (_queue.TryPeek(out var entry, out var ticks))
            {
                if (_generation.TryGetValue((entry.Node, entry.Kind), out var generation) && generation == entry.Generation)
                {
                    return new DateTimeOffset(ticks, TimeSpan.Zero);
                }
                _queue.Dequeue(); // stale: the node left or was rescheduled
            }
            return null;
        }
    }

    private void Add(string node, PollKind kind, DateTimeOffset due)
    {
        long generation = ++_nextGeneration;
        _generation[(node, kind)] = generation;
        _queue.Enqueue(new Entry(node, kind, generation, due.UtcTicks), due.UtcTicks);
    }
}
