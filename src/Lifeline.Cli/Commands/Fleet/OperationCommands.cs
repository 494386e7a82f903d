using System.ComponentModel;
using Lifeline.Cli.Commands.Monitoring;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary>Fleet <c>power NODERANGE [status|on|off|cycle|reset|soft|diag] [--cached]</c>.</summary>
public sealed class FleetPowerCommand : AsyncCommand<FleetPowerCommand.Settings>
{
    private static readonly string[] Actions = ["status", "on", "off", "cycle", "reset", "soft", "diag"];

    private readonly FleetOperationRunner _runner;

    public FleetPowerCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandArgument(1, "[ACTION]")]
        [Description("status (default), on, off, cycle, reset, soft or diag.")]
        public string Action { get; set; } = "status";

        [CommandOption("--cached")]
        [Description("Show the last known power state from the service (no BMC is asked; status only).")]
        public bool Cached { get; set; }

        public override ValidationResult Validate()
        {
            if (!Actions.Contains(Action.ToLowerInvariant()))
            {
                return ValidationResult.Error($"power action '{Action}': expected {string.Join(", ", Actions)}");
            }

            if (Cached && !Action.Equals("status", StringComparison.OrdinalIgnoreCase))
            {
                return ValidationResult.Error("--cached shows the last known state; it cannot act (drop --cached to power nodes " + Action.ToLowerInvariant() + ")");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string action = settings.Action.ToLowerInvariant();
        if (settings.Cached)
        {
            var states = await StateCommand.LoadAsync(_runner, settings.Noderange, settings, cancellationToken).ConfigureAwait(false);
            return await _runner.PresentAsync("power status --cached", settings.Noderange,
                states.Select((s, i) => CachedState.Power(i, s)).ToList(), settings, ResultViews.Power).ConfigureAwait(false);
        }

        return await _runner.RunAsync($"power {action}", "power", new OperationBody(settings.Noderange, Action: action), settings, ResultViews.Power, cancellationToken)
            .ConfigureAwait(false);
    }
}

/// <summary>Fleet <c>boot NODERANGE DEVICE [--persistent] [--efi]</c> and <c>boot NODERANGE status</c>.</summary>
public sealed class FleetBootCommand : AsyncCommand<FleetBootCommand.Settings>
{
    private readonly FleetOperationRunner _runner;

    public FleetBootCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandArgument(1, "<DEVICE>")]
        [Description("status (show the override), or the device for the next boot: pxe, disk, cdrom, bios, safe, diag, removable, none.")]
        public string Device { get; set; } = "";

        [CommandOption("--persistent")]
        [Description("Keep this boot device for all future boots, not just the next one.")]
        public bool Persistent { get; set; }

        [CommandOption("--efi")]
        [Description("Request an EFI boot instead of legacy BIOS.")]
        public bool Efi { get; set; }

        public override ValidationResult Validate()
        {
            string device = Device.ToLowerInvariant();
            if (device != "status" && !Enum.GetNames<BootDevice>().Any(n => n.Equals(device, StringComparison.OrdinalIgnoreCase)))
            {
                return ValidationResult.Error($"boot device '{Device}': expected status or one of {string.Join(", ", Enum.GetValues<BootDevice>().Select(ResultViews.Word))}");
            }

            if (device == "status" && (Persistent || Efi))
            {
                return ValidationResult.Error("boot NODERANGE status reads the override; --persistent and --efi go with a device");
            }

            return base.Validate();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string device = settings.Device.ToLowerInvariant();
        return device == "status"
            ? _runner.RunAsync("boot status", "boot-status", new OperationBody(settings.Noderange), settings, ResultViews.Boot, cancellationToken)
            : _runner.RunAsync($"boot {device}", "boot", new OperationBody(settings.Noderange, Device: device, Persistent: settings.Persistent, Efi: settings.Efi),
                settings, ResultViews.Boot, cancellationToken);
    }
}

/// <summary>Fleet <c>sensors NODERANGE [--history 1h [--sensor TEXT] [--resolution auto|raw|5m]]</c>.</summary>
public sealed class FleetSensorsCommand : AsyncCommand<FleetSensorsCommand.Settings>
{
    private readonly FleetOperationRunner _runner;
    private readonly ITerminal _terminal;

    public FleetSensorsCommand(FleetOperationRunner runner, ITerminal terminal)
    {
        _runner = runner;
        _terminal = terminal;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandOption("--history <DURATION>")]
        [Description("Show the monitor's stored readings over this long (90s, 15m, 1h, 7d) as min/avg/max and a sparkline, instead of reading the BMCs now.")]
        public string? History { get; set; }

        [CommandOption("--sensor <TEXT>")]
        [Description("With --history: only sensors whose name contains this (any case), or of this type (Fan, Temperature).")]
        public string? Sensor { get; set; }

        [CommandOption("--resolution <RES>")]
        [Description("With --history: auto (default: the service picks raw or 5-minute rollups by the span), raw or 5m.")]
        public string? Resolution { get; set; }

        [CommandOption("--width <N>")]
        [Description("With --history: the sparkline's most characters (default: fitted to the terminal, 40 when not a terminal).")]
        public int? Width { get; set; }

        public override ValidationResult Validate()
        {
            if (History is null && (Sensor is not null || Resolution is not null || Width is not null))
            {
                return ValidationResult.Error("--sensor, --resolution and --width go with --history DURATION (e.g. sensors n1 --history 1h --sensor Fan)");
            }

            if (Width is < 1 or > 1000)
            {
                return ValidationResult.Error($"--width {Width}: expected 1 to 1000");
            }

            return base.Validate();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.History is not { } history)
        {
            return _runner.RunAsync("sensors", "sensors", new OperationBody(settings.Noderange), settings, ResultViews.Sensors, cancellationToken);
        }

        var span = MonitoringArgs.ParseDuration(history, "--history");
        string resolution = MonitoringArgs.OneOf(settings.Resolution, "--resolution", MonitoringArgs.Resolutions) ?? "auto";
        return SensorHistory.RunAsync(_runner.Clients, _terminal, settings.Noderange, span, settings.Sensor, resolution, settings.Width, settings, cancellationToken);
    }
}

/// <summary>
/// Fleet <c>health NODERANGE [--by group|site] [--live|--cached]</c>: the monitor's view by default; <c>--live</c>
/// reads the BMCs now, <c>--cached</c> shows the last known level.
/// </summary>
public sealed class FleetHealthCommand : AsyncCommand<FleetHealthCommand.Settings>
{
    private readonly FleetOperationRunner _runner;
    private readonly ITerminal _terminal;

    public FleetHealthCommand(FleetOperationRunner runner, ITerminal terminal)
    {
        _runner = runner;
        _terminal = terminal;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandOption("--cached")]
        [Description("Show the last known health from the service (no BMC is asked; no reasons).")]
        public bool Cached { get; set; }

        [CommandOption("--live")]
        [Description("Read every node's BMC now (sensors and thresholds) instead of showing the monitor's view.")]
        public bool Live { get; set; }

        [CommandOption("--by <GROUPING>")]
        [Description("The monitor's rollup: by group (default) or site.")]
        public string? By { get; set; }

        public override ValidationResult Validate()
        {
            if (Cached && Live)
            {
                return ValidationResult.Error("choose one of --live (read the BMCs now) and --cached (the last known level)");
            }

            if (By is not null && (Cached || Live))
            {
                return ValidationResult.Error("--by goes with the monitor's view (drop --live/--cached)");
            }

            if (By is not null && By.ToLowerInvariant() is not ("group" or "site"))
            {
                return ValidationResult.Error($"--by '{By}': expected group or site");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Cached)
        {
            var states = await StateCommand.LoadAsync(_runner, settings.Noderange, settings, cancellationToken).ConfigureAwait(false);
            return await _runner.PresentAsync("health --cached", settings.Noderange,
                states.Select((s, i) => CachedState.Health(i, s)).ToList(), settings, FleetResultViews.Health).ConfigureAwait(false);
        }

        if (settings.Live)
        {
            return await _runner.RunAsync("health", "health", new OperationBody(settings.Noderange), settings, FleetResultViews.Health, cancellationToken).ConfigureAwait(false);
        }

        return await MonitorHealth.RunAsync(_runner.Clients, _terminal, settings.Noderange, settings.By?.ToLowerInvariant() ?? "group", settings, cancellationToken)
            .ConfigureAwait(false);
    }
}

/// <summary>
/// Fleet <c>events NODERANGE [--clear]</c>: the BMCs' event logs (SEL, or the Redfish log service); with
/// <c>--stored</c>, <c>--since</c> or <c>--follow</c>, the monitor's stored events instead.
/// </summary>
public sealed class FleetEventsCommand : AsyncCommand<FleetEventsCommand.Settings>
{
    private readonly FleetOperationRunner _runner;
    private readonly ITerminal _terminal;
    private readonly TimeProvider _time;

    public FleetEventsCommand(FleetOperationRunner runner, ITerminal terminal, TimeProvider time)
    {
        _runner = runner;
        _terminal = terminal;
        _time = time;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandOption("--clear")]
        [Description("Erase the event logs instead of listing them.")]
        public bool Clear { get; set; }

        [CommandOption("--stored")]
        [Description("List the monitor's stored events (all sources) instead of reading the BMCs' logs now.")]
        public bool Stored { get; set; }

        [CommandOption("--since <WHEN>")]
        [Description("Stored events after this: a duration back from now (90s, 30m, 1h, 7d) or a time (2026-05-01T08:00Z).")]
        public string? Since { get; set; }

        [CommandOption("--severity <LEVEL>")]
        [Description("Stored events at least this bad: info, warning or critical.")]
        public string? Severity { get; set; }

        [CommandOption("--grep <TEXT>")]
        [Description("Stored events whose message contains this.")]
        public string? Grep { get; set; }

        [CommandOption("--source <SOURCE>")]
        [Description("Stored events from one source: sel, redfish, console or monitor.")]
        public string? Source { get; set; }

        [CommandOption("--limit <N>")]
        [Description("At most this many stored events (1-10000; with --follow: of the backlog shown first). Default 100.")]
        public int? Limit { get; set; }

        [CommandOption("--follow")]
        [Description("Print the stored events as they arrive until Ctrl-C (the backlog first, oldest first); reconnects when the stream drops.")]
        public bool Follow { get; set; }

        /// <summary>True when the monitor's stored events are asked for.</summary>
        public bool FromMonitor => Stored || Follow || Since is not null;

        public override ValidationResult Validate()
        {
            if (Clear && FromMonitor)
            {
                return ValidationResult.Error("--clear erases the BMCs' logs; it cannot go with --stored, --since or --follow");
            }

            if (!FromMonitor && (Severity is not null || Grep is not null || Source is not null || Limit is not null))
            {
                return ValidationResult.Error("--severity, --grep, --source and --limit filter the monitor's stored events: add --stored, --since DURATION or --follow");
            }

            if (Limit is < 1 or > 10000)
            {
                return ValidationResult.Error($"--limit {Limit}: expected 1 to 10000");
            }

            return base.Validate();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.FromMonitor)
        {
            var query = new StoredEventsQuery(
                settings.Noderange,
                settings.Since is { } since ? MonitoringArgs.When(since, "--since", _time.GetUtcNow()) : null,
                MonitoringArgs.OneOf(settings.Severity, "--severity", MonitoringArgs.Severities),
                settings.Grep,
                MonitoringArgs.OneOf(settings.Source, "--source", MonitoringArgs.Sources),
                settings.Limit ?? 100);
            var events = new StoredEvents(_runner.Clients, _terminal, _time);
            return settings.Follow ? events.FollowAsync(query, settings, cancellationToken) : events.ListAsync(query, settings, cancellationToken);
        }

        return settings.Clear
            ? _runner.RunAsync("events --clear", "events-clear", new OperationBody(settings.Noderange), settings, ResultViews.Action, cancellationToken)
            : _runner.RunAsync("events", "events", new OperationBody(settings.Noderange), settings, ResultViews.Sel, cancellationToken);
    }
}

/// <summary>Fleet <c>inventory NODERANGE</c>.</summary>
public sealed class FleetInventoryCommand : AsyncCommand<NoderangeSettings>
{
    private readonly FleetOperationRunner _runner;

    public FleetInventoryCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, NoderangeSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("inventory", "inventory", new OperationBody(settings.Noderange), settings, ResultViews.Inventory, cancellationToken);
}

/// <summary>Fleet <c>bmc NODERANGE info</c>.</summary>
public sealed class FleetBmcCommand : AsyncCommand<FleetBmcCommand.Settings>
{
    private readonly FleetOperationRunner _runner;

    public FleetBmcCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandArgument(1, "<WHAT>")]
        [Description("info: firmware, protocol version, manufacturer.")]
        public string What { get; set; } = "";

        public override ValidationResult Validate() => What.ToLowerInvariant() switch
        {
            "info" => base.Validate(),
            "reset" => ValidationResult.Error("bmc reset is not offered by the fleet service; reset a BMC directly: lifeline bmc reset --warm --bmc URL"),
            _ => ValidationResult.Error($"bmc '{What}': expected info"),
        };
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("bmc info", "bmc-info", new OperationBody(settings.Noderange), settings, ResultViews.BmcInfo, cancellationToken);
}

/// <summary>Fleet <c>identify NODERANGE [--seconds N | --on | --off]</c>.</summary>
public sealed class FleetIdentifyCommand : AsyncCommand<FleetIdentifyCommand.Settings>
{
    private readonly FleetOperationRunner _runner;

    public FleetIdentifyCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandOption("--seconds <N>")]
        [Description("Light the identify LED for N seconds (1-255). Default: the BMC's own interval.")]
        public int? Seconds { get; set; }

        [CommandOption("--on")]
        [Description("Light it until identify --off.")]
        public bool On { get; set; }

        [CommandOption("--off")]
        [Description("Turn it off.")]
        public bool Off { get; set; }

        public override ValidationResult Validate()
        {
            if ((Seconds is null ? 0 : 1) + (On ? 1 : 0) + (Off ? 1 : 0) > 1)
            {
                return ValidationResult.Error("choose at most one of --seconds, --on and --off");
            }

            if (Seconds is < 1 or > 255)
            {
                return ValidationResult.Error($"--seconds {Seconds}: expected 1 to 255");
            }

            return base.Validate();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var body = settings switch
        {
            { Off: true } => new OperationBody(settings.Noderange, Mode: "off"),
            { On: true } => new OperationBody(settings.Noderange, Mode: "on"),
            { Seconds: { } s } => new OperationBody(settings.Noderange, Mode: "seconds", Seconds: s),
            _ => new OperationBody(settings.Noderange),
        };
        return _runner.RunAsync("identify", "identify", body, settings, ResultViews.Action, cancellationToken);
    }
}
