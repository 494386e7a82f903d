using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Globalization;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Fleet.Inventory;

/// <summary>
/// An immutable view of the inventory at one moment: every node resolved once (see <see cref="InventoryResolver"/>),
/// group membership indexed, lookups by dictionary. Build one per inventory change and share it; it is safe to read
/// from any thread.
/// </summary>
/// <remarks>
/// Built-in attributes of <see cref="Attribute"/>: <c>name</c>, <c>groups</c> (comma-separated, in order),
/// <c>ipmi</c>, <c>redfish</c>, <c>site</c>, <c>rack</c>, <c>u</c>, <c>credential</c> (effective),
/// <c>management</c> (effective: <c>ipmi</c> or <c>redfish</c>), <c>console</c>, <c>inband</c>; any other key is a
/// free-form attribute with inheritance. Keys are compared without regard to case; node and group names exactly.
/// </remarks>
public sealed class InventorySnapshot : INodeUniverse
{
    private readonly FrozenDictionary<string, EffectiveNode> _nodes;
    private readonly FrozenDictionary<string, GroupDefinition> _groups;
    private readonly FrozenDictionary<string, ReadOnlyCollection<string>> _members;
    private readonly ReadOnlyCollection<string> _nodeNames;
    private readonly ReadOnlyCollection<string> _groupNames;

    private InventorySnapshot(IEnumerable<NodeDefinition> nodes, IEnumerable<GroupDefinition> groups)
    {
        var groupMap = new Dictionary<string, GroupDefinition>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            groupMap[group.Name] = group;
        }

        var nodeMap = new Dictionary<string, EffectiveNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            nodeMap[node.Name] = InventoryResolver.Resolve(node, groupMap);
        }

        string[] nodeNames = [.. nodeMap.Keys];
        Array.Sort(nodeNames, StringComparer.Ordinal);
        _nodeNames = Array.AsReadOnly(nodeNames);

        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string group in groupMap.Keys)
        {
            members[group] = [];
        }

        foreach (string name in nodeNames)
        {
            foreach (string group in nodeMap[name].Definition.Groups)
            {
                if (!members.TryGetValue(group, out var list))
                {
                    members[group] = list = [];
                    groupMap[group] = new GroupDefinition { Name = group };
                }

                list.Add(name);
            }
        }

        string[] groupNames = [.. members.Keys];
        Array.Sort(groupNames, StringComparer.Ordinal);
        _groupNames = Array.AsReadOnly(groupNames);
        _nodes = nodeMap.ToFrozenDictionary(StringComparer.Ordinal);
        _groups = groupMap.ToFrozenDictionary(StringComparer.Ordinal);
        _members = members.ToFrozenDictionary(p => p.Key, p => p.Value.AsReadOnly(), StringComparer.Ordinal);
    }

    /// <summary>An empty inventory.</summary>
    public static InventorySnapshot Empty { get; } = new([], []);

    /// <summary>
    /// Resolves <paramref name="nodes"/> against <paramref name="groups"/>. A name given twice keeps the last
    /// definition. Groups that nodes name but that are not defined exist with no attributes.
    /// </summary>
    public static InventorySnapshot Create(IEnumerable<NodeDefinition> nodes, IEnumerable<GroupDefinition> groups)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(groups);
        return new InventorySnapshot(nodes, groups);
    }

    /// <summary>Every node name, in ordinal order.</summary>
    public IReadOnlyCollection<string> Nodes => _nodeNames;

    /// <summary>Every group name (defined or named by a node), in ordinal order.</summary>
    public IReadOnlyCollection<string> Groups => _groupNames;

    public bool IsNode(string name) => name is not null && _nodes.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> is a defined group or one a node names.</summary>
    public bool IsGroup(string name) => name is not null && _members.ContainsKey(name);

    /// <summary>The members in ordinal order, or null when no such group exists.</summary>
    public IReadOnlyCollection<string>? GroupMembers(string group) =>
        group is not null && _members.TryGetValue(group, out var members) ? members : null;

    /// <summary>The node resolved, or null when unknown.</summary>
    public EffectiveNode? GetNode(string name) =>
        name is not null && _nodes.TryGetValue(name, out var node) ? node : null;

    /// <summary>The group definition (a bare one for a group only named by nodes), or null when unknown.</summary>
    public GroupDefinition? GetGroup(string name) =>
        name is not null && _groups.TryGetValue(name, out var group) ? group : null;

    /// <summary>Every node resolved, in ordinal order of names.</summary>
    public IEnumerable<EffectiveNode> EffectiveNodes => _nodeNames.Select(n => _nodes[n]);

    public string? Attribute(string node, string attribute)
    {
        if (node is null || attribute is null || !_nodes.TryGetValue(node, out var n))
        {
            return null;
        }

        var definition = n.Definition;
        if (!BuiltIns.TryGetValue(attribute, out var builtIn))
        {
            return n.Attributes.GetValueOrDefault(attribute);
        }

        return builtIn switch
        {
            BuiltIn.Name => definition.Name,
            BuiltIn.Groups => definition.Groups.Count == 0 ? null : string.Join(',', definition.Groups),
            BuiltIn.Ipmi => definition.IpmiUrl,
            BuiltIn.Redfish => definition.RedfishUrl,
            BuiltIn.Site => n.Location.Site,
            BuiltIn.Rack => n.Location.Rack,
            BuiltIn.U => n.Location.U?.ToString(CultureInfo.InvariantCulture),
            BuiltIn.Credential => n.Credential,
            BuiltIn.Management => n.Protocol == ManagementProtocol.Redfish ? "redfish" : "ipmi",
            BuiltIn.Console => definition.ConsoleMethod,
            _ => definition.InbandAddress,
        };
    }

    private enum BuiltIn
    {
        Name,
        Groups,
        Ipmi,
        Redfish,
        Site,
        Rack,
        U,
        Credential,
        Management,
        Console,
        Inband,
    }

    private static readonly FrozenDictionary<string, BuiltIn> BuiltIns =
        Enum.GetValues<BuiltIn>().ToFrozenDictionary(b => b.ToString().ToLowerInvariant(), StringComparer.OrdinalIgnoreCase);
}
