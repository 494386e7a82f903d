using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Lifeline.Fleet.Inventory;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary>The node fields <c>nodes add</c> and <c>nodes set</c> take.</summary>
public class NodeOptions : ServiceSettings
{
    [CommandOption("--ipmi <URL>")]
    [Description("The BMC's IPMI endpoint: ipmi://USER@HOST[[:PORT]] ('' clears it with set).")]
    public string? Ipmi { get; set; }

    [CommandOption("--redfish <URL>")]
    [Description("The BMC's Redfish endpoint: redfish://USER@HOST[[:PORT]] or redfish+http://… ('' clears it with set).")]
    public string? Redfish { get; set; }

    [CommandOption("--groups <LIST>")]
    [Description("Groups, comma-separated, in precedence order (replaces the node's groups; '' for none).")]
    public string? Groups { get; set; }

    [CommandOption("--credential <NAME>")]
    [Description("The stored BMC credential to use (see lifeline credentials list); '' to inherit from a group.")]
    public string? Credential { get; set; }

    [CommandOption("--management <PROTOCOL>")]
    [Description("auto (Redfish when the node has a Redfish URL, else IPMI), ipmi or redfish.")]
    public string? Management { get; set; }

    [CommandOption("--attr <KEY=VALUE>")]
    [Description("An attribute (repeatable); with set, KEY= removes it.")]
    public string[] Attributes { get; set; } = [];

    [CommandOption("--site <SITE>")]
    [Description("Location: site.")]
    public string? Site { get; set; }

    [CommandOption("--rack <RACK>")]
    [Description("Location: rack.")]
    public string? Rack { get; set; }

    [CommandOption("--unit <U>")]
    [Description("Location: the lowest rack unit.")]
    public int? U { get; set; }

    private const string SpectrePlaceholder = "__default_command";

    /// <summary>True when at least one field is given.</summary>
    public bool AnyField => Ipmi is not null || Redfish is not null || Groups is not null || Credential is not null || Management is not null
        || Attributes.Length > 0 || Site is not null || Rack is not null || U is not null;

    public override ValidationResult Validate()
    {
        if (Management is { } m && (!Enum.TryParse<ManagementProtocol>(m, ignoreCase: true, out _) || int.TryParse(m, out _)))
        {
            return ValidationResult.Error($"--management '{Management}': expected auto, ipmi or redfish");
        }

        // Spectre 0.57 fills a value option given without a value with a placeholder; --redfish is also a flag of
        // sim, so CliApp's early check leaves it to this command.
        foreach (var (name, value) in new[] { ("--ipmi", Ipmi), ("--redfish", Redfish) })
        {
            if (value == SpectrePlaceholder)
            {
                return ValidationResult.Error($"{name} needs a value");
            }
        }

        if (Ipmi is { Length: > 0 } ipmi && !ipmi.StartsWith("ipmi://", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"--ipmi '{ipmi}': expected ipmi://USER@HOST[:PORT] ('' clears it)");
        }

        if (Redfish is { Length: > 0 } redfish && !redfish.StartsWith("redfish://", StringComparison.OrdinalIgnoreCase)
            && !redfish.StartsWith("redfish+http://", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"--redfish '{redfish}': expected redfish://USER@HOST[:PORT] or redfish+http://USER@HOST:PORT ('' clears it)");
        }

        if (Attributes.FirstOrDefault(a => a.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad)
        {
            return ValidationResult.Error($"--attr '{bad}': expected KEY=VALUE");
        }

        if (U is < 0 or > 1000)
        {
            return ValidationResult.Error($"--unit {U}: expected a rack unit (0-1000)");
        }

        return base.Validate();
    }

    /// <summary>The attributes as given; a null value for <c>KEY=</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> ParsedAttributes() => [.. Attributes.Select(a =>
    {
        int eq = a.IndexOf('=', StringComparison.Ordinal);
        string value = a[(eq + 1)..];
        return new KeyValuePair<string, string?>(a[..eq].Trim().ToLowerInvariant(), value.Length == 0 ? null : value);
    })];

    /// <summary>The groups list of <c>--groups</c>.</summary>
    public IReadOnlyList<string> ParsedGroups() =>
        [.. (Groups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A new node with these fields.</summary>
    /// <exception cref="UsageException"><c>--attr KEY=</c> (nothing to remove on a new node).</exception>
    public NodeDefinition ToNode(string name)
    {
        var attributes = ParsedAttributes();
        foreach (var (key, value) in attributes)
        {
            if (value is null)
            {
                throw new UsageException($"--attr {key}=: a new node has no attributes to remove; give a value");
            }
        }

        return new NodeDefinition
        {
            Name = name,
            Groups = ParsedGroups(),
            IpmiUrl = Empty(Ipmi),
            RedfishUrl = Empty(Redfish),
            Management = Management is { } m ? Enum.Parse<ManagementProtocol>(m, ignoreCase: true) : ManagementProtocol.Auto,
            Credential = Empty(Credential),
            Location = new Location(Site, Rack, U),
            Attributes = attributes.ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal),
        };
    }

    /// <summary>The <c>PATCH /nodes</c> body: only the fields given; <c>''</c> clears a string, <c>KEY=</c> removes an attribute.</summary>
    public JsonObject ToPatch()
    {
        var patch = new JsonObject();
        if (Groups is not null)
        {
            patch["groups"] = new JsonArray([.. ParsedGroups().Select(g => (JsonNode)JsonValue.Create(g))]);
        }

        if (Ipmi is not null)
        {
            patch["ipmi_url"] = Empty(Ipmi);
        }

        if (Redfish is not null)
        {
            patch["redfish_url"] = Empty(Redfish);
        }

        if (Credential is not null)
        {
            patch["credential"] = Empty(Credential);
        }

        if (Management is { } m)
        {
            patch["management"] = m.ToLowerInvariant();
        }

        if (Site is not null || Rack is not null || U is not null)
        {
            var location = new JsonObject();
            if (Site is not null)
            {
                location["site"] = Empty(Site);
            }

            if (Rack is not null)
            {
                location["rack"] = Empty(Rack);
            }

            if (U is { } u)
            {
                location["u"] = u;
            }

            patch["location"] = location;
        }

        if (Attributes.Length > 0)
        {
            var attributes = new JsonObject();
            foreach (var (key, value) in ParsedAttributes())
            {
                attributes[key] = value;
            }

            patch["attributes"] = attributes;
        }

        return patch;
    }

    /// <summary>Table cell for attributes: <c>os=debian,rack=7</c>.</summary>
    public static string AttributeCell(IReadOnlyDictionary<string, string>? attributes) =>
        attributes is null || attributes.Count == 0 ? "-" : string.Join(",", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));

    /// <summary>Location as <c>site/rack/U7</c>.</summary>
    public static string LocationText(Location? location) => location is null || (location.Site, location.Rack, location.U) is (null, null, null)
        ? "-"
        : $"{location.Site ?? "?"}/{location.Rack ?? "?"}/U{location.U?.ToString(CultureInfo.InvariantCulture) ?? "?"}";

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
