using Lifeline.Cli.Targets;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Cli.Output;

/// <summary>
/// How the collated table writes a set of nodes and orders its groups. Direct mode folds BMC hosts with pdsh-style
/// ranges and keeps the order of the target list; fleet mode folds node names into a noderange
/// (<c>n[1-20]</c>) and orders groups by their first node in natural order (the service streams in completion order).
/// </summary>
public sealed class NodeFolding
{
    private readonly Func<IReadOnlyList<string>, string> _fold;

    private NodeFolding(Func<IReadOnlyList<string>, string> fold, IComparer<string>? order)
    {
        _fold = fold;
        Order = order;
    }

    /// <summary>BMC hosts (<c>127.0.1.[1-250]</c>), groups in target-list order.</summary>
    public static NodeFolding Hosts { get; } = new(HostRangeCompressor.CompressToString, null);

    /// <summary>Fleet node names as a noderange (<c>n[1-20],r[1-3]u[01-10]</c>), groups in natural name order.</summary>
    public static NodeFolding Noderange { get; } = new(FoldNoderange, NaturalNameComparer.Instance);

    /// <summary>When set, groups are ordered by their first node under this comparer instead of by index.</summary>
    public IComparer<string>? Order { get; }

    public string Fold(IReadOnlyList<string> nodes) => _fold(nodes);

    private static string FoldNoderange(IReadOnlyList<string> nodes)
    {
        try
        {
            return NodeRangeFolder.Fold(nodes);
        }
        catch (ArgumentException)
        {
            // A name a noderange cannot express (the service validates names, so this is a safety net): list them.
            return string.Join(',', nodes.Order(NaturalNameComparer.Instance));
        }
    }
}
