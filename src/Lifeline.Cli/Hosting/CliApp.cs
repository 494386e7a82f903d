using Lifeline.Drivers;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Commands;
using Lifeline.Cli.Commands.Consoles;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Commands.Monitoring;
using Lifeline.Cli.Consoles;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Hosting;

/// <summary>
/// Builds and runs the <c>lifeline</c> command tree. Program.cs and tests call <see cref="RunAsync"/> with a service
/// collection; whatever it already holds (a real <see cref="IBmcBackend"/>, a fake terminal) wins over the defaults.
/// </summary>
public static class CliApp
{
    /// <summary>
    /// Adds the CLI's services, each only if not registered yet: the backend and simulator host (unconfigured
    /// stand-ins that fail with "not-implemented"), the system terminal and environment, the system clock and the fan-out.
    /// </summary>
    public static IServiceCollection AddLifelineCli(this IServiceCollection services)
    {
        services.TryAddSingleton<UnconfiguredBackend>();
        services.TryAddSingleton<IBmcBackend>(sp => sp.GetRequiredService<UnconfiguredBackend>());
        services.TryAddSingleton<ISimulatorHost>(sp => sp.GetRequiredService<UnconfiguredBackend>());
        services.TryAddSingleton<ITerminal, SystemTerminal>();
        services.TryAddSingleton<IConsoleTerminal, SystemConsoleTerminal>();
        services.TryAddSingleton<IEnvironment, ProcessEnvironment>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FailureClassifier(sp.GetRequiredService<IBmcBackend>()));
        services.TryAddSingleton(sp => new FanOutRunner(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<FailureClassifier>()));
        services.TryAddSingleton<VerbRunner>();
        services.TryAddSingleton<FleetHttp>();
        services.TryAddSingleton<FleetClientFactory>();
        services.TryAddSingleton<FleetOperationRunner>();
        return services;
    }

    /// <summary>
    /// Runs one command line. Usage errors (bad option, URL, range, missing password) print one message and return
    /// <see cref="ExitCodes.Usage"/>; a failed call to the fleet service prints what happened and what to do, and
    /// returns its <see cref="FleetRequestException.ExitCode"/>; unexpected exceptions print one line (the stack
    /// trace only with <c>--debug</c>) and return <see cref="ExitCodes.SomeFailed"/>. The shared verbs go to fleet
    /// mode or direct mode by <see cref="ModeRouting"/>.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IServiceCollection services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        args = ModeRouting.Route(args, ValueOptions);
        services.AddLifelineCli();
        var terminal = (ITerminal?)services.LastOrDefault(d => d.ServiceType == typeof(ITerminal))?.ImplementationInstance ?? new SystemTerminal();
        services.Replace(ServiceDescriptor.Singleton(terminal));
        bool debug = args.Contains("--debug", StringComparer.Ordinal);
        if (FindOptionWithoutValue(args) is { } option)
        {
            await terminal.Error.WriteLineAsync($"lifeline: {option} needs a value").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        bool wantsHelp = args.Any(a => a is "-h" or "--help" or "-?" or "-v" or "--version");
        bool commandMissing = !wantsHelp && (args.Count == 0 || (args.Count(a => !a.StartsWith('-')) == 1 && Branches.Contains(args[0])));

        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("lifeline");
            config.UseStrictParsing();
            config.UseAssemblyInformationalVersion();
            config.ConfigureConsole(CreateConsole(terminal.Out, terminal.IsOutputInteractive));
            config.SetExceptionHandler((exception, _) => HandleException(exception, terminal, debug));
            config.CancellationExitCode(ExitCodes.Cancelled);
            Configure(config);
        });

        if (commandMissing)
        {
            // `lifeline` or `lifeline power` alone: show what could follow, and fail like any other usage error.
            await app.RunAsync([.. args.Where(a => !a.StartsWith('-')), "--help"], cancellationToken).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await app.RunAsync(args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The commands that only group subcommands.</summary>
    private static readonly string[] Branches =
        ["power", "boot", "sel", "bmc", "firmware", "media", "bios", "events", ModeRouting.FleetBranch, "nodes", "groups", "credentials", "users", "tokens", "alerts", "rules"];

    /// <summary>Every option attribute of the settings classes.</summary>
    private static readonly CommandOptionAttribute[] AllOptions = typeof(CliApp).Assembly.GetTypes()
        .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
        .SelectMany(t => t.GetProperties())
        .Select(p => p.GetCustomAttributes(typeof(CommandOptionAttribute), inherit: true).OfType<CommandOptionAttribute>().FirstOrDefault())
        .OfType<CommandOptionAttribute>()
        .ToArray();

    /// <summary>
    /// Every option that takes a value, from the settings classes' attributes, except names that are a flag in some
    /// other command (<c>sim --redfish</c> is a flag, <c>nodes add --redfish URL</c> takes a value): those commands
    /// check their values themselves.
    /// </summary>
    internal static readonly HashSet<string> ValueOptions = Names(AllOptions.Where(a => a is { ValueName: not null, ValueIsOptional: false }))
        .Except(Names(AllOptions.Where(a => a.ValueName is null)))
        .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Names(IEnumerable<CommandOptionAttribute> options) =>
        options.SelectMany(a => a.LongNames.Select(n => "--" + n).Concat(a.ShortNames.Select(n => "-" + n)));

    /// <summary>
    /// An option that needs a value but is last or followed by another option (<c>--bmc --retries 3</c>). Spectre
    /// 0.57 fills such an option with an internal placeholder instead of failing, so this is checked first.
    /// </summary>
    internal static string? FindOptionWithoutValue(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                return null;
            }

            if (ValueOptions.Contains(args[i])
                && (i + 1 == args.Count || (args[i + 1].StartsWith('-') && !(args[i + 1].Length > 1 && char.IsAsciiDigit(args[i + 1][1])))))
            {
                return args[i];
            }
        }

        return null;
    }

    internal static IAnsiConsole CreateConsole(TextWriter writer, bool interactive) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
    });

    private static int HandleException(Exception exception, ITerminal terminal, bool debug)
    {
        if (exception is CommandAppException { Pretty: { } pretty })
        {
            // Spectre's parse errors point at the offending argument; show them as they are.
            CreateConsole(terminal.Error, terminal.IsErrorInteractive).Write(pretty);
            return ExitCodes.Usage;
        }

        if (exception is CommandAppException)
        {
            // Spectre's own validation and value conversion (--timeout soon): the inner exception says what failed.
            string detail = exception.InnerException is { } cause && !exception.Message.Contains(cause.Message, StringComparison.Ordinal)
                ? $": {cause.Message}"
                : "";
            terminal.Error.WriteLine($"lifeline: {exception.Message}{detail}");
            return ExitCodes.Usage;
        }

        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        if (inner is UsageException)
        {
            terminal.Error.WriteLine($"lifeline: {inner.Message}");
            return ExitCodes.Usage;
        }

        if (inner is FleetRequestException fleet)
        {
            terminal.Error.WriteLine(debug ? $"lifeline: {fleet.Describe()}\n{fleet}" : $"lifeline: {fleet.Describe()}");
            return fleet.ExitCode;
        }

        if (inner is OperationCanceledException)
        {
            terminal.Error.WriteLine("lifeline: interrupted");
            return ExitCodes.Cancelled;
        }

        terminal.Error.WriteLine(debug
            ? $"lifeline: unexpected error: {inner}"
            : $"lifeline: unexpected error: {FailureClassifier.OneLine(inner.Message)} ({inner.GetType().Name}; rerun with --debug for details)");
        return ExitCodes.SomeFailed;
    }

    /// <summary>The command tree.</summary>
    internal static void Configure(IConfigurator config)
    {
        config.AddBranch("power", power =>
        {
            power.SetDescription("Read or change the chassis power state. Fleet mode: power NODERANGE [[ACTION]] (lifeline fleet --help).");
            power.AddCommand<PowerCommand>("status").WithData(PowerAction.Status).WithDescription("Show whether each node is on or off.")
                .WithExample("power", "status", "--bmc", "ipmi://admin@10.0.1.[1-250]");
            power.AddCommand<PowerCommand>("on").WithData(PowerAction.On).WithDescription("Power on.");
            power.AddCommand<PowerCommand>("off").WithData(PowerAction.Off).WithDescription("Power off at once (no OS shutdown; see soft).");
            power.AddCommand<PowerCommand>("cycle").WithData(PowerAction.Cycle).WithDescription("Power off, then on again.");
            power.AddCommand<PowerCommand>("reset").WithData(PowerAction.Reset).WithDescription("Hard reset.");
            power.AddCommand<PowerCommand>("soft").WithData(PowerAction.Soft).WithDescription("Ask the OS to shut down (ACPI).");
            power.AddCommand<PowerCommand>("diag").WithData(PowerAction.Diag).WithDescription("Send a diagnostic interrupt (NMI).");
        });

        config.AddBranch("boot", boot =>
        {
            boot.SetDescription("Read or set the boot device override. Fleet mode: boot NODERANGE DEVICE|status.");
            boot.AddCommand<BootStatusCommand>("status").WithDescription("Show the boot device override in effect.");
            boot.AddCommand<BootSetCommand>("pxe").WithData(BootDevice.Pxe).WithDescription("Boot from the network (PXE).")
                .WithExample("boot", "pxe", "--efi", "--bmc", "ipmi://admin@node[01-40]");
            boot.AddCommand<BootSetCommand>("disk").WithData(BootDevice.Disk).WithDescription("Boot from the default hard disk.");
            boot.AddCommand<BootSetCommand>("cdrom").WithData(BootDevice.Cdrom).WithDescription("Boot from CD/DVD.");
            boot.AddCommand<BootSetCommand>("bios").WithData(BootDevice.Bios).WithDescription("Boot into BIOS setup.");
            boot.AddCommand<BootSetCommand>("safe").WithData(BootDevice.Safe).WithDescription("Boot from disk in safe mode.");
            boot.AddCommand<BootSetCommand>("diag").WithData(BootDevice.Diag).WithDescription("Boot the diagnostic partition.");
            boot.AddCommand<BootSetCommand>("removable").WithData(BootDevice.Removable).WithDescription("Boot from removable media.");
            boot.AddCommand<BootSetCommand>("none").WithData(BootDevice.None).WithDescription("Clear the override.");
        });

        config.AddCommand<SensorsCommand>("sensors").WithDescription("Read every sensor. Fleet mode: sensors NODERANGE.")
            .WithExample("sensors", "--bmc", "ipmi://admin@10.0.1.5", "-o", "json");

        config.AddBranch("sel", sel =>
        {
            sel.SetDescription("The System Event Log.");
            sel.AddCommand<SelListCommand>("list").WithDescription("List the events.");
            sel.AddCommand<SelClearCommand>("clear").WithDescription("Erase the log.");
        });

        config.AddCommand<InventoryCommand>("inventory").WithDescription("Read the FRU inventory (chassis, board, product). Fleet mode: inventory NODERANGE.");

        config.AddBranch("bmc", bmc =>
        {
            bmc.SetDescription("The BMC itself. Fleet mode: bmc NODERANGE info.");
            bmc.AddCommand<BmcInfoCommand>("info").WithDescription("Firmware and IPMI version, manufacturer, product (-o json adds the system GUID).");
            bmc.AddCommand<BmcResetCommand>("reset").WithDescription("Reset the BMC (--warm or --cold); the host keeps running.");
        });

        config.AddCommand<IdentifyCommand>("identify").WithDescription("Light the chassis identify LED. Fleet mode: identify NODERANGE.")
            .WithExample("identify", "--seconds", "60", "--bmc", "ipmi://admin@node07");

        config.AddBranch("firmware", firmware =>
        {
            firmware.SetDescription("Firmware inventory and updates (Redfish).");
            firmware.AddCommand<FirmwareListCommand>("list").WithDescription("List firmware components and versions.");
            firmware.AddCommand<FirmwareUpdateCommand>("update").WithDescription("Update firmware from a URL (SimpleUpdate) or a file (upload); follows the task to its end.")
                .WithExample("firmware", "update", "--image", "http://repo/bmc-2.1.bin", "--bmc", "redfish://admin@bmc07");
        });

        config.AddBranch("media", media =>
        {
            media.SetDescription("Virtual media (Redfish).");
            media.AddCommand<MediaInsertCommand>("insert").WithDescription("Mount an image (URL) as a virtual CD/DVD.");
            media.AddCommand<MediaEjectCommand>("eject").WithDescription("Eject every inserted virtual medium.");
        });

        config.AddBranch("bios", bios =>
        {
            bios.SetDescription("BIOS attributes (Redfish).");
            bios.AddCommand<BiosGetCommand>("get").WithDescription("Show the BIOS attributes (or one) and any pending changes.");
            bios.AddCommand<BiosSetCommand>("set").WithDescription("Set attributes (ATTR=VALUE...); they apply at the next reset.")
                .WithExample("bios", "set", "BootMode=Uefi", "--bmc", "redfish://admin@bmc07");
        });

        config.AddBranch("events", events =>
        {
            events.SetDescription("BMC events (Redfish). Fleet mode: events NODERANGE [[--clear]] (the event logs).");
            events.AddCommand<EventsWatchCommand>("watch").WithDescription("Print events as the BMCs send them (SSE) until Ctrl-C, --count or --seconds.");
        });

        config.AddCommand<RawCommand>("raw").WithDescription("Send one raw IPMI request (numbers in hex).")
            .WithExample("raw", "0x06", "0x01", "--bmc", "ipmi://admin@10.0.1.5");

        config.AddCommand<DiscoverCommand>("discover").WithDescription("Find BMCs with an RMCP presence ping (no login).")
            .WithExample("discover", "10.0.1.[1-254]");

        config.AddCommand<ConsoleDirectCommand>("console").WithDescription("A console: console NODE [[--spy|--force]] through the fleet service, console log NODE, " +
            "console list; or one BMC's SOL directly: console --bmc ipmi://USER@HOST. Escape: Ctrl-E c ? (docs/cli.md, Consoles).")
            .WithExample("console", "n7").WithExample("console", "--bmc", "ipmi://admin@10.0.1.5");

        ConfigureFleet(config);

        config.AddCommand<DemoCommand>("demo").WithDescription("Run the fleet service on 127.0.0.1 with a simulated fleet registered in it, until Ctrl-C (the quick tour).");
        config.AddCommand<ServeCommand>("serve").WithDescription("Run the fleet service (REST API, node grains) until SIGTERM or Ctrl-C.");
        config.AddCommand<SimCommand>("sim").WithDescription("Run a simulated fleet of BMCs until Ctrl-C.")
            .WithExample("sim", "--nodes", "500");
    }

    /// <summary>Fleet mode: the commands that talk to the fleet service (docs/cli.md, "Fleet mode").</summary>
    private static void ConfigureFleet(IConfigurator config)
    {
        config.AddBranch(ModeRouting.FleetBranch, fleet =>
        {
            fleet.SetDescription("Fleet mode: operations over a NODERANGE through the lifeline service. Reached without 'fleet' too: " +
                "a shared verb (power, boot, sensors, events, inventory, bmc, identify) without --bmc/--bmc-file whose first word is not a " +
                "direct subcommand takes a noderange (lifeline power 'rack1,-n7' off).");
            fleet.AddCommand<FleetPowerCommand>("power").WithDescription("Power state of nodes: status (default), on, off, cycle, reset, soft, diag; --cached reads the last known state.")
                .WithExample("power", "n[1-20]", "on").WithExample("power", "rack1", "--cached");
            fleet.AddCommand<FleetBootCommand>("boot").WithDescription("Set the next boot device (pxe, disk, cdrom, bios, safe, diag, removable, none), or show it (status).")
                .WithExample("boot", "rack1", "pxe", "--efi");
            fleet.AddCommand<FleetSensorsCommand>("sensors").WithDescription("Read every sensor of the nodes; --history 1h shows the monitor's stored readings (min/avg/max, sparkline).")
                .WithExample("sensors", "n1").WithExample("sensors", "rack1", "--history", "1h", "--sensor", "Fan");
            fleet.AddCommand<FleetHealthCommand>("health").WithDescription("The monitor's view of node health (ok, warning, critical, unknown): paths, reasons, rollup; " +
                "exit status 1 when a node is critical. --live reads the BMCs now; --cached the last known level.")
                .WithExample("health", "rack1").WithExample("health", "all", "--by", "site").WithExample("health", "n7", "--live");
            fleet.AddCommand<FleetEventsCommand>("events").WithDescription("The BMCs' event logs (--clear erases them); --stored, --since or --follow: the monitor's stored events.")
                .WithExample("events", "n7").WithExample("events", "rack1", "--since", "1h", "--severity", "warning").WithExample("events", "all", "--follow");
            fleet.AddCommand<FleetInventoryCommand>("inventory").WithDescription("Hardware inventory (FRU, or the Redfish system).").WithExample("inventory", "n[1-4]");
            fleet.AddCommand<FleetBmcCommand>("bmc").WithDescription("bmc NODERANGE info: firmware, protocol version, manufacturer.").WithExample("bmc", "rack1", "info");
            fleet.AddCommand<FleetIdentifyCommand>("identify").WithDescription("Light the identify LED (--seconds N, --on, --off).").WithExample("identify", "n7", "--seconds", "60");
            fleet.AddBranch("console", console =>
            {
                console.SetDescription("Node consoles through the fleet service: console NODE attaches (Ctrl-E c ? for the escape commands).");
                console.SetDefaultCommand<ConsoleAttachCommand>();
                console.AddCommand<ConsoleLogCommand>("log").WithDescription("The node's logged console output (--since, --until, --grep, --limit).")
                    .WithExample("console", "log", "n7", "--since", "1h", "--grep", "panic");
                console.AddCommand<ConsoleListCommand>("list").WithDescription("Consoles: method, logging, connection, writer, viewers.").WithExample("console", "list", "rack1");
            });
            fleet.AddCommand<StateCommand>("state").WithDescription("The last known state of every node (no BMC is asked).").WithExample("state", "rack1");
        });

        config.AddCommand<LoginCommand>("login").WithDescription("Log in to the fleet service and store the token (~/.config/lifeline/config.json, mode 0600).")
            .WithExample("login", "http://mgmt1:8600", "--user", "alice");
        config.AddCommand<LogoutCommand>("logout").WithDescription("Revoke the stored token and delete it.");
        config.AddCommand<WhoAmICommand>("whoami").WithDescription("Who the fleet service takes you for: user, grants, token.");

        config.AddBranch("nodes", nodes =>
        {
            nodes.SetDescription("The fleet's inventory of nodes.");
            nodes.AddCommand<NodesListCommand>("list").WithDescription("List nodes (all, or a noderange).").WithExample("nodes", "list", "rack1");
            nodes.AddCommand<NodesShowCommand>("show").WithDescription("Show one node.");
            nodes.AddCommand<NodesAddCommand>("add").WithDescription("Add a node.")
                .WithExample("nodes", "add", "n1", "--ipmi", "ipmi://admin@10.0.1.1", "--groups", "rack1,compute", "--credential", "bmc", "--attr", "os=debian");
            nodes.AddCommand<NodesSetCommand>("set").WithDescription("Change fields of nodes (only those given; --attr KEY= removes an attribute).")
                .WithExample("nodes", "set", "n[1-20]", "--groups", "rack2");
            nodes.AddCommand<NodesRemoveCommand>("remove").WithDescription("Remove nodes from the inventory.");
            nodes.AddCommand<NodesImportCommand>("import").WithDescription("Import a YAML or CSV inventory file (all or nothing).").WithExample("nodes", "import", "fleet.yaml");
            nodes.AddCommand<NodesExportCommand>("export").WithDescription("Write the inventory as YAML or CSV.").WithExample("nodes", "export", "--format", "csv");
        });

        config.AddBranch("groups", groups =>
        {
            groups.SetDescription("Node groups: members inherit attributes and the BMC credential.");
            groups.AddCommand<GroupsListCommand>("list").WithDescription("List groups with their members.");
            groups.AddCommand<GroupsShowCommand>("show").WithDescription("Show one group.");
            groups.AddCommand<GroupsSetCommand>("set").WithDescription("Create a group or change it (fields not given are kept).")
                .WithExample("groups", "set", "rack1", "--credential", "bmc", "--attr", "site=north");
            groups.AddCommand<GroupsRemoveCommand>("remove").WithDescription("Remove a group's definition.");
        });

        config.AddBranch("credentials", credentials =>
        {
            credentials.SetDescription("Stored BMC credentials (passwords are never shown).");
            credentials.AddCommand<CredentialsListCommand>("list").WithDescription("List credentials.");
            credentials.AddCommand<CredentialsSetCommand>("set").WithDescription("Store a credential (password from LIFELINE_BMC_PASSWORD, or a prompt).")
                .WithExample("credentials", "set", "bmc", "--user", "admin");
            credentials.AddCommand<CredentialsRemoveCommand>("remove").WithDescription("Remove a credential.");
        });

        config.AddBranch("users", users =>
        {
            users.SetDescription("Users of the fleet service and their roles.");
            users.AddCommand<UsersListCommand>("list").WithDescription("List users.");
            users.AddCommand<UsersShowCommand>("show").WithDescription("Show one user.");
            users.AddCommand<UsersAddCommand>("add").WithDescription("Add a user (password from LIFELINE_USER_PASSWORD, or a prompt).")
                .WithExample("users", "add", "alice", "--role", "operator:rack1", "--role", "viewer");
            users.AddCommand<UsersSetCommand>("set").WithDescription("Change a user's roles, password, or state.");
            users.AddCommand<UsersRemoveCommand>("remove").WithDescription("Remove a user.");
        });

        config.AddBranch("tokens", tokens =>
        {
            tokens.SetDescription("API tokens (for scripts: LIFELINE_TOKEN).");
            tokens.AddCommand<TokensListCommand>("list").WithDescription("List your tokens (admins: --user NAME or --all).");
            tokens.AddCommand<TokensCreateCommand>("create").WithDescription("Create a token and print it once.")
                .WithExample("tokens", "create", "--name", "ci", "--role", "viewer", "--ttl-hours", "720");
            tokens.AddCommand<TokensRevokeCommand>("revoke").WithDescription("Revoke a token by id.");
        });

        config.AddCommand<AuditCommand>("audit").WithDescription("The audit log, newest first.")
            .WithExample("audit", "--since", "1h", "--action", "power");

        config.AddBranch("alerts", alerts =>
        {
            alerts.SetDescription("Alerts raised by the monitor's rules: list, acknowledge, resolve, silence.");
            alerts.AddCommand<AlertsListCommand>("list").WithDescription("List alerts, newest first (default: open ones).")
                .WithExample("alerts", "list").WithExample("alerts", "list", "rack1", "--state", "all", "--severity", "critical");
            alerts.AddCommand<AlertsChangeCommand>("ack").WithData("ack").WithDescription("Acknowledge alerts: they stay open but stop re-notifying.")
                .WithExample("alerts", "ack", "12", "13", "--comment", "replacing the fan");
            alerts.AddCommand<AlertsChangeCommand>("resolve").WithData("resolve").WithDescription("Resolve alerts by hand (they reopen if the condition comes back).")
                .WithExample("alerts", "resolve", "12", "--comment", "fan replaced");
            alerts.AddCommand<AlertsSilenceCommand>("silence").WithDescription("Silence the alerts of nodes (or --all) for a while: still recorded, nobody notified.")
                .WithExample("alerts", "silence", "rack1", "--for", "2h", "--comment", "rack1 maintenance");
            alerts.AddCommand<AlertsSilencesCommand>("silences").WithDescription("List the silences.");
            alerts.AddCommand<AlertsUnsilenceCommand>("unsilence").WithDescription("End a silence now.").WithExample("alerts", "unsilence", "7");
        });

        config.AddBranch("rules", rules =>
        {
            rules.SetDescription("Alert rules: thresholds, trends, events, console patterns, reachability.");
            rules.AddCommand<RulesListCommand>("list").WithDescription("List the rules (built-in ones marked).");
            rules.AddCommand<RulesShowCommand>("show").WithDescription("Show one rule.").WithExample("rules", "show", "fan-low");
            rules.AddCommand<RulesSetCommand>("set").WithDescription("Create a rule or change the fields given (or --file rule.json|yaml with the whole rule).")
                .WithExample("rules", "set", "fan-low", "--kind", "threshold", "--sensor", "Fan", "--below", "2000", "--severity", "warning", "--for", "5m")
                .WithExample("rules", "set", "fan-low", "--disable");
            rules.AddCommand<RulesRemoveCommand>("remove").WithDescription("Remove a rule (built-in rules can only be disabled).");
        });
    }
}
