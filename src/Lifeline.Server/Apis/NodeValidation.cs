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

        if (node.Groups.FirstOrDefault(g => !Names.IsValid(g)) is { } group)
        {
            return $"{node.Name}: group name '{group}': a group name is {Names.Rule}";
        }

        if (node.IpmiUrl is { } ipmi && !IsUrl(ipmi, "ipmi"))
        {
            return $"{node.Name}: ipmi_url '{ipmi}' is not ipmi://[USER@]HOST[:PORT]";
        }

        if (node.RedfishUrl is { } redfish && !IsUrl(redfish, "redfish") && !IsUrl(redfish, "redfish+http"))
        {
            return $"{node.Name}: redfish_url '{redfish}' is not redfish://[USER@]HOST[:PORT] or redfish+http://...";
        }

        if (node.Credential is { } credential && !Names.IsValid(credential))
        {
            return $"{node.Name}: credential '{credential}' is not a credential name ({Names.Rule})";
        }

        if (node.Attributes.Keys.FirstOrDefault(k => !Names.IsValid(k)) is { } key)
        {
            return $"{node.Name}: attribute name '{key}' must be {Names.Rule}";
        }

        if (!Enum.IsDefined(node.Management))
        {
            return $"{node.Name}: management must be auto, ipmi or redfish";
        }

        return null;
    }

    /// <summary>The node with attribute names lower-cased and groups without duplicates.</summary>
    public static NodeDefinition Normalise(NodeDefinition node) => node with
    {
        Groups = [.. node.Groups.Distinct(StringComparer.Ordinal)],
        Attributes = node.Attributes.ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value, StringComparer.Ordinal),
        Location = node.Location ?? new Location(),
    };

    private static bool IsUrl(string text, string scheme) =>
        text.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && !string.IsNullOrEmpty(uri.Host)
        && uri.AbsolutePath is "" or "/";
}
