using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Json;

/// <summary>
/// Reads a DMTF enum string into a C# enum whose first member (0) is <c>Unknown</c>. A value this build does not know
/// (a newer schema, an OEM spelling, a number, an object) becomes <c>Unknown</c> instead of failing the whole resource;
/// the raw text stays available through <see cref="Resources.RedfishResource.Raw"/>. DSP0266 v1.20 clause "Enumerated
/// values" lets services add values in minor schema revisions, so clients must tolerate them.
/// </summary>
public sealed class TolerantEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            if (text is not null && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
                && !char.IsDigit(text[0]) && text[0] != '-')
            {
                return value;
            }
            return default;
        }
        reader.Skip();
        return default;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
