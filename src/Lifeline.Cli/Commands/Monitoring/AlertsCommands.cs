using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Operations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary><c>alerts list [NODERANGE] [--state S] [--severity S] [--rule NAME] [--limit N]</c>: newest first.</summary>
public sealed class AlertsListCommand : AsyncCommand<AlertsListCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public AlertsListCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "[NODERANGE]")]
        [Description("Only alerts of these nodes (default: every node you may see).")]
        public string? Noderange { get; set; }

        [CommandOption("--state <STATE>")]
        [Description("open (default: firing or acknowledged), firing, acknowledged, resolved or all.")]
        public string? State { get; set; }

        [CommandOption("--severity <LEVEL>")]
        [Description("Only alerts at least this bad: info, warning or critical.")]
        public string? Severity { get; set; }

        [CommandOption("--rule <NAME>")]
        [Description("Only alerts of this rule.")]
        public string? Rule { get; set; }

        [CommandOption("--limit <N>")]
        [Description("At most this many alerts (1-1000).")]
        [DefaultValue(100)]
        public int Limit { get; set; } = 100;

        public override ValidationResult Validate() =>
            Limit is < 1 or > 1000 ? ValidationResult.Error($"--limit {Limit}: expected 1 to 1000") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Noderange is { } noderange)
        {
            FleetOperationRunner.CheckSyntax(noderange);
        }

        string path = "alerts?" + MonitoringArgs.QueryString(
            ("state", MonitoringArgs.OneOf(settings.State, "--state", MonitoringArgs.AlertStates) ?? "open"),
            ("noderange", settings.Noderange),
            ("severity", MonitoringArgs.OneOf(settings.Severity, "--severity", MonitoringArgs.Severities)),
            ("rule", settings.Rule),
            ("limit", settings.Limit.ToString(CultureInfo.InvariantCulture)));
        using var client = _clients.Create(settings.TimeoutSpan);
        var alerts = await client.GetAsync<AlertItem[]>(path, cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, alerts);
            return ExitCodes.Ok;
        }

        if (alerts.Length == 0)
        {
            await _terminal.Error.WriteLineAsync("lifeline: no alerts match").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        bool colour = _terminal.IsOutputInteractive;
        ListOutput.Table(_terminal.Out, ["ID", "SEVERITY", "STATE", "NODE", "RULE", "SUBJECT", "LAST SEEN", "COUNT", "SUMMARY"], alerts.Select(a => new[]
        {
            a.Id.ToString(CultureInfo.InvariantCulture), MonitoringArgs.Colour(a.Severity, colour), a.State, a.Node, a.Rule, a.Subject ?? "-",
            CachedState.Time(a.LastSeen), a.Occurrences.ToString(CultureInfo.InvariantCulture), a.Summary,
        }));
        if (alerts.Length == settings.Limit)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: showing the newest {settings.Limit}; raise --limit or narrow with NODERANGE/--severity/--rule for more").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}

/// <summary>Options of <c>alerts ack</c> and <c>alerts resolve</c>.</summary>
public sealed class AlertsChangeSettings : ServiceSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Alert ids (alerts list shows them); several may be given.")]
    public string[] Ids { get; set; } = [];

    [CommandOption("--comment <TEXT>")]
    [Description("Why (kept with the alert and in the audit log).")]
    public string? Comment { get; set; }

    /// <summary>The ids as numbers.</summary>
    /// <exception cref="UsageException">One is not a positive whole number.</exception>
    public IReadOnlyList<long> ParseIds() => [.. Ids.Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
        ? n
        : throw new UsageException($"alert id '{id}': expected a number as shown by lifeline alerts list"))];
}

/// <summary>
/// <c>alerts ack ID… [--comment TEXT]</c> and <c>alerts resolve ID… [--comment TEXT]</c> (which one is the command's
/// data): one line per alert; an alert that fails prints its error and the others go on (exit status 1).
/// </summary>
public sealed class AlertsChangeCommand : AsyncCommand<AlertsChangeSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public AlertsChangeCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, AlertsChangeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        string action = context.Data as string ?? "ack";
        var ids = settings.ParseIds();
        using var client = _clients.Create(settings.TimeoutSpan);
        int failed = 0;
        foreach (long id in ids)
        {
            string shown = id.ToString(CultureInfo.InvariantCulture);
            try
            {
                var alert = await client.SendAsync<AlertItem>(HttpMethod.Post, $"alerts/{shown}/{action}", new AlertCommentBody(settings.Comment), cancellationToken)
                    .ConfigureAwait(false);
                await _terminal.Out.WriteLineAsync(settings.Format == OutputFormat.Json
                    ? JsonSerializer.Serialize(alert, FleetJson.Options)
                    : $"alert {shown} {alert.State}: {alert.Node} {alert.Summary}").ConfigureAwait(false);
            }
            catch (FleetRequestException e) when (ids.Count > 1 && e.Status is >= 400 and < 500 and not 401)
            {
                failed++;
                await _terminal.Error.WriteLineAsync($"lifeline: alert {shown}: {e.Describe()}").ConfigureAwait(false);
            }
        }

        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (failed > 0)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: {failed} of {ids.Count} alerts failed").ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>alerts silence NODERANGE|--all [--rule NAME] --for 2h|--until TIME --comment TEXT</c>.</summary>
public sealed class AlertsSilenceCommand : AsyncCommand<AlertsSilenceCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;
    private readonly TimeProvider _time;

    public AlertsSilenceCommand(FleetClientFactory clients, ITerminal terminal, TimeProvider time)
    {
        _clients = clients;
        _terminal = terminal;
        _time = time;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "[NODERANGE]")]
        [Description("The nodes whose alerts notify nobody for a while (or --all).")]
        public string? Noderange { get; set; }

        [CommandOption("--all")]
        [Description("Every node (needs admin over *).")]
        public bool All { get; set; }

        [CommandOption("--rule <NAME>")]
        [Description("Only this rule's alerts (default: every rule).")]
        public string? Rule { get; set; }

        [CommandOption("--for <DURATION>")]
        [Description("How long: 30m, 2h, 1d.")]
        public string? For { get; set; }

        [CommandOption("--until <TIME>")]
        [Description("Until this time (2026-05-01T18:00Z) instead of --for.")]
        public string? Until { get; set; }

        [CommandOption("--comment <TEXT>")]
        [Description("Why (required: it is shown with the silence).")]
        public string? Comment { get; set; }

        public override ValidationResult Validate()
        {
            if ((Noderange is null) == !All)
            {
                return ValidationResult.Error("name the nodes to silence (alerts silence rack1 …) or give --all, not both");
            }

            if ((For is null) == (Until is null))
            {
                return ValidationResult.Error("say how long: --for DURATION (2h) or --until TIME, one of them");
            }

            if (string.IsNullOrWhiteSpace(Comment))
            {
                return ValidationResult.Error("--comment TEXT is required: say why the alerts are silenced (e.g. --comment 'rack1 maintenance')");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Noderange is { } noderange)
        {
            FleetOperationRunner.CheckSyntax(noderange);
        }

        string? duration = settings.For is { } f ? MonitoringArgs.Query(MonitoringArgs.ParseDuration(f, "--for")) : null;
        DateTimeOffset? endsAt = null;
        if (settings.Until is { } until)
        {
            var now = _time.GetUtcNow();
            endsAt = AuditCommand.ParseWhen(until, "--until", now).ToUniversalTime();
            if (endsAt <= now)
            {
                throw new UsageException($"--until '{until}' is in the past: give a later time, or --for DURATION");
            }
        }

        using var client = _clients.Create(settings.TimeoutSpan);
        var silence = await client.SendAsync<SilenceItem>(HttpMethod.Post, "silences",
            new SilenceBody(settings.Noderange, settings.Rule, duration, endsAt, settings.Comment!.Trim()), cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(settings.Format == OutputFormat.Json
            ? JsonSerializer.Serialize(silence, FleetJson.Options)
            : $"silence {silence.Id.ToString(CultureInfo.InvariantCulture)}: {Describe(silence)} until {CachedState.Time(silence.EndsAt)} (lifeline alerts unsilence {silence.Id.ToString(CultureInfo.InvariantCulture)} ends it)")
            .ConfigureAwait(false);
        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary><c>rack1, rule fan-low</c> / <c>every node, every rule</c>.</summary>
    public static string Describe(SilenceItem silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return $"{silence.Nodes ?? "every node"}, {(silence.Rule is { } rule ? $"rule {rule}" : "every rule")}";
    }
}

/// <summary><c>alerts silences</c>: the silences in effect or to come.</summary>
public sealed class AlertsSilencesCommand : AsyncCommand<ServiceSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public AlertsSilencesCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var silences = await client.GetAsync<SilenceItem[]>("silences", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, silences);
            return ExitCodes.Ok;
        }

        if (silences.Length == 0)
        {
            await _terminal.Error.WriteLineAsync("lifeline: no silences").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["ID", "NODES", "RULE", "STARTS", "ENDS", "BY", "COMMENT"], silences.Select(s => new[]
        {
            s.Id.ToString(CultureInfo.InvariantCulture), s.Nodes ?? "(all)", s.Rule ?? "(all)", CachedState.Time(s.StartsAt), CachedState.Time(s.EndsAt),
            s.CreatedBy, s.Comment ?? "",
        }));
        return ExitCodes.Ok;
    }
}

/// <summary><c>alerts unsilence ID</c>: ends a silence now.</summary>
public sealed class AlertsUnsilenceCommand : AsyncCommand<AlertsUnsilenceCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public AlertsUnsilenceCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The silence's id (alerts silences shows them).")]
        public string Id { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!long.TryParse(settings.Id, NumberStyles.None, CultureInfo.InvariantCulture, out long id) || id < 1)
        {
            throw new UsageException($"silence id '{settings.Id}': expected a number as shown by lifeline alerts silences");
        }

        string shown = id.ToString(CultureInfo.InvariantCulture);
        using var client = _clients.Create(settings.TimeoutSpan);
        await client.SendAsync(HttpMethod.Delete, $"silences/{shown}", null, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"silence {shown} removed").ConfigureAwait(false);
        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
