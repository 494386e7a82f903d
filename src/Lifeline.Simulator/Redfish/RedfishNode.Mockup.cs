using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Redfish;

// The model's live state laid over resources of a recorded personality (see MockupPersonality).
public sealed partial class RedfishNode
{
    internal void OverlaySystem(JsonObject o)
    {
        var generated = ComputerSystem();
        o["PowerState"] = generated["PowerState"]!.DeepClone();
        var boot = o["Boot"] as JsonObject ?? [];
        var live = (JsonObject)generated["Boot"]!;
        foreach (var name in new[] { "BootSourceOverrideEnabled", "BootSourceOverrideTarget", "BootSourceOverrideMode" })
        {
            boot[name] = live[name]!.DeepClone();
        }
        o["Boot"] = boot;
        SetHealth(o, (JsonObject)generated["Status"]!);
    }

    internal void OverlayChassis(JsonObject o)
    {
        var generated = Chassis();
        o["PowerState"] = generated["PowerState"]!.DeepClone();
        SetHealth(o, (JsonObject)generated["Status"]!);
    }

    private static void SetHealth(JsonObject o, JsonObject status)
    {
        var s = o["Status"] as JsonObject ?? [];
        s["Health"] = status["Health"]!.DeepClone();
        s["HealthRollup"] = status["HealthRollup"]?.DeepClone();
        s["State"] ??= status["State"]!.DeepClone();
        o["Status"] = s;
    }

    internal void OverlayThermal(string uri, JsonObject o)
    {
        var generated = Thermal();
        o["Temperatures"] = Rebase(generated["Temperatures"]!, ChassisUri + "/Thermal", uri);
        o["Fans"] = Rebase(generated["Fans"]!, ChassisUri + "/Thermal", uri);
    }

    internal void OverlayPower(string uri, JsonObject o)
    {
        var generated = Power();
        o["Voltages"] = Rebase(generated["Voltages"]!, ChassisUri + "/Power", uri);
        if (o["PowerControl"] is JsonArray { Count: > 0 } control && control[0] is JsonObject first)
        {
            first["PowerConsumedWatts"] = generated["PowerControl"]![0]!["PowerConsumedWatts"]?.DeepClone();
        }
        else
        {
            o["PowerControl"] = Rebase(generated["PowerControl"]!, ChassisUri + "/Power", uri);
        }
    }

    private static JsonNode Rebase(JsonNode generated, string from, string to) =>
        JsonNode.Parse(generated.ToJsonString().Replace(from + "#", to + "#", StringComparison.Ordinal))!;

    internal void OverlaySel(string uri, JsonObject o, RedfishRequest r)
    {
        var generated = SelEntries(r);
        o["Members@odata.count"] = generated["Members@odata.count"]!.DeepClone();
        o["Members"] = JsonNode.Parse(generated["Members"]!.ToJsonString().Replace(SelUri + "/Entries", uri, StringComparison.Ordinal));
        o.Remove("Members@odata.nextLink");
        if (generated["Members@odata.nextLink"] is { } next)
        {
            o["Members@odata.nextLink"] = next.GetValue<string>().Replace(SelUri + "/Entries", uri, StringComparison.Ordinal);
        }
    }

    internal JsonObject? RecordedSelEntry(string collectionUri, string id) =>
        SelEntry(id) is { } e ? (JsonObject)JsonNode.Parse(e.ToJsonString().Replace(SelUri + "/Entries", collectionUri, StringComparison.Ordinal))! : null;

    /// <summary>PATCH on a recorded ComputerSystem: If-Match against its overlaid representation, then the model.</summary>
    internal RedfishResponse PatchRecordedSystem(RedfishRequest r, JsonObject current) =>
        Resource(r, () => current, patch: () => PatchSystem(r));

    internal RedfishResponse? RequireComponentsPrivilege(RedfishRequest r) => Require(r, Privilege.ConfigureComponents);
}
