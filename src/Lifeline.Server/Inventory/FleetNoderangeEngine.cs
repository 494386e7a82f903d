using System.Globalization;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Server.Inventory;

/// <summary>
/// The noderange engine of Lifeline.Fleet behind <see cref="INoderangeEngine"/>: a <see cref="NodeUniverse"/> of the
/// stored nodes with their effective attributes (own, then inherited from their groups in precedence order) plus the
/// built-ins <c>ipmi</c>, <c>redfish</c>, <c>site</c>, <c>rack</c>, <c>u</c>; <see cref="NodeRange.Expand"/>, with its
/// positioned <see cref="NodeRangeException"/> turned into a 400; <see cref="NodeRangeFolder.Fold"/>.
/// </summary>
internal sealed class FleetNoderangeEngine : INoderangeEngine
{
    public INodeUniverse CreateUniverse(IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups)
    {
        var byName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        return NodeUniverse.Create(nodes.Select(n => (n.Name, n.Groups, Attributes(n, byName))));
    }

    public IReadOnlyList<string> Expand(string expression, INodeUniverse universe)
    {
        try
        {
            return NodeRange.Expand(expression, universe);
        }
        catch (NodeRangeException ex)
        {
            throw new NoderangeSyntaxException(ex.Message, ex.Position, ex);
        }
    }

    public string Fold(IReadOnlyCollection<string> nodes) => nodes.Count == 0 ? "" : NodeRangeFolder.Fold(nodes);

    private static IReadOnlyDictionary<string, string> Attributes(NodeDefinition node, Dictionary<string, GroupDefinition> groups)
    {
        var result = new Dictionary<string, string>(node.Attributes, StringComparer.OrdinalIgnoreCase);
        foreach (var group in node.Groups)
        {
            if (groups.TryGetValue(group, out var definition))
            {
                foreach (var (key, value) in definition.Attributes)
                {
                    result.TryAdd(key, value);
                }
            }
        }

        Add(result, "ipmi", node.IpmiUrl);
        Add(result, "redfish", node.RedfishUrl);
        Add(result, "site", node.Location.Site);
        Add(result, "rack", node.Location.Rack);
        Add(result, "u", node.Location.U?.ToString(CultureInfo.InvariantCulture));
        return result;
    }

    private static void Add(Dictionary<string, string> attributes, string key, string? value)
    {
        if (value is not null)
        {
            attributes[key] = value;
        }
    }
}
