using System.Text.Json.Nodes;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

/// <summary>The boot override of a system (ComputerSystem.v1_22_0 Boot object).</summary>
public sealed record BootOverride(
    BootSource Target,
    BootSourceOverrideEnabled Enabled,
    BootSourceOverrideMode? Mode,
    IReadOnlyList<BootSource>? AllowedTargets,
    string? ETag);

public sealed partial class RedfishBmc
{
    public async Task<BootOverride> GetBootOverrideAsync(string? systemId = null, CancellationToken ct = default)
    {
        var system = await GetSystemAsync(systemId, ct).ConfigureAwait(false);
        var boot = system.Boot ?? throw new RedfishException(RedfishError.NotSupported, $"{system.ODataId} has no Boot settings");
        return new BootOverride(boot.BootSourceOverrideTarget ?? BootSource.Unknown,
            boot.BootSourceOverrideEnabled ?? BootSourceOverrideEnabled.Unknown, boot.BootSourceOverrideMode,
            boot.BootSourceOverrideTargetAllowableValues, system.ETag);
    }

    /// <summary>
    /// Sets the boot override with one PATCH guarded by If-Match (the ETag of the GET just made): a change by someone
    /// else in between is refused by the BMC (412), not silently overwritten.
    /// </summary>
    public async Task SetBootOverrideAsync(BootSource target, bool persistent = false, BootSourceOverrideMode? mode = null,
        string? systemId = null, CancellationToken ct = default)
    {
        if (target is BootSource.Unknown)
        {
            throw new RedfishException(RedfishError.InvalidRequest, "boot target Unknown cannot be set");
        }
        var system = await GetSystemAsync(systemId, ct).ConfigureAwait(false);
        var boot = system.Boot ?? throw new RedfishException(RedfishError.NotSupported, $"{system.ODataId} has no Boot settings");
        if (boot.BootSourceOverrideTargetAllowableValues is { Count: > 0 } allowed && !allowed.Contains(target))
        {
            var names = allowed.Where(a => a != BootSource.Unknown).Select(a => a.ToString()).ToList();
            throw new RedfishException(RedfishError.InvalidRequest,
                $"boot target {target} is not allowed by this BMC; allowed: {string.Join(", ", names)}") { AllowedValues = names };
        }
        if (mode is { } m && boot.BootSourceOverrideModeAllowableValues is { Count: > 0 } modes && !modes.Contains(m))
        {
            var names = modes.Select(a => a.ToString()).ToList();
            throw new RedfishException(RedfishError.InvalidRequest,
                $"boot mode {m} is not allowed by this BMC; allowed: {string.Join(", ", names)}") { AllowedValues = names };
        }
        var enabled = target == BootSource.None ? BootSourceOverrideEnabled.Disabled
            : persistent ? BootSourceOverrideEnabled.Continuous : BootSourceOverrideEnabled.Once;
        var bootPatch = new JsonObject
        {
            ["BootSourceOverrideTarget"] = target.ToString(),
            ["BootSourceOverrideEnabled"] = enabled.ToString(),
        };
        if (mode is { } mm)
        {
            bootPatch["BootSourceOverrideMode"] = mm.ToString();
        }
        await Client.PatchAsync(system.ODataId!, new JsonObject { ["Boot"] = bootPatch }, system.ETag, null, ct).ConfigureAwait(false);
    }
}
