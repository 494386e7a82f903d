using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

/// <summary>Small builders for the shapes every Redfish resource repeats.</summary>
internal static class RedfishJson
{
    public static JsonObject Link(string uri) => new() { ["@odata.id"] = uri };

    public static JsonObject Status(ResourceState state, Health health, Health? rollup = null)
    {
        var status = new JsonObject { ["State"] = state.ToString(), ["Health"] = health.ToString() };
        if (rollup is { } r)
        {
            status["HealthRollup"] = r.ToString();
        }
        return status;
    }

    /// <summary>A resource collection (DSP0266 §9.7.6): plain Members links and their count.</summary>
    public static JsonObject Collection(string uri, string type, string name, IEnumerable<string> members)
    {
        var list = new JsonArray(members.Select(m => (JsonNode)Link(m)).ToArray());
        return new JsonObject
        {
            ["@odata.id"] = uri,
            ["@odata.type"] = type,
            ["Name"] = name,
            ["Members@odata.count"] = list.Count,
            ["Members"] = list,
        };
    }

    public static JsonArray Strings<T>(IEnumerable<T> values) where T : notnull =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v.ToString()!)!).ToArray());

    /// <summary>A weak ETag over the serialized body: it changes whenever the representation does.</summary>
    public static string ETag(JsonNode body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString()), hash);
        return $"W/\"{Convert.ToHexStringLower(hash[..8])}\"";
    }

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A JSON number that is not NaN or infinite, rounded for display; null otherwise.</summary>
    public static JsonNode? Number(double? value, int digits = 2) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(Math.Round(v, digits)) : null;
}
