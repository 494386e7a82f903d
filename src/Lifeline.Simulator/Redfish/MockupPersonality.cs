using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

/// <summary>
/// A recorded Redfish tree (DMTF "tall" mockup: <c>redfish/v1/…/index.json</c>) used as the static shape of every
/// node, with the model's live state laid over the resources it describes: power state, boot override and health
/// on ComputerSystem and Chassis, readings on Thermal and Power, the SEL in the system's log entries, the firmware
/// version on the Manager. Actions and PATCH on those resources reach the model whatever their recorded URIs.
/// Sessions, tasks, subscriptions and SSE stay the generated ones. "@Redfish.Copyright" is stripped; links in the
/// data are only ever served, never followed.
/// </summary>
internal sealed class MockupPersonality
{
    private readonly Dictionary<string, JsonObject> _resources = new(StringComparer.Ordinal);

    private MockupPersonality(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public int Count => _resources.Count;

    /// <summary>
    /// The recorded UpdateService's MultipartHttpPushUri (e.g. bmcweb's /redfish/v1/UpdateService/update): uploads there
    /// go to the model's update, so a node wearing this shape accepts firmware where it says it does.
    /// </summary>
    public string? MultipartHttpPushUri =>
        _resources.TryGetValue("/redfish/v1/UpdateService", out var update) && update["MultipartHttpPushUri"] is JsonValue v && v.TryGetValue<string>(out var uri)
            ? uri.TrimEnd('/')
            : null;

    public static MockupPersonality Load(string directory)
    {
        var root = Path.Combine(directory, "redfish", "v1");
        if (!System.IO.Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{directory} is not a Redfish mockup: {root} is missing");
        }
        var personality = new MockupPersonality(directory);
        foreach (var file in System.IO.Directory.EnumerateFiles(root, "index.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/');
            string uri = relative == "." ? "/redfish/v1" : "/redfish/v1/" + relative;
            if (IsDynamic(uri))
            {
                continue;
            }
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file}: {e.Message}", e);
            }
            if (node is JsonObject o)
            {
                o.Remove("@Redfish.Copyright");
                personality._resources[uri] = o;
            }
        }
        if (!personality._resources.ContainsKey("/redfish/v1"))
        {
            throw new InvalidDataException($"{directory} has no service root (redfish/v1/index.json)");
        }
        return personality;
    }

    /// <summary>Resources the generated service owns in every personality.</summary>
    private static bool IsDynamic(string uri) =>
        uri.StartsWith("/redfish/v1/SessionService/Sessions", StringComparison.Ordinal)
        || uri.StartsWith("/redfish/v1/TaskService/Tasks", StringComparison.Ordinal)
        || uri.StartsWith("/redfish/v1/EventService/Subscriptions", StringComparison.Ordinal);

    private static string TypeOf(JsonObject o) => o["@odata.type"] is JsonValue v && v.TryGetValue(out string? t) ? t : "";

    private static bool IsType(JsonObject o, string name) => TypeOf(o).StartsWith($"#{name}.", StringComparison.Ordinal);

    /// <summary>The recorded service root with the session link sushy and redfishtool need.</summary>
    public JsonObject ServiceRoot(RedfishNode node)
    {
        var root = (JsonObject)_resources["/redfish/v1"].DeepClone();
        root["Links"] ??= new JsonObject();
        root["Links"]!["Sessions"] ??= RedfishJson.Link("/redfish/v1/SessionService/Sessions");
        root.Remove("Registries"); // no message registries: clients must not go looking for them
        return root;
    }

    /// <summary>A response for a recorded resource, or null to let the generated service answer.</summary>
    public RedfishResponse? TryServe(RedfishNode node, RedfishRequest r)
    {
        string path = r.Path;
        if (r.Method == "POST")
        {
            return RouteAction(node, r, path);
        }
        if (_resources.TryGetValue(path, out var recorded))
        {
            var body = Overlay(node, path, (JsonObject)recorded.DeepClone(), r);
            if (r.Method == "PATCH" && IsType(recorded, "ComputerSystem"))
            {
                return node.PatchRecordedSystem(r, body);
            }
            return r.IsGet ? RedfishResponse.Ok(body) : BaseMessages.MethodNotAllowed(r.Method, path, "GET, HEAD");
        }
        // an entry of a log whose members we replaced with the SEL
        int slash = path.LastIndexOf('/');
        if (slash > 0 && r.IsGet && _resources.TryGetValue(path[..slash], out var parent) && IsSelCollection(path[..slash], parent))
        {
            return node.RecordedSelEntry(path[..slash], path[(slash + 1)..]) is { } entry
                ? RedfishResponse.Ok(entry) : BaseMessages.ResourceNotFound(path);
        }
        return null;
    }

    private static bool IsSelCollection(string uri, JsonObject o) =>
        IsType(o, "LogEntryCollection") && uri.StartsWith("/redfish/v1/Systems/", StringComparison.Ordinal);

    private JsonObject Overlay(RedfishNode node, string uri, JsonObject o, RedfishRequest r)
    {
        if (IsType(o, "ComputerSystem"))
        {
            node.OverlaySystem(o);
        }
        else if (IsType(o, "Chassis"))
        {
            node.OverlayChassis(o);
        }
        else if (IsType(o, "Thermal"))
        {
            node.OverlayThermal(uri, o);
        }
        else if (IsType(o, "Power"))
        {
            node.OverlayPower(uri, o);
        }
        else if (IsType(o, "Manager"))
        {
            o["FirmwareVersion"] = node.Model.FirmwareVersion;
        }
        else if (IsSelCollection(uri, o))
        {
            node.OverlaySel(uri, o, r);
        }
        return o;
    }

    /// <summary>Actions by their action name, whatever URI the recording gives them.</summary>
    private RedfishResponse? RouteAction(RedfishNode node, RedfishRequest r, string path)
    {
        int i = path.LastIndexOf("/Actions/", StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }
        string action = path[(i + "/Actions/".Length)..];
        if (action == "ComputerSystem.Reset" && r.Method == "POST")
        {
            // the recording's own allowable values decide (e.g. ForceOn and PushPowerButton on rackmount1)
            IReadOnlyCollection<ResetType>? allowed = null;
            if (_resources.TryGetValue(path[..i], out var system)
                && system["Actions"]?["#ComputerSystem.Reset"]?["ResetType@Redfish.AllowableValues"] is JsonArray values)
            {
                allowed = values.Select(v => Enum.TryParse<ResetType>(v?.GetValue<string>(), out var t) ? t : (ResetType?)null)
                    .OfType<ResetType>().ToArray();
            }
            return node.RequireComponentsPrivilege(r) ?? node.ResetSystem(r, allowed);
        }
        string[]? generated = action switch
        {
            "ComputerSystem.Reset" => ["Systems", RedfishNode.SystemId, "Actions", action],
            "Manager.Reset" => ["Managers", RedfishNode.ManagerId, "Actions", action],
            "LogService.ClearLog" when path.StartsWith("/redfish/v1/Systems/", StringComparison.Ordinal) =>
                ["Systems", RedfishNode.SystemId, "LogServices", "SEL", "Actions", action],
            "VirtualMedia.InsertMedia" or "VirtualMedia.EjectMedia" => ["Managers", RedfishNode.ManagerId, "VirtualMedia", "CD", "Actions", action],
            "UpdateService.SimpleUpdate" => ["UpdateService", "Actions", action],
            "Bios.ResetBios" => ["Systems", RedfishNode.SystemId, "Bios", "Actions", action],
            _ => null,
        };
        return generated is null ? null : node.Route(r, generated);
    }
}
