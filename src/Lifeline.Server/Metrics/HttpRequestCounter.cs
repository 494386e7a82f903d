using System.Collections.Concurrent;

namespace Lifeline.Server.Metrics;

/// <summary>Requests answered since start, by route pattern and status code (<c>lifeline_http_requests_total</c>).</summary>
internal sealed class HttpRequestCounter
{
    private readonly ConcurrentDictionary<(string Route, int Status), StrongBox> _counts = new();

    public void Count(string route, int status) => Interlocked.Increment(ref _counts.GetOrAdd((route, status), _ => new StrongBox()).Value);

    /// <summary>The counts, ordered by route then status.</summary>
    public IReadOnlyList<(string Route, int Status, long Count)> Snapshot() =>
        [.. _counts.Select(c => (c.Key.Route, c.Key.Status, Interlocked.Read(ref c.Value.Value)))
            .OrderBy(c => c.Route, StringComparer.Ordinal).ThenBy(c => c.Status)];

    private sealed class StrongBox
    {
        public long Value;
    }
}
