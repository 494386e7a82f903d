using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Fleet.Operations;

/// <summary>
/// The JSON of the fleet API, shared by the server and the CLI so both read and write the same shapes:
/// snake_case properties, enums as kebab-case strings, nulls written.
/// </summary>
public static class FleetJson
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
