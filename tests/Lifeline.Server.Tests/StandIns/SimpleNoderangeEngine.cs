using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Noderanges;
using Lifeline.Server.Inventory;

namespace Lifeline.Server.Tests.StandIns;

/// <summary>
/// A stand-in noderange engine until the real one lands: comma-separated node names, group names and
/// <c>prefix[a-b]</c> ranges; an unclosed '[' is a syntax error at its position.
/// </summary>
internal sealed class SimpleNoderangeEngine : INoderangeEngine
{
    public INodeUniverse CreateUniverse(IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups) => new Universe(nodes);

    public IReadOnlyList<string> Expand(string expression, INodeUniverse universe)
    {
        var result = new List<string>();
        int offset = 0;
        foreach (var item in expression.Split(','))
        {
            int open = item.IndexOf('[', StringComparison.Ordinal);
            if (open >= 0)
            {
                int close = item.IndexOf(']', open);
                var parts = close < 0 ? [] : item[(open + 1)..close].Split('-');
                if (close < 0 || parts.Length != 2 || !int.TryParse(parts[0], out int from) || !int.TryParse(parts[1], out int to))
                {
                    throw new NoderangeSyntaxException($"unclosed or malformed range at position {offset + open}", offset + open);
                }

                for (int i = from; i <= to; i++)
                {
                    result.Add($"{item[..open]}{i}");
                }
            }
            else if (universe.GroupMembers(item) is { } members)
            {
                result.AddRange(members);
            }
            else if (item.Length > 0)
            {
                result.Add(item);
            }

            offset += item.Length + 1;
        }

        return [.. result.Distinct(StringComparer.Ordinal).Where(universe.IsNode)];
    }

    public string Fold(IReadOnlyCollection<string> nodes) => string.Join(',', nodes);

    private sealed class Universe(IReadOnlyList<NodeDefinition> nodes) : INodeUniverse
    {
        private readonly Dictionary<string, NodeDefinition> _byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

        public IReadOnlyCollection<string> Nodes => _byName.Keys;

        public bool IsNode(string name) => _byName.ContainsKey(name);

        public IReadOnlyCollection<string>? GroupMembers(string group)
        {
            var members = nodes.Where(n => n.Groups.Contains(group)).Select(n => n.Name).ToList();
            return members.Count > 0 ? members : null;
        }

        public string? Attribute(string node, string attribute) =>
            _byName.TryGetValue(node, out var n) ? n.Attributes.GetValueOrDefault(attribute) : null;
    }
}
