using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Server.Inventory;

/// <summary>
/// The noderange engine of Lifeline.Fleet behind <see cref="INoderangeEngine"/>: an <see cref="InventorySnapshot"/> of
/// the stored nodes (effective attributes and built-ins); <see cref="NodeRange.Expand"/>, with its
/// positioned <see cref="NodeRangeException"/> turned into a 400; <see cref="NodeRangeFolder.Fold"/>.
/// </summary>
internal sealed class FleetNoderangeEngine : INoderangeEngine
{
    public INodeUniverse CreateUniverse(IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups) =>
        InventorySnapshot.Create(nodes, groups);

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
}
