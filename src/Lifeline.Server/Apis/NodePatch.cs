using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;

namespace Lifeline.Server.Apis;

/// <summary>
/// A <c>PATCH /nodes</c> body: only the members present change; a string member set to null is cleared; in
/// <c>attributes</c> a key set to null is removed; <c>location</c> replaces the location's present parts.
/// </summary>
internal sealed class NodePatch
{
    private static readonly HashSet<string> Known = ["groups", "ipmi_url", "redfish_url", "management", "credential", "console_method", "inband_address", "location", "attributes"];

    private readonly JsonObject _body;

    private NodePatch(JsonObject body)
    {
        _body = body;
    }

    /// <summary>The member names present (for audit).</summary>
    public IReadOnlyList<string> Fields => [.. _body.Select(kv => kv.Key)];

    /// <summary>Parses the body; null and a reason when it is not a patch object.</summary>
    public static (NodePatch? Patch, string? Error) Parse(JsonNode? body)
    {
        if (body is not JsonObject obj || obj.Count == 0)
        {
            return (null, "the body must be a JSON object with the members to change");
        }

        if (obj.Select(kv => kv.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            return (null, $"unknown member '{unknown}'; a node patch may set {string.Join(", ", Known)}");
        }

        return (new NodePatch(obj), null);
    }

    public NodeDefinition Apply(NodeDefinition node)
    {
        foreach (var (key, value) in _body)
        {
            node = key switch
            {
                "groups" => node with { Groups = value is null ? [] : value.Deserialize<string[]>(FleetJson.Options) ?? [] },
                "ipmi_url" => node with { IpmiUrl = Text(value) },
                "redfish_url" => node with { RedfishUrl = Text(value) },
                "management" => node with { Management = value is null ? ManagementProtocol.Auto : value.Deserialize<ManagementProtocol>(FleetJson.Options) },
                "credential" => node with { Credential = Text(value) },
                "console_method" => node with { ConsoleMethod = Text(value) },
                "inband_address" => node with { InbandAddress = Text(value) },
                "location" => node with { Location = MergeLocation(node.Location, value) },
                "attributes" => node with { Attributes = MergeAttributes(node.Attributes, value) },
                _ => node,
            };
        }

        return node;
    }

    private static string? Text(JsonNode? value) => value is null ? null : value.GetValue<string>();

    private static Location MergeLocation(Location current, JsonNode? value)
    {
        if (value is not JsonObject obj)
        {
            return value is null ? new Location() : throw new JsonException("location must be an object {site, rack, u}");
        }

        var location = current;
        foreach (var (key, part) in obj)
        {
            location = key switch
            {
                "site" => location with { Site = Text(part) },
                "rack" => location with { Rack = Text(part) },
                "u" => location with { U = part?.GetValue<int>() },
                _ => throw new JsonException($"location has no member '{key}' (site, rack, u)"),
            };
        }

        return location;
    }

    private static Dictionary<string, string> MergeAttributes(IReadOnlyDictionary<string, string> current, JsonNode? value)
    {
        var result = new Dictionary<string, string>(current, StringComparer.Ordinal);
        if (value is null)
        {
            result.Clear();
            return result;
        }

        if (value is not JsonObject obj)
        {
            throw new JsonException("attributes must be an object of names to strings (null removes one)");
        }

        foreach (var (key, part) in obj)
        {
            if (part is null)
            {
                result.Remove(key.ToLowerInvariant());
            }
            else
            {
                result[key.ToLowerInvariant()] = part.GetValueKind() == JsonValueKind.String ? part.GetValue<string>() : part.ToJsonString();
            }
        }

        return result;
    }
}
