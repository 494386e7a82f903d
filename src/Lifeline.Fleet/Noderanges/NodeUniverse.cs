namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// An in-memory <see cref="INodeUniverse"/>: nodes with their groups and attributes, for tests and for callers that
/// already hold the inventory. Groups are derived from the nodes' group lists. Node and group names are
/// case-sensitive; attribute names are not. The built-in attributes <c>name</c> (the node's name) and <c>groups</c>
/// (its groups, comma-joined in the order given) are always answered and take precedence over supplied attributes.
/// </summary>
public sealed class NodeUniverse : INodeUniverse
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, Entry> _nodes;
    private readonly Dictionary<string, string[]> _groups;
    private readonly string[] _nodeNames;
    private readonly string[] _groupNames;

    private NodeUniverse(Dictionary<string, Entry> nodes, Dictionary<string, string[]> groups)
    {
        _nodes = nodes;
        _groups = groups;
        _nodeNames = [.. nodes.Keys.Order(NaturalNameComparer.Instance)];
        _groupNames = [.. groups.Keys.Order(NaturalNameComparer.Instance)];
    }

    /// <summary>A universe with no nodes.</summary>
    public static NodeUniverse Empty { get; } = Create(Array.Empty<string>());

    /// <summary>Every node name, in natural order.</summary>
    public IReadOnlyCollection<string> Nodes => _nodeNames;

    /// <summary>Every group name, in natural order.</summary>
    public IReadOnlyCollection<string> Groups => _groupNames;

    /// <summary>Builds a universe from nodes with their groups and attributes.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public static NodeUniverse Create(
        IEnumerable<(string Name, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, string> Attributes)> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, groups, attributes) in nodes)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A node name is empty.", nameof(nodes));
            }

            var groupList = new List<string>();
            foreach (string group in groups ?? [])
            {
                if (string.IsNullOrEmpty(group))
                {
                    throw new ArgumentException($"Node '{name}' has an empty group name.", nameof(nodes));
                }

                if (!groupList.Contains(group, StringComparer.Ordinal))
                {
                    groupList.Add(group);
                }
            }

            var attributeCopy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in attributes ?? NoAttributes)
            {
                attributeCopy[key] = value;
            }

            if (!entries.TryAdd(name, new Entry(groupList.Count == 0 ? null : string.Join(',', groupList), attributeCopy)))
            {
                throw new ArgumentException($"Node '{name}' is given twice.", nameof(nodes));
            }

            foreach (string group in groupList)
            {
                if (!members.TryGetValue(group, out var list))
                {
                    members[group] = list = [];
                }

                list.Add(name);
            }
        }

        var groupsByName = members.ToDictionary(
            g => g.Key,
            g => g.Value.Order(NaturalNameComparer.Instance).ToArray(),
            StringComparer.Ordinal);
        return new NodeUniverse(entries, groupsByName);
    }

    /// <summary>Builds a universe of nodes without groups or attributes.</summary>
    public static NodeUniverse Create(IEnumerable<string> nodeNames)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        return Create(nodeNames.Select(n => (n, (IReadOnlyList<string>)[], NoAttributes)));
    }

    /// <inheritdoc />
    public bool IsNode(string name) => _nodes.ContainsKey(name);

    /// <inheritdoc />
    public IReadOnlyCollection<string>? GroupMembers(string group) => _groups.GetValueOrDefault(group);

    /// <inheritdoc />
    public string? Attribute(string node, string attribute)
    {
        if (!_nodes.TryGetValue(node, out var entry))
        {
            return null;
        }

        if (string.Equals(attribute, "name", StringComparison.OrdinalIgnoreCase))
        {
            return node;
        }

        if (string.Equals(attribute, "groups", StringComparison.OrdinalIgnoreCase))
        {
            return entry.Groups;
        }

        return entry.Attributes.GetValueOrDefault(attribute);
    }

    private sealed record Entry(string? Groups, Dictionary<string, string> Attributes);
}
