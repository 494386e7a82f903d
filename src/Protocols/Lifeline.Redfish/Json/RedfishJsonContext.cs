using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Json;

/// <summary>
/// Source-generated metadata for every typed resource. Numbers sent as strings are accepted (BMC quirk, several
/// vendors: "Reading": "42" → 42); depth is bounded by <see cref="RedfishJson.MaxDepth"/>.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    MaxDepth = RedfishJson.MaxDepth)]
[JsonSerializable(typeof(RedfishResource))]
[JsonSerializable(typeof(ResourceCollection))]
[JsonSerializable(typeof(ServiceRoot))]
[JsonSerializable(typeof(ComputerSystem))]
[JsonSerializable(typeof(Processor))]
[JsonSerializable(typeof(Memory))]
[JsonSerializable(typeof(Storage))]
[JsonSerializable(typeof(SimpleStorage))]
[JsonSerializable(typeof(Drive))]
[JsonSerializable(typeof(EthernetInterface))]
[JsonSerializable(typeof(Chassis))]
[JsonSerializable(typeof(Thermal))]
[JsonSerializable(typeof(Power))]
[JsonSerializable(typeof(Sensor))]
[JsonSerializable(typeof(ThermalSubsystem))]
[JsonSerializable(typeof(PowerSubsystem))]
[JsonSerializable(typeof(Manager))]
[JsonSerializable(typeof(ManagerNetworkProtocol))]
[JsonSerializable(typeof(SerialInterface))]
[JsonSerializable(typeof(VirtualMedia))]
[JsonSerializable(typeof(LogService))]
[JsonSerializable(typeof(LogEntry))]
[JsonSerializable(typeof(UpdateService))]
[JsonSerializable(typeof(SoftwareInventory))]
[JsonSerializable(typeof(TaskService))]
[JsonSerializable(typeof(RedfishTask))]
[JsonSerializable(typeof(EventService))]
[JsonSerializable(typeof(EventDestination))]
[JsonSerializable(typeof(RedfishEvent))]
[JsonSerializable(typeof(SessionService))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(AccountService))]
[JsonSerializable(typeof(ManagerAccount))]
[JsonSerializable(typeof(Bios))]
[JsonSerializable(typeof(ActionInfo))]
internal sealed partial class RedfishJsonContext : JsonSerializerContext;

/// <summary>Parsing rules shared by the client: bounded depth, typed deserialization, every failure a RedfishException.</summary>
public static class RedfishJson
{
    /// <summary>Deepest JSON nesting accepted (real trees stay below 20).</summary>
    public const int MaxDepth = 64;

    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    // The typed resource for each schema name in @odata.type; anything else reads as a generic RedfishResource.
    private static readonly Dictionary<string, Type> BySchema = new(StringComparer.Ordinal)
    {
        ["ServiceRoot"] = typeof(ServiceRoot),
        ["ComputerSystem"] = typeof(ComputerSystem),
        ["Processor"] = typeof(Processor),
        ["Memory"] = typeof(Memory),
        ["Storage"] = typeof(Storage),
        ["SimpleStorage"] = typeof(SimpleStorage),
        ["Drive"] = typeof(Drive),
        ["EthernetInterface"] = typeof(EthernetInterface),
        ["Chassis"] = typeof(Chassis),
        ["Thermal"] = typeof(Thermal),
        ["Power"] = typeof(Power),
        ["Sensor"] = typeof(Sensor),
        ["ThermalSubsystem"] = typeof(ThermalSubsystem),
        ["PowerSubsystem"] = typeof(PowerSubsystem),
        ["Manager"] = typeof(Manager),
        ["ManagerNetworkProtocol"] = typeof(ManagerNetworkProtocol),
        ["SerialInterface"] = typeof(SerialInterface),
        ["VirtualMedia"] = typeof(VirtualMedia),
        ["LogService"] = typeof(LogService),
        ["LogEntry"] = typeof(LogEntry),
        ["UpdateService"] = typeof(UpdateService),
        ["SoftwareInventory"] = typeof(SoftwareInventory),
        ["TaskService"] = typeof(TaskService),
        ["Task"] = typeof(RedfishTask),
        ["EventService"] = typeof(EventService),
        ["EventDestination"] = typeof(EventDestination),
        ["Event"] = typeof(RedfishEvent),
        ["SessionService"] = typeof(SessionService),
        ["Session"] = typeof(Session),
        ["AccountService"] = typeof(AccountService),
        ["ManagerAccount"] = typeof(ManagerAccount),
        ["Bios"] = typeof(Bios),
        ["ActionInfo"] = typeof(ActionInfo),
    };

    /// <summary>The typed resource class for a schema name, or null when only the generic shape is known.</summary>
    public static Type? TypeForSchema(string? schemaName)
    {
        if (schemaName is null)
        {
            return null;
        }
        if (schemaName.EndsWith("Collection", StringComparison.Ordinal))
        {
            return typeof(ResourceCollection);
        }
        return BySchema.GetValueOrDefault(schemaName);
    }

    /// <summary>Parses a body into <typeparamref name="T"/>; any parse failure is <see cref="RedfishError.MalformedResponse"/>.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, string where)
        where T : RedfishResource
    {
        var info = (JsonTypeInfo<T>)RedfishJsonContext.Default.GetTypeInfo(typeof(T))!;
        return (T)Deserialize(utf8, info, where);
    }

    /// <summary>Parses a body into the typed resource its <c>@odata.type</c> names (generic when unknown).</summary>
    public static RedfishResource DeserializeByType(ReadOnlySpan<byte> utf8, string where)
    {
        var raw = ParseObject(utf8, where);
        string? odataType = raw.TryGetProperty("@odata.type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var type = TypeForSchema(RedfishResource.SchemaNameOf(odataType)) ?? typeof(RedfishResource);
        var info = RedfishJsonContext.Default.GetTypeInfo(type)!;
        return Deserialize(utf8, info, where, raw);
    }

    private static RedfishResource Deserialize(ReadOnlySpan<byte> utf8, JsonTypeInfo info, string where, JsonElement? parsed = null)
    {
        var raw = parsed ?? ParseObject(utf8, where);
        try
        {
            var value = JsonSerializer.Deserialize(utf8, info) as RedfishResource
                ?? throw RedfishException.Malformed($"{where}: the body is null");
            value.Raw = raw;
            value.ETag = value.ODataEtag;
            return value;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException
            or OverflowException or ArgumentException or InvalidCastException)
        {
            throw RedfishException.Malformed($"{where}: {Trim(e.Message)}", e);
        }
    }

    /// <summary>Parses a body that must be one JSON object; returns a detached element.</summary>
    public static JsonElement ParseObject(ReadOnlySpan<byte> utf8, string where)
    {
        // Strings are transcoded lazily; invalid UTF-8 inside one would surface later as InvalidOperationException.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw RedfishException.Malformed($"{where}: the body is not valid UTF-8");
        }
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
            {
                MaxDepth = MaxDepth,
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            using var doc = JsonDocument.ParseValue(ref reader);
            root = doc.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw RedfishException.Malformed($"{where}: not JSON ({Trim(e.Message)})", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw RedfishException.Malformed($"{where}: expected a JSON object, got {root.ValueKind}");
        }
        return root;
    }

    private static string Trim(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
