using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

// Bios.v1_2_1 with a settings object (Settings.v1_3_5, DSP0266 1.20 §9.9 "Settings resource"): PATCH to
// Bios/Settings stores pending attributes; they become current at the host's next POST (model.HostStarts moves).
public sealed partial class RedfishNode
{
    private const string BiosUri = SystemUri + "/Bios";

    private static readonly (string Name, JsonNode Value, string[]? Allowed)[] BiosDefaults =
    [
        ("BootMode", "Uefi", ["Uefi", "Legacy"]),
        ("ProcHyperThreading", "Enabled", ["Enabled", "Disabled"]),
        ("ProcTurboMode", "Enabled", ["Enabled", "Disabled"]),
        ("ProcVirtualization", "Enabled", ["Enabled", "Disabled"]),
        ("SerialConsoleRedirection", "Com1", ["Disabled", "Com1", "Com2"]),
        ("SerialBaudRate", 115200, null),
        ("PxeRetryCount", 1, null),
        ("EmbeddedSata", "Ahci", ["Ahci", "Raid", "Off"]),
        ("PowerProfile", "Performance", ["Performance", "Balanced", "PowerSaving"]),
    ];

    private Dictionary<string, JsonNode> _biosCurrent = [];
    private Dictionary<string, JsonNode> _biosPending = [];
    private long _biosPendingSince;

    private void InitializeBios()
    {
        _biosCurrent = BiosDefaults.ToDictionary(d => d.Name, d => d.Value.DeepClone(), StringComparer.Ordinal);
    }

    /// <summary>Pending settings apply once the host has gone through POST after they were written.</summary>
    private void ApplyPendingBios()
    {
        lock (_gate)
        {
            if (_biosPending.Count > 0 && Model.HostStarts > _biosPendingSince)
            {
                foreach (var (k, v) in _biosPending)
                {
                    _biosCurrent[k] = v;
                }
                _biosPending = [];
            }
        }
    }

    private JsonObject Bios()
    {
        ApplyPendingBios();
        var attributes = new JsonObject();
        lock (_gate)
        {
            foreach (var (name, _, _) in BiosDefaults)
            {
                attributes[name] = _biosCurrent[name].DeepClone();
            }
        }
        return new JsonObject
        {
            ["@odata.id"] = BiosUri,
            ["@odata.type"] = "#Bios.v1_2_1.Bios",
            ["Id"] = "Bios",
            ["Name"] = "BIOS Configuration Current Settings",
            ["AttributeRegistry"] = "LifelineSimBiosAttributeRegistry.1.0.0",
            ["Attributes"] = attributes,
            ["@Redfish.Settings"] = new JsonObject
            {
                ["@odata.type"] = "#Settings.v1_3_5.Settings",
                ["SettingsObject"] = RedfishJson.Link(BiosUri + "/Settings"),
                ["SupportedApplyTimes"] = new JsonArray("OnReset"),
            },
            ["Actions"] = new JsonObject
            {
                ["#Bios.ResetBios"] = new JsonObject { ["target"] = BiosUri + "/Actions/Bios.ResetBios" },
            },
        };
    }

    private JsonObject BiosSettings()
    {
        ApplyPendingBios();
        var attributes = new JsonObject();
        lock (_gate)
        {
            foreach (var (k, v) in _biosPending.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                attributes[k] = v.DeepClone();
            }
        }
        return new JsonObject
        {
            ["@odata.id"] = BiosUri + "/Settings",
            ["@odata.type"] = "#Bios.v1_2_1.Bios",
            ["Id"] = "Settings",
            ["Name"] = "BIOS Configuration Pending Settings",
            ["Attributes"] = attributes,
        };
    }

    private RedfishResponse PatchBiosSettings(RedfishRequest r)
    {
        var body = r.BodyObject;
        foreach (var (name, _) in body)
        {
            if (name != "Attributes")
            {
                return BaseMessages.PropertyUnknown(name);
            }
        }
        if (body["Attributes"] is not JsonObject changes)
        {
            return BaseMessages.PropertyMissing("Attributes");
        }
        var accepted = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            var known = BiosDefaults.FirstOrDefault(d => d.Name == name);
            if (known.Name is null)
            {
                return BaseMessages.PropertyUnknown($"Attributes/{name}");
            }
            if (value is not JsonValue v || v.GetValueKind() != known.Value.GetValueKind())
            {
                return BaseMessages.PropertyValueTypeError($"Attributes/{name}", value?.ToJsonString() ?? "null");
            }
            if (known.Allowed is { } allowed && !allowed.Contains(v.GetValue<string>()))
            {
                return BaseMessages.PropertyValueNotInList($"Attributes/{name}", v.GetValue<string>());
            }
            accepted[name] = v.DeepClone();
        }
        ApplyPendingBios();
        lock (_gate)
        {
            foreach (var (k, v) in accepted)
            {
                _biosPending[k] = v;
            }
            _biosPendingSince = Model.HostStarts;
        }
        return RedfishResponse.NoContent();
    }

    private RedfishResponse ResetBios(RedfishRequest r)
    {
        lock (_gate)
        {
            _biosPending = BiosDefaults.ToDictionary(d => d.Name, d => d.Value.DeepClone(), StringComparer.Ordinal);
            _biosPendingSince = Model.HostStarts;
        }
        return RedfishResponse.NoContent();
    }
}
