using Lifeline.Fleet.Inventory;

namespace Lifeline.Server.Apis;

/// <summary>Checks a node definition before it is stored; returns what is wrong, or null.</summary>
internal static class NodeValidation
{
    public static string? Check(NodeDefinition node)
    {
        if (!Names.IsValid(node.Name))
        {
            return $"node name '{node.Name}': a node name is {Names.Rule}";
        }

        if (node.IpmiUrl is { } ipmi && !IsUrl(ipmi, "ipmi"))
        {
            return $"{node.Name}: ipmi_url '{ipmi}' is not ipmi://[USER@]HOST[:PORT]";
        }

        if (node.RedfishUrl is { } redfish && !IsUrl(redfish, "redfish") && !IsUrl(redfish, "redfish+http"))
        {
            return $"{node.Name}: redfish_url '{redfish}' is not redfish://[USER@]HOST[:PORT] or redfish+http://...";
        }

        var problems = InventoryValidator.Validate(node);
        return problems.Count == 0 ? null : $"{node.Name}: {string.Join("; ", problems)}";
    }

    /// <summary>The node with attribute names lower-cased and groups without duplicates.</summary>
    public static NodeDefinition Normalise(NodeDefinition node)
    {
        node = node with
        {
            Groups = [.. (node.Groups ?? []).Distinct(StringComparer.Ordinal)],
            Attributes = node.Attributes ?? new Dictionary<string, string>(),
            Location = node.Location ?? new Location(),
        };
        try
        {
            return InventoryValidator.Normalize(node);
        }
        catch (InventoryValidationException)
        {
            return node; // Check reports the problem
        }
    }

    private static bool IsUrl(string text, string scheme) =>
        text.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && !string.IsNullOrEmpty(uri.Host)
        && uri.AbsolutePath is "" or "/";
}
