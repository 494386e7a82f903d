using System.Globalization;
using Lifeline.Fleet.Inventory;

namespace Lifeline.Cli.Commands;

/// <summary>
/// The inventory of a running <c>lifeline sim</c> in the service's import format (YAML, or CSV by extension): nodes
/// <c>sim0001</c>… in group <c>sim</c>, whose credential <see cref="CredentialName"/> holds no password — the operator
/// stores it with <c>lifeline credentials set sim-bmc --user USER</c>.
/// </summary>
public static class SimFleetInventory
{
    public const string CredentialName = "sim-bmc";
    public const string Group = "sim";

    public static InventoryDocument Build(IReadOnlyList<string> ipmiUrls, IReadOnlyList<string> redfishUrls, IReadOnlyList<string>? consoleUrls = null)
    {
        consoleUrls ??= [];
        ArgumentNullException.ThrowIfNull(ipmiUrls);
        ArgumentNullException.ThrowIfNull(redfishUrls);
        int width = Math.Max(4, ipmiUrls.Count.ToString(CultureInfo.InvariantCulture).Length);
        var nodes = ipmiUrls.Select((url, i) => new NodeDefinition
        {
            Name = "sim" + (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'),
            Groups = [Group],
            IpmiUrl = url,
            RedfishUrl = i < redfishUrls.Count ? redfishUrls[i] : null,
            ConsoleMethod = i < consoleUrls.Count ? consoleUrls[i] : null,
        }).ToList();
        var group = new GroupDefinition { Name = Group, Description = "nodes of lifeline sim", Credential = CredentialName };
        return new InventoryDocument(nodes, [group]);
    }

    /// <summary>Writes the inventory: CSV when the file ends in .csv (nodes only), YAML otherwise.</summary>
    public static async Task WriteAsync(string path, InventoryDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        string text = Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? InventoryCsv.Export(document.Nodes)
            : InventoryYaml.Export(document);
        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
    }
}
