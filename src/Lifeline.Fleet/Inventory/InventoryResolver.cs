using System.Globalization;

namespace Lifeline.Fleet.Inventory;

/// <summary>
/// Inheritance: a node's own value wins; among its groups, the earlier group in the node's list wins. Applies to
/// attributes, the credential and the location parts (<c>site</c>, <c>rack</c>, <c>u</c> may come from attributes).
/// </summary>
public static class InventoryResolver
{
    /// <summary>The management protocol <paramref name="node"/>'s operations use (never Auto).</summary>
    public static ManagementProtocol EffectiveProtocol(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Management switch
        {
            ManagementProtocol.Ipmi => ManagementProtocol.Ipmi,
            ManagementProtocol.Redfish => ManagementProtocol.Redfish,
            _ => node.RedfishUrl is not null ? ManagementProtocol.Redfish : ManagementProtocol.Ipmi,
        };
    }

    /// <summary>
    /// Resolves one node against the group definitions (groups the node names but that are not defined contribute
    /// nothing).
    /// </summary>
    public static EffectiveNode Resolve(NodeDefinition node, IReadOnlyDictionary<string, GroupDefinition> groups)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(groups);

        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? credential = node.Credential;
        string? credentialSource = credential is null ? null : node.Name;

        // Later groups first, so an earlier group overwrites them; the node's own attributes last.
        for (int i = node.Groups.Count - 1; i >= 0; i--)
        {
            if (groups.TryGetValue(node.Groups[i], out var group))
            {
                foreach (var (key, value) in group.Attributes)
                {
                    attributes[key] = value;
                }
            }
        }

        if (credential is null)
        {
            foreach (string name in node.Groups)
            {
                if (groups.TryGetValue(name, out var group) && group.Credential is not null)
                {
                    credential = group.Credential;
                    credentialSource = group.Name;
                    break;
                }
            }
        }

        foreach (var (key, value) in node.Attributes)
        {
            attributes[key] = value;
        }

        int? u = node.Location.U;
        if (u is null && attributes.TryGetValue("u", out var uText)
            && int.TryParse(uText, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
        {
            u = parsed;
        }

        var location = new Location(
            node.Location.Site ?? attributes.GetValueOrDefault("site"),
            node.Location.Rack ?? attributes.GetValueOrDefault("rack"),
            u);

        return new EffectiveNode
        {
            Definition = node,
            Attributes = attributes,
            Credential = credential,
            CredentialSource = credentialSource,
            Protocol = EffectiveProtocol(node),
            Location = location,
        };
    }
}
