using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Monitoring.Model;

/// <summary>
/// The JSON of monitoring (API, stored rules, webhook payloads): snake_case properties, enums as kebab-case strings,
/// the same conventions as the fleet API's <c>FleetJson</c>.
/// </summary>
public static class MonitoringJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
