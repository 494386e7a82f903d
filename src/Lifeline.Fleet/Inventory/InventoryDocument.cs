namespace Lifeline.Fleet.Inventory;

/// <summary>A stored credential named in an inventory file: its name and BMC user, never its password.</summary>
public sealed record CredentialReference(string Name, string? UserName = null);

/// <summary>
/// An inventory as a file holds it: nodes, group definitions and the credentials it refers to (names only). What
/// <see cref="InventoryYaml"/> and <see cref="InventoryCsv"/> read and write.
/// </summary>
public sealed record InventoryDocument(
    IReadOnlyList<NodeDefinition> Nodes,
    IReadOnlyList<GroupDefinition> Groups,
    IReadOnlyList<CredentialReference> Credentials)
{
    public InventoryDocument(IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups)
        : this(nodes, groups, [])
    {
    }
}
