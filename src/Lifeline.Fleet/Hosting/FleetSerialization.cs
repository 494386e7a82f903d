using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;

namespace Lifeline.Fleet.Hosting;

/// <summary>
/// How the grains' arguments and results cross silos. The fleet's own records carry generated Orleans serializers; the
/// driver records inside them (<c>PowerResult</c>, <c>SensorsResult</c>, <c>BootRequest</c>, <c>NodeError</c>, …) live
/// in <c>Lifeline.Drivers</c>, which stays free of Orleans, and travel as System.Text.Json instead.
/// </summary>
public static class FleetSerialization
{
    /// <summary>Every silo and every cluster client of the fleet must use this.</summary>
    public static void Configure(ISerializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonSerializer(isSupported: IsDriverType, jsonSerializerOptions: JsonOptions);
    }

    /// <summary>True for the types of <c>Lifeline.Drivers</c> (and below).</summary>
    public static bool IsDriverType(Type type) =>
        type?.Namespace is { } ns && (ns == "Lifeline.Drivers" || ns.StartsWith("Lifeline.Drivers.", StringComparison.Ordinal));

    /// <summary>The JSON of driver records between silos: every property, NaN readings kept, enums by name.</summary>
    internal static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
