using System.Text.Json.Nodes;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

// Bios (Bios.v1_2_1): the current attributes are read-only; changes go to the settings object that
// "@Redfish.Settings".SettingsObject names (DSP0266 v1.20 clause "Settings resource") and apply at the next reset.
// A Bios without @Redfish.Settings is patched directly.
public sealed partial class RedfishBmc
{
    public async Task<Bios> GetBiosAsync(string? systemId = null, CancellationToken ct = default)
    {
        var system = await GetSystemAsync(systemId, ct).ConfigureAwait(false);
        return await RequireAsync<Bios>(system.Bios, $"Bios on {system.ODataId}", ct).ConfigureAwait(false);
    }

    /// <summary>The pending (not yet applied) attributes, or null when the BIOS has no settings object.</summary>
    public async Task<Bios?> GetPendingBiosAsync(string? systemId = null, CancellationToken ct = default)
    {
        var bios = await GetBiosAsync(systemId, ct).ConfigureAwait(false);
        return bios.Settings?.SettingsObject?.ODataId is { } path ? await Client.GetAsync<Bios>(path, ct).ConfigureAwait(false) : null;
    }

    /// <summary>Writes attributes as pending settings (If-Match on the settings object); returns the URI written.</summary>
    public async Task<string> SetBiosAttributesAsync(IReadOnlyDictionary<string, JsonNode?> attributes, string? systemId = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var bios = await GetBiosAsync(systemId, ct).ConfigureAwait(false);
        var known = bios.Attributes;
        var unknown = known is null ? [] : attributes.Keys.Where(k => !known.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new RedfishException(RedfishError.InvalidRequest, $"this BIOS has no attribute {string.Join(", ", unknown)}")
            { AllowedValues = known!.Keys.Order(StringComparer.Ordinal).ToList() };
        }
        var target = bios.Settings?.SettingsObject?.ODataId ?? bios.ODataId!;
        var patch = new JsonObject();
        foreach (var (k, v) in attributes)
        {
            patch[k] = v?.DeepClone();
        }
        await Client.PatchAsync(target, new JsonObject { ["Attributes"] = patch }, null, null, ct).ConfigureAwait(false);
        return target;
    }
}
