using System.Collections.Concurrent;
using Lifeline.Server.Inventory;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// Answers "is this node in that noderange?" for alert rules and silences, synchronously, from the inventory view the
/// collector loaded last (groups are evaluated then, so a group's new members are covered from the next sync). Each
/// expression is expanded once per view; an expression that does not parse matches nothing (the rule validator
/// refuses those when they are stored).
/// </summary>
internal sealed class NoderangeMatcher(INoderangeEngine engine)
{
    private volatile InventoryView? _view;
    private ConcurrentDictionary<string, HashSet<string>> _expanded = new(StringComparer.Ordinal);

    public void Update(InventoryView view)
    {
        if (!ReferenceEquals(view, _view))
        {
            _view = view;
            _expanded = new ConcurrentDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        }
    }

    public bool Matches(string noderange, string node)
    {
        if (noderange is "*" || string.Equals(noderange, node, StringComparison.Ordinal))
        {
            return true;
        }
        var view = _view;
        if (view is null)
        {
            return false;
        }
        var set = _expanded.GetOrAdd(noderange, expression =>
        {
            try
            {
                return [.. engine.Expand(expression, view.Universe)];
            }
            catch (NoderangeSyntaxException)
            {
                return [];
            }
        });
        return set.Contains(node);
    }
}
