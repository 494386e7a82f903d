using System.Text.Json;
using System.Text.Json.Serialization;
using Lifeline.Fleet.Security;

namespace Lifeline.Fleet.Storage;

/// <summary>The JSON of the store's text columns: attributes (keys sorted, so equal maps store equal text) and grants.</summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Attributes(IReadOnlyDictionary<string, string> attributes) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(attributes.ToDictionary(), StringComparer.Ordinal), Options);

    public static Dictionary<string, string> Attributes(string? json) =>
        json is null or "" or "{}"
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public static string Grants(IReadOnlyList<RoleGrant> grants) =>
        JsonSerializer.Serialize(grants.Select(g => new GrantJson(g.Role, g.Scope)).ToList(), Options);

    public static List<RoleGrant> Grants(string? json) =>
        string.IsNullOrEmpty(json)
            ? []
            : (JsonSerializer.Deserialize<List<GrantJson>>(json, Options) ?? []).Select(g => new RoleGrant(g.Role, g.Scope)).ToList();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed record GrantJson(Role Role, string Scope);
}
