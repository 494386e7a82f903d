using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Server.Inventory;

/// <summary>One consistent read of the inventory: nodes by name, groups by name, and the universe noderanges run on.</summary>
internal sealed class InventoryView
{
    public InventoryView(IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups, INodeUniverse universe)
    {
        NodeList = nodes;
        Nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        GroupList = groups;
        Groups = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        Universe = universe;
    }

    public IReadOnlyList<NodeDefinition> NodeList { get; }

    public IReadOnlyDictionary<string, NodeDefinition> Nodes { get; }

    public IReadOnlyList<GroupDefinition> GroupList { get; }

    public IReadOnlyDictionary<string, GroupDefinition> Groups { get; }

    public INodeUniverse Universe { get; }

    /// <summary>Every group name: defined groups and groups only named by nodes.</summary>
    public IEnumerable<string> AllGroupNames =>
        GroupList.Select(g => g.Name).Concat(NodeList.SelectMany(n => n.Groups)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The group's members (nodes naming it), in inventory order.</summary>
    public IReadOnlyList<string> Members(string group) =>
        [.. NodeList.Where(n => n.Groups.Contains(group, StringComparer.Ordinal)).Select(n => n.Name)];

    /// <summary>The node's own attributes, then those inherited from its groups in precedence order (own value wins).</summary>
    public IReadOnlyDictionary<string, string> EffectiveAttributes(NodeDefinition node)
    {
        if (Universe is InventorySnapshot snapshot && snapshot.GetNode(node.Name) is { } effective)
        {
            return effective.Attributes;
        }

        var result = new Dictionary<string, string>(node.Attributes, StringComparer.Ordinal);
        foreach (var group in node.Groups)
        {
            if (Groups.TryGetValue(group, out var definition))
            {
                foreach (var (key, value) in definition.Attributes)
                {
                    result.TryAdd(key, value);
                }
            }
        }

        return result;
    }

    /// <summary>The node's credential, or the first of its groups' (in precedence order), or null.</summary>
    public string? EffectiveCredential(NodeDefinition node) =>
        Universe is InventorySnapshot snapshot && snapshot.GetNode(node.Name) is { } effective
            ? effective.Credential
            : node.Credential ?? node.Groups.Select(g => Groups.TryGetValue(g, out var d) ? d.Credential : null).FirstOrDefault(c => c is not null);
}
