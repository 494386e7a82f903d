using System.Text;
using System.Text.Json;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Server.Inventory;

namespace Lifeline.Server.Tests.StandIns;

/// <summary>
/// A stand-in for the real YAML/CSV formats until they land: "yaml" is JSON <c>{nodes, groups}</c> (JSON is YAML), "csv"
/// is <c>name,groups(;-separated),ipmi_url</c> with a header line.
/// </summary>
internal sealed class JsonInventoryFormats : IInventoryFormats
{
    public IReadOnlyList<string> Names => ["yaml", "csv"];

    public (IReadOnlyList<NodeDefinition> Nodes, IReadOnlyList<GroupDefinition> Groups) Read(string format, string text)
    {
        if (format == "csv")
        {
            var nodes = new List<NodeDefinition>();
            foreach (var (line, number) in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((l, i) => (l.Trim(), i + 1)).Skip(1))
            {
                var cells = line.Split(',');
                if (cells.Length != 3)
                {
                    throw new InventoryFormatException($"line {number}: expected 3 cells, found {cells.Length}");
                }

                nodes.Add(new NodeDefinition { Name = cells[0], Groups = cells[1].Split(';', StringSplitOptions.RemoveEmptyEntries), IpmiUrl = cells[2].Length == 0 ? null : cells[2] });
            }

            return (nodes, []);
        }

        try
        {
            var file = JsonSerializer.Deserialize<FileShape>(text, FleetJson.Options) ?? new FileShape([], []);
            return (file.Nodes ?? [], file.Groups ?? []);
        }
        catch (JsonException ex)
        {
            throw new InventoryFormatException($"line {ex.LineNumber + 1}: {ex.Message}");
        }
    }

    public string Write(string format, IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups)
    {
        if (format == "csv")
        {
            var sb = new StringBuilder("name,groups,ipmi_url\n");
            foreach (var n in nodes)
            {
                sb.Append(n.Name).Append(',').Append(string.Join(';', n.Groups)).Append(',').Append(n.IpmiUrl).Append('\n');
            }

            return sb.ToString();
        }

        return JsonSerializer.Serialize(new FileShape([.. nodes], [.. groups]), FleetJson.Options);
    }

    public string ContentType(string format) => format == "csv" ? "text/csv" : "application/yaml";

    private sealed record FileShape(List<NodeDefinition>? Nodes, List<GroupDefinition>? Groups);
}
