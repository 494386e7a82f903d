namespace Lifeline.Fleet.Operations;

/// <summary>
/// Which nodes one server's refresher checks: node <c>n</c> belongs to share <c>hash(n) mod Count</c> (a hash that is
/// the same on every server). Each server takes its own index among the live servers, so together they check every
/// node once per round.
/// </summary>
/// <param name="Index">This server's index, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">How many servers share the work; 0 = this server checks nothing (starting or stopping).</param>
public readonly record struct RefreshShare(int Index, int Count)
{
    /// <summary>A lone server: every node.</summary>
    public static RefreshShare All { get; } = new(0, 1);

    public bool Owns(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Count > 0 && StableHash(node) % (uint)Count == (uint)Index;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes (string.GetHashCode is not).</summary>
    internal static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }
        return hash;
    }
}

/// <summary>Says which share of the nodes this server refreshes now.</summary>
public interface IRefreshPartition
{
    RefreshShare Current();
}
