using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lifeline.Drivers.Redfish;

// bios get|set — Bios.Attributes and the settings object named by @Redfish.Settings (applied at the next reset).
public sealed partial class RedfishBmcBackend
{
    public Task<BiosResult> GetBiosAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var bios = await bmc.GetBiosAsync(ct: cancellationToken).ConfigureAwait(false);
            var pending = await bmc.GetPendingBiosAsync(ct: cancellationToken).ConfigureAwait(false);
            var current = Text(bios.Attributes);
            // A settings object often repeats every attribute; only values that differ are pending.
            var changed = Text(pending?.Attributes)
                .Where(kv => !current.TryGetValue(kv.Key, out var now) || now != kv.Value)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            return new BiosResult(current, changed);
        });

    public Task<ActionResult> SetBiosAsync(BmcTarget target, ConnectionSettings connection, BiosSetRequest request, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var values = request.Attributes.ToDictionary(kv => kv.Key, kv => ToJson(kv.Value), StringComparer.Ordinal);
            await bmc.SetBiosAttributesAsync(values, ct: cancellationToken).ConfigureAwait(false);
            return new ActionResult(
                $"{string.Join(", ", request.Attributes.Select(kv => $"{kv.Key}={kv.Value}"))} pending until the next reset (power reset or cycle to apply)");
        });

    private static Dictionary<string, string> Text(Dictionary<string, JsonElement>? attributes) =>
        (attributes ?? []).ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind switch
        {
            JsonValueKind.String => kv.Value.GetString() ?? "",
            _ => kv.Value.GetRawText(),
        }, StringComparer.Ordinal);

    /// <summary>"true"/"false" → boolean, an integer → number, anything else → string.</summary>
    internal static JsonNode? ToJson(string value) => value switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        _ => JsonValue.Create(value),
    };
}
