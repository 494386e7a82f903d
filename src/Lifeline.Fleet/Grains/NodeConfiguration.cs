using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Storage;

namespace Lifeline.Fleet.Grains;

/// <summary>
/// How one node is reached, as resolved from the store: the endpoint and the effective credential — or why it cannot
/// be (<see cref="Error"/>: unknown node, not configured). The password is not part of it (see <see cref="NodeConfigurationResolver"/>).
/// </summary>
/// <param name="Node">The node name.</param>
/// <param name="Protocol"><c>ipmi</c>, <c>redfish</c>, or <c>none</c>.</param>
/// <param name="Target">The BMC with the effective user; null with an error.</param>
/// <param name="Credential">The effective credential's name; null when there is none.</param>
/// <param name="Error">Why the node cannot be operated, or null.</param>
internal sealed record NodeConfiguration(string Node, string Protocol, BmcTarget? Target, string? Credential, NodeError? Error)
{
    public static NodeConfiguration Unknown(string node) => new(node, "none", null, null, new NodeError(NodeCategories.UnknownNode,
        $"there is no node '{node}' in the inventory", "check the name (GET /api/v1/nodes), or add the node (POST /api/v1/nodes)"));

    public static NodeConfiguration NotConfigured(string node, string protocol, string? credential, string message, string next) =>
        new(node, protocol, null, credential, new NodeError(NodeCategories.NotConfigured, message, next));
}

/// <summary>
/// Resolves a node from the store: effective credential = the node's own, else the first of its groups (in the
/// node's order) that names one; endpoint = <see cref="NodeDefinition.Management"/> (Auto: the Redfish URL when there
/// is one, else the IPMI URL); user = the URL's user when given, else the credential's.
/// </summary>
internal static class NodeConfigurationResolver
{
    /// <summary>The configuration and, when the node can be operated, the password (the caller disposes it).</summary>
    public static async Task<(NodeConfiguration Configuration, Secret? Password)> ResolveAsync(IFleetStore store, string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var node = await store.GetNodeAsync(name, cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            return (NodeConfiguration.Unknown(name), null);
        }
        var groups = new Dictionary<string, GroupDefinition>(StringComparer.Ordinal);
        foreach (var groupName in node.Groups)
        {
            if (await store.GetGroupAsync(groupName, cancellationToken).ConfigureAwait(false) is { } group)
            {
                groups[groupName] = group;
                if (!string.IsNullOrWhiteSpace(group.Credential))
                {
                    break; // later groups cannot matter
                }
            }
        }
        var credential = EffectiveCredential(node, groups);
        var endpoint = SelectEndpoint(node, credential);
        if (endpoint.Error is not null || credential is null)
        {
            return (endpoint, null);
        }
        var stored = await store.GetCredentialAsync(credential, cancellationToken).ConfigureAwait(false);
        return stored is { } found ? WithCredential(endpoint, found.UserName, found.Password) : (MissingCredential(endpoint, credential), null);
    }

    /// <summary>The node's own credential, else the first of its groups (in the node's order) that names one.</summary>
    public static string? EffectiveCredential(NodeDefinition node, IReadOnlyDictionary<string, GroupDefinition> groups)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(groups);
        if (!string.IsNullOrWhiteSpace(node.Credential))
        {
            return node.Credential;
        }
        foreach (var groupName in node.Groups)
        {
            if (groups.TryGetValue(groupName, out var group) && !string.IsNullOrWhiteSpace(group.Credential))
            {
                return group.Credential;
            }
        }
        return null;
    }

    /// <summary>The endpoint with the credential's user filled in where the URL names none, and the password.</summary>
    public static (NodeConfiguration Configuration, Secret? Password) WithCredential(NodeConfiguration endpoint, string userName, Secret password)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var target = endpoint.Target!;
        return (endpoint with { Target = target.User.Length == 0 ? target with { User = userName } : target }, password);
    }

    /// <summary>The outcome for a node whose credential is not stored.</summary>
    public static NodeConfiguration MissingCredential(NodeConfiguration endpoint, string credential)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return NodeConfiguration.NotConfigured(endpoint.Node, endpoint.Protocol, credential, $"the credential '{credential}' of node '{endpoint.Node}' does not exist",
            $"store it (PUT /api/v1/credentials/{credential}) or point the node at another credential");
    }

    /// <summary>The endpoint of <paramref name="node"/> and its effective credential name, or the reason there is none.</summary>
    public static NodeConfiguration SelectEndpoint(NodeDefinition node, string? credential)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = node.Name;
        string? ipmi = string.IsNullOrWhiteSpace(node.IpmiUrl) ? null : node.IpmiUrl;
        string? redfish = string.IsNullOrWhiteSpace(node.RedfishUrl) ? null : node.RedfishUrl;
        (string? url, string protocol, string field) = node.Management switch
        {
            ManagementProtocol.Ipmi => (ipmi, "ipmi", "ipmi_url"),
            ManagementProtocol.Redfish => (redfish, "redfish", "redfish_url"),
            _ => redfish is not null ? (redfish, "redfish", "redfish_url") : (ipmi, ipmi is null ? "none" : "ipmi", "ipmi_url"),
        };
        if (url is null)
        {
            var what = node.Management == ManagementProtocol.Auto ? "neither an IPMI nor a Redfish URL" : $"no {field}";
            return NodeConfiguration.NotConfigured(name, protocol, credential, $"node '{name}' has {what}",
                $"set {(node.Management == ManagementProtocol.Auto ? "ipmi_url or redfish_url" : field)} (PATCH /api/v1/nodes?noderange={name})");
        }
        if (!NodeUrl.TryParse(url, out var target, out var error))
        {
            return NodeConfiguration.NotConfigured(name, protocol, credential, $"node '{name}' {field}: {error}",
                $"correct {field} (PATCH /api/v1/nodes?noderange={name})");
        }
        bool schemeFits = protocol == "redfish" ? target.IsRedfish : !target.IsRedfish;
        if (!schemeFits)
        {
            return NodeConfiguration.NotConfigured(name, protocol, credential, $"node '{name}' {field} is {url}, which is not a {protocol} URL",
                $"correct {field} (PATCH /api/v1/nodes?noderange={name})");
        }
        if (credential is null)
        {
            return NodeConfiguration.NotConfigured(name, protocol, null, $"node '{name}' has no credential, and none of its groups names one",
                $"set credential on the node or on one of its groups (PATCH /api/v1/nodes?noderange={name} or PUT /api/v1/groups/GROUP)");
        }
        return new NodeConfiguration(name, protocol, target, credential, null);
    }
}
