using System.ComponentModel;
using Lifeline.Cli.Fleet;
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

/// <summary>Fleet <c>sensors NODERANGE</c>.</summary>
public sealed class FleetSensorsCommand : AsyncCommand<NoderangeSettings>
{
    private readonly FleetOperationRunner _runner;

    public FleetSensorsCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public override Task<int> ExecuteAsync(CommandContext context, NoderangeSettings settings, CancellationToken cancellationToken) =>
        _runner.RunAsync("sensors", "sensors", new OperationBody(settings.Noderange), settings, ResultViews.Sensors, cancellationToken);
}

/// <summary>Fleet <c>health NODERANGE [--cached]</c>.</summary>
public sealed class FleetHealthCommand : AsyncCommand<FleetHealthCommand.Settings>
{
    private readonly FleetOperationRunner _runner;

    public FleetHealthCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandOption("--cached")]
        [Description("Show the last known health from the service (no BMC is asked; no reasons).")]
        public bool Cached { get; set; }
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

        return await _runner.RunAsync("health", "health", new OperationBody(settings.Noderange), settings, FleetResultViews.Health, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Fleet <c>events NODERANGE [--clear]</c>: the BMCs' event logs (SEL, or the Redfish log service).</summary>
public sealed class FleetEventsCommand : AsyncCommand<FleetEventsCommand.Settings>
{
    private readonly FleetOperationRunner _runner;

    public FleetEventsCommand(FleetOperationRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : NoderangeSettings
    {
        [CommandOption("--clear")]
        [Description("Erase the event logs instead of listing them.")]
        public bool Clear { get; set; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
