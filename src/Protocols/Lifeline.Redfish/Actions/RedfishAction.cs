using System.Text.Json;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Actions;

/// <summary>
/// An action a resource advertises (DSP0266 v1.20 clause "Actions"):
/// <code>
/// "Actions": { "#ComputerSystem.Reset": { "target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset",
///                                         "ResetType@Redfish.AllowableValues": ["On", "ForceOff"],
///                                         "@Redfish.ActionInfo": "/redfish/v1/Systems/1/ResetActionInfo" } }
/// </code>
/// The target is discovered, never built from a template.
/// </summary>
public sealed record RedfishAction(string Name, string Target, string? ActionInfo, IReadOnlyDictionary<string, IReadOnlyList<string>> InlineAllowableValues)
{
    /// <summary>Finds "#<paramref name="name"/>" (e.g. "ComputerSystem.Reset") in the resource's Actions; null when absent.</summary>
    public static RedfishAction? Find(RedfishResource resource, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Actions is not { ValueKind: JsonValueKind.Object } actions)
        {
            return null;
        }
        foreach (var property in actions.EnumerateObject())
        {
            if (!string.Equals(property.Name, "#" + name, StringComparison.OrdinalIgnoreCase) || property.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var body = property.Value;
            if (!body.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(target.GetString()))
            {
                return null;
            }
            string? info = body.TryGetProperty("@Redfish.ActionInfo", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            var allowed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var p in body.EnumerateObject())
            {
                const string suffix = "@Redfish.AllowableValues";
                if (p.Name.EndsWith(suffix, StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Array)
                {
                    allowed[p.Name[..^suffix.Length]] = p.Value.EnumerateArray()
                        .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
                }
            }
            return new RedfishAction(name, target.GetString()!, info, allowed);
        }
        return null;
    }

    /// <summary>The names of all actions a resource advertises (without the leading '#').</summary>
    public static IReadOnlyList<string> Names(RedfishResource resource) =>
        resource.Actions is { ValueKind: JsonValueKind.Object } a
            ? a.EnumerateObject().Where(p => p.Name.StartsWith('#')).Select(p => p.Name[1..]).ToList()
            : [];
}
