using System.Collections.Concurrent;

namespace Lifeline.Server.Monitoring;

/// <summary>Every node's <see cref="NodeMonitorState"/> on this server (lock-free: whole records are swapped).</summary>
internal sealed class MonitorStates
{
    private readonly ConcurrentDictionary<string, NodeMonitorState> _states = new(StringComparer.Ordinal);

    public NodeMonitorState Get(string node) => _states.TryGetValue(node, out var state) ? state : new NodeMonitorState(node);

    public bool TryGet(string node, out NodeMonitorState state) => _states.TryGetValue(node, out state!);

    /// <summary>Applies <paramref name="change"/> atomically and returns (before, after).</summary>
    public (NodeMonitorState Before, NodeMonitorState After) Update(string node, Func<NodeMonitorState, NodeMonitorState> change)
    {
        while (true)
        {
            var before = Get(node);
            var after = change(before);
            if (_states.TryGetValue(node, out var current))
            {
                if (ReferenceEquals(current, before) && _states.TryUpdate(node, after, before))
                {
                    return (before, after);
                }
            }
            else if (_states.TryAdd(node, after))
            {
                return (before, after);
            }
        }
    }

    public void Remove(string node) => _states.TryRemove(node, out _);

    public IReadOnlyList<NodeMonitorState> Snapshot() => [.. _states.Values];
}
