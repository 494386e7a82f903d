using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Noderanges;

namespace Lifeline.Server.Inventory;

/// <summary>
/// What the server needs of the noderange code: a universe built from the stored inventory, expansion (throwing
/// <see cref="NoderangeSyntaxException"/> with the position of a syntax error) and folding a node list back into a
/// short expression.
/// </summary>
internal interface INoderangeEngine
{
    INodeUniverse CreateUniverse(IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups);

    /// <summary>The nodes <paramref name="expression"/> names, in natural order, without duplicates.</summary>
    IReadOnlyList<string> Expand(string expression, INodeUniverse universe);

    string Fold(IReadOnlyCollection<string> nodes);
}
