using Lifeline.Drivers;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Commands;
using Lifeline.Cli.FanOut;
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
        services.TryAddSingleton<IEnvironment, ProcessEnvironment>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FailureClassifier(sp.GetRequiredService<IBmcBackend>()));
        services.TryAddSingleton(sp => new FanOutRunner(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<FailureClassifier>()));
        services.TryAddSingleton<VerbRunner>();
        return services;
    }

    /// <summary>
    /// Runs one command line. Usage errors (bad option, URL, range, missing password) print one message and return
    /// <see cref="ExitCodes.Usage"/>; unexpected exceptions print one line (the stack trace only with
    /// <c>--debug</c>) and return <see cref="ExitCodes.SomeFailed"/>.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IServiceCollection services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
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
    private static readonly string[] Branches = ["power", "boot", "sel", "bmc", "firmware", "media", "bios", "events"];

    /// <summary>Every option that takes a value, from the settings classes' attributes.</summary>
    private static readonly HashSet<string> ValueOptions = typeof(CliApp).Assembly.GetTypes()
        .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
        .SelectMany(t => t.GetProperties())
        .Select(p => p.GetCustomAttributes(typeof(CommandOptionAttribute), inherit: true).OfType<CommandOptionAttribute>().FirstOrDefault())
        .Where(a => a is { ValueName: not null, ValueIsOptional: false })
        .SelectMany(a => a!.LongNames.Select(n => "--" + n).Concat(a.ShortNames.Select(n => "-" + n)))
        .ToHashSet(StringComparer.Ordinal);

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
            power.SetDescription("Read or change the chassis power state.");
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
            boot.SetDescription("Read or set the boot device override.");
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

        config.AddCommand<SensorsCommand>("sensors").WithDescription("Read every sensor.")
            .WithExample("sensors", "--bmc", "ipmi://admin@10.0.1.5", "-o", "json");

        config.AddBranch("sel", sel =>
        {
            sel.SetDescription("The System Event Log.");
            sel.AddCommand<SelListCommand>("list").WithDescription("List the events.");
            sel.AddCommand<SelClearCommand>("clear").WithDescription("Erase the log.");
        });

        config.AddCommand<InventoryCommand>("inventory").WithDescription("Read the FRU inventory (chassis, board, product).");

        config.AddBranch("bmc", bmc =>
        {
            bmc.SetDescription("The BMC itself.");
            bmc.AddCommand<BmcInfoCommand>("info").WithDescription("Firmware and IPMI version, manufacturer, product (-o json adds the system GUID).");
            bmc.AddCommand<BmcResetCommand>("reset").WithDescription("Reset the BMC (--warm or --cold); the host keeps running.");
        });

        config.AddCommand<IdentifyCommand>("identify").WithDescription("Light the chassis identify LED.")
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
            events.SetDescription("BMC events (Redfish).");
            events.AddCommand<EventsWatchCommand>("watch").WithDescription("Print events as the BMCs send them (SSE) until Ctrl-C, --count or --seconds.");
        });

        config.AddCommand<RawCommand>("raw").WithDescription("Send one raw IPMI request (numbers in hex).")
            .WithExample("raw", "0x06", "0x01", "--bmc", "ipmi://admin@10.0.1.5");

        config.AddCommand<DiscoverCommand>("discover").WithDescription("Find BMCs with an RMCP presence ping (no login).")
            .WithExample("discover", "10.0.1.[1-254]");

        config.AddCommand<DemoCommand>("demo").WithDescription("Run the fleet service on 127.0.0.1 with a simulated fleet registered in it, until Ctrl-C (the quick tour).");
        config.AddCommand<ServeCommand>("serve").WithDescription("Run the fleet service (REST API, node grains) until SIGTERM or Ctrl-C.");
        config.AddCommand<SimCommand>("sim").WithDescription("Run a simulated fleet of BMCs until Ctrl-C.")
            .WithExample("sim", "--nodes", "500");
    }
}
