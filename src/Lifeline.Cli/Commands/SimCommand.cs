using Lifeline.Drivers;
using System.ComponentModel;
using System.Globalization;
using System.Net;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Secrets;
using Lifeline.Cli.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>sim</c>: runs a simulated fleet until Ctrl-C. With one <c>--address</c>, node i listens on
/// <c>--port-base</c> + i; with an address range (<c>127.0.1.[1-500]</c>), node i gets address i and the same port.
/// </summary>
public sealed class SimCommand : AsyncCommand<SimCommand.Settings>
{
    /// <summary>The environment variable with the simulated BMCs' password.</summary>
    public const string PasswordVariable = "LIFELINE_SIM_PASSWORD";

    /// <summary>The password when <see cref="PasswordVariable"/> is unset.</summary>
    public const string DefaultPassword = "admin";

    private readonly ISimulatorHost _host;
    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;

    public SimCommand(ISimulatorHost host, ITerminal terminal, IEnvironment environment)
    {
        _host = host;
        _terminal = terminal;
        _environment = environment;
    }

    public sealed class Settings : LifelineSettings
    {
        [CommandOption("--nodes <N>")]
        [Description("How many BMCs to simulate.")]
        [DefaultValue(4)]
        public int Nodes { get; set; } = 4;

        [CommandOption("--address <ADDRESS>")]
        [Description("One address for every node (nodes then count up from --port-base), or a range (127.0.1.[[1-200]]) giving each node its own. Default: node i on 127.0.1.1, 127.0.1.2, … 127.0.2.1 …")]
        public string? Address { get; set; }

        [CommandOption("--port-base <PORT>")]
        [Description("The UDP port (each node on its own address), or the first node's port (one --address). Ports below 1024 need root.")]
        [DefaultValue(623)]
        public int PortBase { get; set; } = 623;

        [CommandOption("--password <PASSWORD>")]
        [Description("The simulated BMCs' admin password (a throwaway test credential; LIFELINE_SIM_PASSWORD also works; default 'admin').")]
        public string? Password { get; set; }

        [CommandOption("--redfish")]
        [Description("Also serve Redfish (HTTPS, self-signed certificate) from every node, backed by the same model as its IPMI face.")]
        public bool Redfish { get; set; }

        [CommandOption("--redfish-port <PORT>")]
        [Description("Redfish port on each node's address (default 443), or the first port with one --address.")]
        public int? RedfishPort { get; set; }

        [CommandOption("--redfish-http")]
        [Description("Serve Redfish over plain HTTP (clients use redfish+http://). For tests only.")]
        public bool RedfishHttp { get; set; }

        [CommandOption("--redfish-mockup <NAME>")]
        [Description("Give every node the shape of a recorded tree: a folder, or a name under shared/redfish-mockups (dmtf-public-rackmount1, openbmc-bmcweb-stock, …).")]
        public string? RedfishMockup { get; set; }

        [CommandOption("--redfish-inventory <FILE>")]
        [Description("Write one redfish:// URL per node here.")]
        public string? RedfishInventory { get; set; }

        [CommandOption("--hang <N>")]
        [Description("Fault: the last N nodes receive but never answer (dead BMCs).")]
        [DefaultValue(0)]
        public int Hang { get; set; }

        [CommandOption("--loss <PERCENT>")]
        [Description("Fault: every BMC drops this percentage of the datagrams it receives.")]
        [DefaultValue(0.0)]
        public double Loss { get; set; }

        [CommandOption("--latency <MS>")]
        [Description("Fault: milliseconds added to every answer.")]
        [DefaultValue(0)]
        public int LatencyMs { get; set; }

        [CommandOption("--session-limit <N>")]
        [Description("Sessions each BMC allows at once (default 4).")]
        public int? SessionLimit { get; set; }

        [CommandOption("--suite0-nodes <N>")]
        [Description("The first N nodes also accept cipher suite 0 (no authentication), as insecure BMCs in the wild do.")]
        [DefaultValue(0)]
        public int Suite0Nodes { get; set; }

        [CommandOption("--user <NAME>")]
        [Description("The user name every simulated BMC accepts. Its password: LIFELINE_SIM_PASSWORD, or 'admin'.")]
        [DefaultValue("admin")]
        public string User { get; set; } = "admin";

        [CommandOption("--inventory <FILE>")]
        [Description("Write the fleet's inventory here: one BMC URL per line, for --bmc-file.")]
        public string? Inventory { get; set; }

        [CommandOption("--fleet-inventory <FILE>")]
        [Description("Write the fleet as an inventory for the service (YAML; CSV when FILE ends in .csv): lifeline nodes import FILE.")]
        public string? FleetInventory { get; set; }

        [CommandOption("--console-port-base <PORT>")]
        [Description("Serve every node's host console on a raw TCP port (like ser2net): node i on its address, port PORT+i.")]
        public int? ConsolePortBase { get; set; }

        [CommandOption("--console-fault <FAULT>")]
        [Description("Console fault: panic (a kernel oops with a call trace, then a panic) or mce (an MCE storm).")]
        public string? ConsoleFault { get; set; }

        [CommandOption("--console-fault-nodes <N>")]
        [Description("How many nodes (the first ones) get the console fault.")]
        [DefaultValue(1)]
        public int ConsoleFaultNodes { get; set; } = 1;

        [CommandOption("--console-fault-after <SECONDS>")]
        [Description("When the console fault happens, in seconds after the fleet is up.")]
        [DefaultValue(10.0)]
        public double ConsoleFaultAfter { get; set; } = 10.0;

        [CommandOption("--console-flood <BYTES_PER_SECOND>")]
        [Description("Every node prints ordinary log lines at this rate (console benchmarks).")]
        [DefaultValue(0)]
        public int ConsoleFlood { get; set; }

        [CommandOption("--scenario <SPEC>")]
        [Description("Degrade some nodes as the fleet starts, NAME:NODES[:key=value,...] (repeatable): fan-degrade (fan=3, rate=120 RPM/min), dimm-degrade (dimm=0, rate=1/h, growth=2/h², uncorrectable-after=HOURS), sensor-stuck (sensor=NAME), psu-fail (psu=1), packet-loss (percent=30), sel-flood (per-minute=60). NODES: sim[0001-0004], node[1-3], all.")]
        public string[] Scenarios { get; set; } = [];

        [CommandOption("--seed <N>")]
        [Description("Seed for simulated readings and faults, to repeat a run.")]
        public int? Seed { get; set; }

        public override ValidationResult Validate()
        {
            if (Nodes is < 1 or > TargetList.MaxTargets)
            {
                return ValidationResult.Error($"--nodes {Nodes}: expected 1 to {TargetList.MaxTargets.ToString("N0", CultureInfo.InvariantCulture)}");
            }

            if (PortBase is < 1 or > 65535)
            {
                return ValidationResult.Error($"--port-base {PortBase}: expected 1 to 65535");
            }

            if (Hang < 0 || Hang > Nodes || Suite0Nodes < 0 || Suite0Nodes > Nodes)
            {
                return ValidationResult.Error("--hang and --suite0-nodes: expected 0 to --nodes");
            }

            if (Loss is < 0 or > 100 || LatencyMs is < 0 or > 600_000 || SessionLimit is < 1 or > 64)
            {
                return ValidationResult.Error("--loss expects 0-100, --latency 0-600000 ms, --session-limit 1-64");
            }

            if (ConsolePortBase is { } cp && (cp < 1 || cp + (Address is null ? 0 : Nodes - 1) > 65535))
            {
                return ValidationResult.Error($"--console-port-base {cp}: the ports run past 65535 (or below 1)");
            }

            if (ConsoleFault is { } fault && fault.ToLowerInvariant() is not ("panic" or "mce"))
            {
                return ValidationResult.Error($"--console-fault '{fault}': expected panic or mce");
            }

            if (ConsoleFaultNodes < 0 || ConsoleFaultNodes > Nodes || !(ConsoleFaultAfter >= 0) || ConsoleFaultAfter > 86400 || ConsoleFlood is < 0 or > 100_000_000)
            {
                return ValidationResult.Error("--console-fault-nodes expects 0 to --nodes, --console-fault-after 0-86400 seconds, --console-flood 0-100000000 bytes per second");
            }

            foreach (string scenario in Scenarios)
            {
                try
                {
                    SimScenario.Parse(scenario, Nodes);
                }
                catch (UsageException e)
                {
                    return ValidationResult.Error(e.Message);
                }
            }

            if (Password is { Length: > 20 })
            {
                return ValidationResult.Error("--password: IPMI 2.0 passwords are at most 20 bytes");
            }

            if (string.IsNullOrWhiteSpace(User) || User.Length > 16)
            {
                return ValidationResult.Error("--user: expected a name of 1 to 16 characters (the IPMI limit)");
            }

            return base.Validate();
        }
    }

    /// <summary>Where each node listens.</summary>
    /// <exception cref="UsageException">Bad address, too few addresses, or ports past 65535.</exception>
    public static IReadOnlyList<IPEndPoint> Endpoints(string? address, int nodes, int portBase)
    {
        if (address is null)
        {
            // the issue's default: each BMC on its own loopback address (127.0.1.1, 127.0.1.2, …), same port
            if (nodes > Lifeline.Simulator.Fleet.SimulatorPlacement.MaxNodesPerLoopback)
            {
                throw new UsageException($"--nodes {nodes}: at most {Lifeline.Simulator.Fleet.SimulatorPlacement.MaxNodesPerLoopback} fit on 127.0.[1-254].[1-254]; give --address and --port-base");
            }
            var placement = new Lifeline.Simulator.Fleet.SimulatorPlacement(PortBase: portBase);
            return Enumerable.Range(0, nodes).Select(placement.EndPointOf).ToArray();
        }

        IReadOnlyList<string> names;
        try
        {
            names = HostList.Expand(address);
        }
        catch (HostPatternException e)
        {
            throw new TargetSyntaxException("--address", e.Reason, address, e.Index + 1);
        }

        var addresses = names.Select(n => IPAddress.TryParse(n, out var ip) && n.Contains(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? '.' : ':', StringComparison.Ordinal)
                ? ip
                : throw new UsageException($"--address {address}: '{n}' is not an IP address")).ToArray();
        if (addresses.Length == 1)
        {
            if (portBase + nodes - 1 > 65535)
            {
                throw new UsageException($"--port-base {portBase} with --nodes {nodes} runs past port 65535; lower one of them, or give an address range");
            }

            return Enumerable.Range(0, nodes).Select(i => new IPEndPoint(addresses[0], portBase + i)).ToArray();
        }

        if (addresses.Length < nodes)
        {
            throw new UsageException(
                $"--address {address} gives {addresses.Length} addresses for {nodes} nodes: give one address (nodes get consecutive ports) or at least one per node");
        }

        return addresses.Take(nodes).Select(ip => new IPEndPoint(ip, portBase)).ToArray();
    }

    /// <summary>Redfish endpoints beside the IPMI ones: the same addresses on port 443 (or --redfish-port), or consecutive ports when every node shares one address.</summary>
    public static IReadOnlyList<IPEndPoint> RedfishEndpoints(IReadOnlyList<IPEndPoint> ipmi, int? port)
    {
        bool shared = ipmi.Select(e => e.Address).Distinct().Count() == 1 && ipmi.Count > 1;
        int first = port ?? (shared ? 10443 : 443);
        if (shared && first + ipmi.Count - 1 > 65535)
        {
            throw new UsageException($"--redfish-port {first} with {ipmi.Count} nodes on one address runs past port 65535");
        }
        return ipmi.Select((e, i) => new IPEndPoint(e.Address, shared ? first + i : first)).ToArray();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Inventory is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir && !Directory.Exists(dir))
        {
            throw new UsageException($"--inventory {file}: the folder {dir} does not exist");
        }

        var endpoints = Endpoints(settings.Address, settings.Nodes, settings.PortBase);
        string? fromEnv = _environment.GetVariable(PasswordVariable);
        string passwordText = settings.Password ?? (string.IsNullOrEmpty(fromEnv) ? DefaultPassword : fromEnv);
        using var password = Secret.FromText(passwordText);
        var scenarios = settings.Scenarios.Select(spec => SimScenario.Parse(spec, settings.Nodes)).ToArray();
        var options = new SimulatorOptions(endpoints, settings.User, password, settings.Inventory, settings.Seed)
        {
            Scenarios = scenarios,
            Faults = new SimulatorFaults(settings.Hang, settings.Loss, TimeSpan.FromMilliseconds(settings.LatencyMs), settings.SessionLimit, settings.Suite0Nodes),
            Redfish = settings.Redfish || settings.RedfishHttp || settings.RedfishMockup is not null || settings.RedfishInventory is not null
                ? new RedfishSimulatorOptions(RedfishEndpoints(endpoints, settings.RedfishPort), settings.RedfishHttp, settings.RedfishMockup, settings.RedfishInventory)
                : null,
            Consoles = settings.ConsolePortBase is not null || settings.ConsoleFault is not null || settings.ConsoleFlood > 0
                ? new ConsoleSimulatorOptions(
                    settings.ConsolePortBase is { } consolePort ? endpoints.Select((e, i) => new IPEndPoint(e.Address, consolePort + i)).ToArray() : [],
                    settings.ConsoleFault?.ToLowerInvariant(), settings.ConsoleFaultNodes, TimeSpan.FromSeconds(settings.ConsoleFaultAfter), settings.ConsoleFlood)
                : null,
        };

        ISimulatedFleetHandle fleet;
        try
        {
            fleet = await _host.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or UsageException))
        {
            // Port in use, address not on this host, no simulator in this build: say so in one line.
            await _terminal.Error.WriteLineAsync($"lifeline: sim: could not start the fleet: {e.Message}").ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }

        await using (fleet.ConfigureAwait(false))
        {
            var nodes = endpoints.Select(e => new BmcTarget(BmcScheme.Ipmi, settings.User, e.Address.ToString(), e.Port).Node);
            string url = $"ipmi://{Uri.EscapeDataString(settings.User)}@{HostRangeCompressor.CompressToString(nodes)}";
            await _terminal.Out.WriteLineAsync($"simulating {endpoints.Count} BMCs at {url}").ConfigureAwait(false);
            await _terminal.Out.WriteLineAsync(
                $"password: {(settings.Password is not null ? "from --password" : string.IsNullOrEmpty(fromEnv) ? $"'{DefaultPassword}' (set {PasswordVariable} to change it)" : $"from {PasswordVariable}")}; " +
                $"try: LIFELINE_BMC_PASSWORD=... lifeline power status --bmc '{url}'").ConfigureAwait(false);
            if (fleet.RedfishUrls.Count > 0)
            {
                await _terminal.Out.WriteLineAsync($"redfish: {fleet.RedfishUrls[0]} … {fleet.RedfishUrls[^1]}" +
                    (fleet.RedfishCertificateFingerprint is { } fp ? $" (certificate SHA-256 {fp}; pin it with --pin)" : " (plain HTTP)")).ConfigureAwait(false);
            }
            if (fleet.ConsoleUrls.Count > 0)
            {
                await _terminal.Out.WriteLineAsync($"consoles: {fleet.ConsoleUrls[0]} … {fleet.ConsoleUrls[^1]} (raw TCP; try: nc {fleet.ConsoleUrls[0]["tcp://".Length..].Replace(':', ' ')})").ConfigureAwait(false);
            }
            if (settings.ConsoleFault is { } consoleFault)
            {
                await _terminal.Out.WriteLineAsync($"console fault: {consoleFault} on {settings.ConsoleFaultNodes} node(s) after {settings.ConsoleFaultAfter.ToString(CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
            }
            if (settings.FleetInventory is { } fleetInventory)
            {
                await SimFleetInventory.WriteAsync(fleetInventory, SimFleetInventory.Build(fleet.Urls, fleet.RedfishUrls, fleet.ConsoleUrls), cancellationToken).ConfigureAwait(false);
                await _terminal.Out.WriteLineAsync($"fleet inventory: {fleetInventory} ({endpoints.Count} nodes sim…, group {SimFleetInventory.Group}); " +
                    $"import it with `lifeline nodes import {fleetInventory}` and store the password with `lifeline credentials set {SimFleetInventory.CredentialName} --user {settings.User}`").ConfigureAwait(false);
            }
            foreach (var scenario in scenarios)
            {
                await _terminal.Out.WriteLineAsync($"scenario {scenario.Name}: {scenario.Describe()}").ConfigureAwait(false);
            }
            if (settings.Inventory is { } inventory)
            {
                await _terminal.Out.WriteLineAsync($"inventory: {inventory} ({endpoints.Count} BMC URLs)").ConfigureAwait(false);
            }
            int expected = endpoints.Count - settings.Hang;
            await _terminal.Out.WriteLineAsync(fleet.Ready >= expected
                ? $"ready ({fleet.Ready} BMCs answering{(settings.Hang > 0 ? $", {settings.Hang} hung by --hang" : "")})"
                : $"not ready: only {fleet.Ready} of {expected} BMCs answer").ConfigureAwait(false);
            await _terminal.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await _terminal.Error.WriteLineAsync("press Ctrl-C to stop").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: the normal way to stop.
            }
        }

        if (fleet.ConsoleTotals is { } totals)
        {
            // one line for benchmarks, once the ports are closed: what the hosts printed and what the console ports delivered
            await _terminal.Out.WriteLineAsync(FormattableString.Invariant(
                $"console totals: produced {totals.Produced} bytes, sent {totals.Sent} bytes to console-port clients")).ConfigureAwait(false);
            await _terminal.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
