using Lifeline.Fleet.Inventory;

namespace Lifeline.Server.Inventory;

/// <summary>The inventory files of Lifeline.Fleet: <see cref="InventoryYaml"/> (nodes and groups) and <see cref="InventoryCsv"/> (nodes).</summary>
internal sealed class FleetInventoryFormats : IInventoryFormats
{
    public IReadOnlyList<string> Names { get; } = ["yaml", "csv"];

    public (IReadOnlyList<NodeDefinition> Nodes, IReadOnlyList<GroupDefinition> Groups) Read(string format, string text)
    {
        try
        {
            var document = format == "csv" ? InventoryCsv.Import(text) : InventoryYaml.Import(text);
            return (document.Nodes, document.Groups);
        }
        catch (InventoryImportException ex)
        {
            throw new InventoryFormatException(ex.Message, ex);
        }
    }

    public string Write(string format, IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups) =>
        format == "csv" ? InventoryCsv.Export(nodes) : InventoryYaml.Export(new InventoryDocument(nodes, groups));

    public string ContentType(string format) => format == "csv" ? "text/csv" : "application/yaml";
}
