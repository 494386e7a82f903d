namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// What a noderange is evaluated against: the known nodes, the groups, and each node's effective attributes
/// (its own, then inherited from its groups; plus the built-ins <c>name</c>, <c>groups</c>, <c>ipmi</c>,
/// <c>redfish</c>, <c>site</c>, <c>rack</c>, <c>u</c>).
/// </summary>
public interface INodeUniverse
{
    /// <summary>Every node name.</summary>
    IReadOnlyCollection<string> Nodes { get; }

    bool IsNode(string name);

    /// <summary>The members of the group, or null when no such group exists.</summary>
    IReadOnlyCollection<string>? GroupMembers(string group);

    /// <summary>The node's effective value of <paramref name="attribute"/>, or null when unset.</summary>
    string? Attribute(string node, string attribute);
}
