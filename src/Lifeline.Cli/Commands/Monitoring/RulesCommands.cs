using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Operations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary><c>rules list</c>: every alert rule, built-in ones marked.</summary>
public sealed class RulesListCommand : AsyncCommand<ServiceSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public RulesListCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var rules = await client.GetAsync<RuleItem[]>("rules", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, rules);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["NAME", "KIND", "SEVERITY", "ENABLED", "NODES", "FOR", "CHANNELS", "CONDITION"], rules.Select(r => new[]
        {
            r.Builtin ? $"{r.Name} (built-in)" : r.Name, r.Kind, r.Severity, r.Enabled ? "yes" : "no", r.Nodes ?? "(all)", RuleText.For(r.For),
            r.Channels is { Count: > 0 } channels ? string.Join(',', channels) : "(all)", RuleText.Condition(r),
        }));
        return ExitCodes.Ok;
    }
}

/// <summary><c>rules show NAME</c>: one rule, field by field.</summary>
public sealed class RulesShowCommand : AsyncCommand<RulesShowCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public RulesShowCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The rule (rules list shows them).")]
        public string Name { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var rule = await client.GetAsync<JsonObject>($"rules/{Uri.EscapeDataString(settings.Name)}", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            await _terminal.Out.WriteLineAsync(rule.ToJsonString(FleetJson.Options)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        foreach (var (key, value) in rule)
        {
            if (value is not null)
            {
                await _terminal.Out.WriteLineAsync($"{key}: {RuleText.Value(value)}").ConfigureAwait(false);
            }
        }

        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary>
/// <c>rules set NAME [--kind K] [--sensor S] [--below N] … | --file rule.json|yaml</c>: creates a rule, or changes the
/// fields given of an existing one (the others are kept). <c>--file</c> gives the whole rule instead.
/// </summary>
public sealed class RulesSetCommand : AsyncCommand<RulesSetCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public RulesSetCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The rule's name (letters, digits, '-', '_').")]
        public string Name { get; set; } = "";

        [CommandOption("--file <PATH>")]
        [Description("The whole rule as JSON or YAML (.yaml/.yml), the API's fields: kind, severity, sensor, below, for, channels, …")]
        public string? File { get; set; }

        [CommandOption("--kind <KIND>")]
        [Description("threshold, trend, event, console or reachability (required for a new rule).")]
        public string? Kind { get; set; }

        [CommandOption("--severity <LEVEL>")]
        [Description("The alert's severity: info, warning (default) or critical.")]
        public string? Severity { get; set; }

        [CommandOption("--nodes <NODERANGE>")]
        [Description("Only these nodes ('' for every node).")]
        public string? Nodes { get; set; }

        [CommandOption("--description <TEXT>")]
        [Description("What the rule is for.")]
        public string? Description { get; set; }

        [CommandOption("--sensor <TEXT>")]
        [Description("threshold/trend: sensors whose name contains this (any case).")]
        public string? Sensor { get; set; }

        [CommandOption("--sensor-type <TYPE>")]
        [Description("threshold/trend: sensors of this type (Fan, Temperature, Voltage, …).")]
        public string? SensorType { get; set; }

        [CommandOption("--above <VALUE>")]
        [Description("threshold: fire when the reading is above this.")]
        public double? Above { get; set; }

        [CommandOption("--below <VALUE>")]
        [Description("threshold: fire when the reading is below this.")]
        public double? Below { get; set; }

        [CommandOption("--status <LEVEL>")]
        [Description("threshold: fire when the BMC's own status is at least this bad (warning, critical).")]
        public string? Status { get; set; }

        [CommandOption("--trend <TREND>")]
        [Description("trend: fan-falling, temperature-rising, memory-errors-rising, psu-redundancy-lost or sensor-stale.")]
        public string? Trend { get; set; }

        [CommandOption("--event-severity <LEVEL>")]
        [Description("event: the lowest event severity that fires (info, warning, critical).")]
        public string? EventSeverity { get; set; }

        [CommandOption("--match <REGEX>")]
        [Description("event/console: a regular expression over the message or console line.")]
        public string? Match { get; set; }

        [CommandOption("--path <PATH>")]
        [Description("reachability: bmc (management path lost) or primary (primary path lost while the BMC answers).")]
        public string? Path { get; set; }

        [CommandOption("--for <DURATION>")]
        [Description("Fire only when the condition holds this long (30s, 5m).")]
        public string? For { get; set; }

        [CommandOption("--channel <NAME>")]
        [Description("Notify this channel (repeatable; default: every channel).")]
        public string[] Channels { get; set; } = [];

        [CommandOption("--enable")]
        [Description("Turn the rule on.")]
        public bool Enable { get; set; }

        [CommandOption("--disable")]
        [Description("Turn the rule off (built-in rules cannot be removed, only disabled).")]
        public bool Disable { get; set; }

        /// <summary>True when any field option is given.</summary>
        public bool AnyField => Kind is not null || Severity is not null || Nodes is not null || Description is not null || Sensor is not null
            || SensorType is not null || Above is not null || Below is not null || Status is not null || Trend is not null || EventSeverity is not null
            || Match is not null || Path is not null || For is not null || Channels.Length > 0 || Enable || Disable;

        public override ValidationResult Validate()
        {
            if (Enable && Disable)
            {
                return ValidationResult.Error("choose one of --enable and --disable");
            }

            if (File is not null && AnyField)
            {
                return ValidationResult.Error("--file gives the whole rule; put the other fields in the file (or drop --file)");
            }

            if (File is null && !AnyField)
            {
                return ValidationResult.Error("say what to set: --kind threshold --sensor Fan --below 2000 …, --enable/--disable, or --file rule.yaml");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string path = $"rules/{Uri.EscapeDataString(settings.Name)}";
        using var client = _clients.Create(settings.TimeoutSpan);
        JsonObject body;
        if (settings.File is { } file)
        {
            body = RuleFile.Read(file);
            if (body["name"] is { } named && named.GetValueKind() == JsonValueKind.String && named.GetValue<string>() != settings.Name)
            {
                throw new UsageException($"--file {file} names the rule '{named.GetValue<string>()}', not '{settings.Name}': make them agree");
            }
        }
        else
        {
            body = await ExistingAsync(client, path, cancellationToken).ConfigureAwait(false) ?? [];
            if (body.Count == 0 && settings.Kind is null)
            {
                throw new UsageException($"rule '{settings.Name}' does not exist yet: give --kind threshold|trend|event|console|reachability to create it");
            }

            Apply(body, settings);
        }

        body.Remove("name");
        body.Remove("builtin");
        var rule = await client.SendAsync<RuleItem>(HttpMethod.Put, path, body, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(settings.Format == OutputFormat.Json
            ? JsonSerializer.Serialize(rule, FleetJson.Options)
            : $"rule {rule.Name}: {rule.Kind} {rule.Severity}, {(rule.Enabled ? "enabled" : "disabled")}: {RuleText.Condition(rule)}").ConfigureAwait(false);
        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Puts the options given into <paramref name="body"/> (API field names).</summary>
    public static void Apply(JsonObject body, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(settings);
        Set(body, "kind", MonitoringArgs.OneOf(settings.Kind, "--kind", MonitoringArgs.RuleKinds));
        Set(body, "severity", MonitoringArgs.OneOf(settings.Severity, "--severity", MonitoringArgs.Severities));
        if (settings.Nodes is { } nodes)
        {
            if (nodes.Length > 0)
            {
                FleetOperationRunner.CheckSyntax(nodes);
            }

            body["nodes"] = nodes.Length == 0 ? null : nodes;
        }

        Set(body, "description", settings.Description);
        Set(body, "sensor", settings.Sensor);
        Set(body, "sensor_type", settings.SensorType);
        if (settings.Above is { } above)
        {
            body["above"] = above;
        }

        if (settings.Below is { } below)
        {
            body["below"] = below;
        }

        Set(body, "status", settings.Status);
        Set(body, "trend", settings.Trend);
        Set(body, "event_severity", MonitoringArgs.OneOf(settings.EventSeverity, "--event-severity", MonitoringArgs.Severities));
        Set(body, "match", settings.Match);
        Set(body, "path", settings.Path);
        if (settings.For is { } forText)
        {
            body["for"] = MonitoringArgs.Span(MonitoringArgs.ParseDuration(forText, "--for"));
        }

        if (settings.Channels.Length > 0)
        {
            body["channels"] = new JsonArray([.. settings.Channels.Select(c => (JsonNode?)JsonValue.Create(c))]);
        }

        if (settings.Enable || settings.Disable)
        {
            body["enabled"] = settings.Enable;
        }
    }

    private static void Set(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    private static async Task<JsonObject?> ExistingAsync(FleetClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync<JsonObject>(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FleetRequestException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

/// <summary><c>rules remove NAME</c>.</summary>
public sealed class RulesRemoveCommand : AsyncCommand<RulesShowCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public RulesRemoveCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, RulesShowCommand.Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        await client.SendAsync(HttpMethod.Delete, $"rules/{Uri.EscapeDataString(settings.Name)}", null, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"rule {settings.Name} removed").ConfigureAwait(false);
        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary>How rules read in a table.</summary>
public static class RuleText
{
    /// <summary><c>Fan below 2000</c>, <c>trend fan-falling</c>, <c>event ≥ warning /panic/</c>, <c>path bmc</c>.</summary>
    public static string Condition(RuleItem rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = new List<string>();
        if (rule.Sensor is { } sensor)
        {
            parts.Add($"sensor ~{sensor}");
        }

        if (rule.SensorType is { } type)
        {
            parts.Add($"type {type}");
        }

        if (rule.Above is { } above)
        {
            parts.Add($"above {MonitoringArgs.Number(above)}");
        }

        if (rule.Below is { } below)
        {
            parts.Add($"below {MonitoringArgs.Number(below)}");
        }

        if (rule.Status is { } status)
        {
            parts.Add($"status ≥ {status}");
        }

        if (rule.Trend is { } trend)
        {
            parts.Add($"trend {trend}");
        }

        if (rule.EventSeverity is { } severity)
        {
            parts.Add($"event ≥ {severity}");
        }

        if (rule.Match is { } match)
        {
            parts.Add($"/{match}/");
        }

        if (rule.Path is { } path)
        {
            parts.Add($"path {path}");
        }

        return parts.Count == 0 ? "-" : string.Join(' ', parts);
    }

    /// <summary><c>00:05:00</c> as <c>5m</c>; <c>-</c> for none.</summary>
    public static string For(string? value) =>
        value is not null && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? MonitoringArgs.Query(span)
            : "-";

    /// <summary>A field's value as text: strings bare, lists comma-separated, the rest as JSON.</summary>
    public static string Value(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Array => string.Join(',', node.AsArray().Select(n => n is null ? "null" : Value(n))),
            _ => node.ToJsonString(),
        };
    }
}
