using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary>
/// Reads a rule body for <c>rules set NAME --file rule.json|rule.yaml</c>: JSON as it is, or YAML turned into the
/// same JSON (plain scalars that read as true/false, null, or a number become those; quoted ones stay text).
/// </summary>
public static class RuleFile
{
    /// <exception cref="UsageException">The file is missing, unreadable, or not one object.</exception>
    public static JsonObject Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--file {path}: {e.Message}");
        }

        bool yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        return yaml ? FromYaml(text, path) : FromJson(text, path);
    }

    /// <summary>JSON text → the object.</summary>
    public static JsonObject FromJson(string text, string path)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new UsageException($"--file {path}: expected one JSON object (the rule's fields: kind, severity, sensor, below, …)");
        }
        catch (JsonException e)
        {
            throw new UsageException($"--file {path} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>YAML text → the object.</summary>
    public static JsonObject FromYaml(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new UsageException($"--file {path} is not valid YAML: {e.Message}");
        }

        return stream.Documents.Count == 1 && Convert(stream.Documents[0].RootNode) is JsonObject rule
            ? rule
            : throw new UsageException($"--file {path}: expected one YAML mapping (the rule's fields: kind, severity, sensor, below, …)");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create((c.Key as YamlScalarNode)?.Value ?? c.Key.ToString(), Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
