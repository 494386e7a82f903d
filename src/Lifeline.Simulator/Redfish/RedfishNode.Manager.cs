using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

// Manager.v1_18_0 (the BMC), ManagerNetworkProtocol.v1_9_0, VirtualMedia.v1_6_2 and SerialInterface.v1_2_0.
// Manager.Reset reboots the model's BMC: every face loses its sessions and the node is unreachable for a while.
public sealed partial class RedfishNode
{
    private static readonly ResetType[] ManagerResetTypes = [ResetType.GracefulRestart, ResetType.ForceRestart];

    private readonly Dictionary<string, MediaSlot> _media = new(StringComparer.Ordinal)
    {
        ["CD"] = new("Virtual CD", ["CD", "DVD"]),
        ["USB"] = new("Virtual Removable Media", ["USBStick"]),
    };

    private sealed class MediaSlot(string name, string[] types)
    {
        public string Name { get; } = name;
        public string[] Types { get; } = types;
        public string? Image { get; set; }
        public bool WriteProtected { get; set; } = true;
        public bool Inserted { get; set; }
        public string? TransferProtocol { get; set; }
    }

    private JsonObject Manager() => new()
    {
        ["@odata.id"] = ManagerUri,
        ["@odata.type"] = "#Manager.v1_18_0.Manager",
        ["Id"] = ManagerId,
        ["Name"] = "Manager",
        ["ManagerType"] = "BMC",
        ["Manufacturer"] = Model.Vendor.Manufacturer,
        ["Model"] = "Lifeline simulated BMC",
        ["FirmwareVersion"] = Model.FirmwareVersion,
        ["UUID"] = ManagerGuid().ToString("D"),
        ["PowerState"] = "On",
        ["DateTime"] = RedfishJson.Time(Model.SelTime),
        ["DateTimeLocalOffset"] = "+00:00",
        ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        ["NetworkProtocol"] = RedfishJson.Link(ManagerUri + "/NetworkProtocol"),
        ["VirtualMedia"] = RedfishJson.Link(ManagerUri + "/VirtualMedia"),
        ["SerialInterfaces"] = RedfishJson.Link(ManagerUri + "/SerialInterfaces"),
        ["SerialConsole"] = new JsonObject
        {
            ["ServiceEnabled"] = true,
            ["MaxConcurrentSessions"] = 1,
            ["ConnectTypesSupported"] = new JsonArray("IPMI"),
        },
        ["Links"] = new JsonObject
        {
            ["ManagerForServers"] = new JsonArray(RedfishJson.Link(SystemUri)),
            ["ManagerForChassis"] = new JsonArray(RedfishJson.Link(ChassisUri)),
        },
        ["Actions"] = new JsonObject
        {
            ["#Manager.Reset"] = new JsonObject
            {
                ["target"] = ManagerUri + "/Actions/Manager.Reset",
                ["ResetType@Redfish.AllowableValues"] = RedfishJson.Strings(ManagerResetTypes),
            },
        },
    };

    private Guid ManagerGuid()
    {
        Span<byte> b = stackalloc byte[16];
        Model.SystemGuid.TryWriteBytes(b);
        b[15] ^= 0x5A; // a stable id of its own, distinct from the host's
        return new Guid(b);
    }

    /// <summary>Manager.Reset: the answer goes out, then the BMC is gone for its reboot time.</summary>
    private RedfishResponse ResetManager(RedfishRequest r)
    {
        if (Require(r, Privilege.ConfigureManager) is { } denied)
        {
            return denied;
        }
        if (r.BodyObject["ResetType"] is JsonValue v && v.TryGetValue(out string? text)
            && (!TryParseName<ResetType>(text, out var type) || !ManagerResetTypes.Contains(type)))
        {
            return BaseMessages.ActionParameterValueNotInList(text, "ResetType", "Manager.Reset");
        }
        Model.RebootBmc();
        return RedfishResponse.NoContent();
    }

    private JsonObject NetworkProtocol()
    {
        bool https = BaseUrl.Scheme == "https";
        return new JsonObject
        {
            ["@odata.id"] = ManagerUri + "/NetworkProtocol",
            ["@odata.type"] = "#ManagerNetworkProtocol.v1_9_0.ManagerNetworkProtocol",
            ["Id"] = "NetworkProtocol",
            ["Name"] = "Manager Network Protocol",
            ["HostName"] = Model.Name + "-bmc",
            ["FQDN"] = Model.Name + "-bmc.sim.lifeline",
            ["HTTP"] = new JsonObject { ["ProtocolEnabled"] = !https, ["Port"] = https ? null : EndPoint.Port },
            ["HTTPS"] = new JsonObject { ["ProtocolEnabled"] = https, ["Port"] = https ? EndPoint.Port : null },
            ["IPMI"] = new JsonObject { ["ProtocolEnabled"] = IpmiPort is not null, ["Port"] = IpmiPort },
            ["SSH"] = new JsonObject { ["ProtocolEnabled"] = false },
            ["SNMP"] = new JsonObject { ["ProtocolEnabled"] = false },
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        };
    }

    private JsonObject VirtualMediaCollection()
    {
        lock (_gate)
        {
            return RedfishJson.Collection(ManagerUri + "/VirtualMedia", "#VirtualMediaCollection.VirtualMediaCollection",
                "Virtual Media Services", _media.Keys.Select(k => $"{ManagerUri}/VirtualMedia/{k}"));
        }
    }

    private JsonObject? VirtualMedia(string id)
    {
        lock (_gate)
        {
            if (!_media.TryGetValue(id, out var m))
            {
                return null;
            }
            string uri = $"{ManagerUri}/VirtualMedia/{id}";
            return new JsonObject
            {
                ["@odata.id"] = uri,
                ["@odata.type"] = "#VirtualMedia.v1_6_2.VirtualMedia",
                ["Id"] = id,
                ["Name"] = m.Name,
                ["MediaTypes"] = RedfishJson.Strings(m.Types),
                ["Image"] = m.Image,
                ["ImageName"] = m.Image is null ? null : m.Image[(m.Image.LastIndexOf('/') + 1)..],
                ["Inserted"] = m.Inserted,
                ["WriteProtected"] = m.WriteProtected,
                ["ConnectedVia"] = m.Image is null ? "NotConnected" : "URI",
                ["TransferProtocolType"] = m.TransferProtocol,
                ["TransferMethod"] = "Stream",
                ["Actions"] = new JsonObject
                {
                    ["#VirtualMedia.InsertMedia"] = new JsonObject { ["target"] = uri + "/Actions/VirtualMedia.InsertMedia" },
                    ["#VirtualMedia.EjectMedia"] = new JsonObject { ["target"] = uri + "/Actions/VirtualMedia.EjectMedia" },
                },
            };
        }
    }

    /// <summary>InsertMedia records the image URI; the simulator never fetches it (no traffic leaves the service).</summary>
    private RedfishResponse InsertMedia(RedfishRequest r, string id)
    {
        const string action = "VirtualMedia.InsertMedia";
        var body = r.BodyObject;
        if (body["Image"] is not JsonValue iv || !iv.TryGetValue(out string? image) || image.Length == 0)
        {
            return BaseMessages.ActionParameterMissing(action, "Image");
        }
        if (!Uri.TryCreate(image, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "nfs" or "cifs"))
        {
            return BaseMessages.Error(400, "ActionParameterValueFormatError",
                $"The value '{image}' for the parameter Image in the action {action} is of a different format than the parameter can accept.",
                "Correct the value for the parameter in the request body and resubmit the request if the operation failed.", image, "Image", action);
        }
        lock (_gate)
        {
            if (!_media.TryGetValue(id, out var m))
            {
                return BaseMessages.ResourceNotFound(r.Path);
            }
            m.Image = image;
            m.Inserted = body["Inserted"] is not JsonValue ins || !ins.TryGetValue(out bool inserted) || inserted;
            m.WriteProtected = body["WriteProtected"] is not JsonValue wp || !wp.TryGetValue(out bool writeProtected) || writeProtected;
            m.TransferProtocol = body["TransferProtocolType"] is JsonValue tp && tp.TryGetValue(out string? protocol)
                ? protocol : uri.Scheme.ToUpperInvariant();
        }
        return RedfishResponse.NoContent();
    }

    private RedfishResponse EjectMedia(string id)
    {
        lock (_gate)
        {
            if (!_media.TryGetValue(id, out var m))
            {
                return BaseMessages.ResourceNotFound($"{ManagerUri}/VirtualMedia/{id}");
            }
            m.Image = null;
            m.Inserted = false;
            m.TransferProtocol = null;
        }
        return RedfishResponse.NoContent();
    }

    private static JsonObject SerialInterface() => new()
    {
        ["@odata.id"] = ManagerUri + "/SerialInterfaces/1",
        ["@odata.type"] = "#SerialInterface.v1_2_0.SerialInterface",
        ["Id"] = "1",
        ["Name"] = "Host serial port (SOL)",
        ["InterfaceEnabled"] = true,
        ["SignalType"] = "Rs232",
        ["BitRate"] = "115200",
        ["Parity"] = "None",
        ["DataBits"] = "8",
        ["StopBits"] = "1",
        ["FlowControl"] = "None",
        ["ConnectorType"] = "RJ45",
    };
}
