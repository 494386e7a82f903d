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
        [Description("The address to listen on, or a range of addresses (127.0.1.[[1-500]]) giving each node its own.")]
        [DefaultValue("127.0.0.1")]
        public string Address { get; set; } = "127.0.0.1";

        [CommandOption("--port-base <PORT>")]
        [Description("The UDP port of the first node (one address: the next nodes count up from it).")]
        [DefaultValue(6230)]
        public int PortBase { get; set; } = 6230;

        [CommandOption("--user <NAME>")]
        [Description("The user name every simulated BMC accepts. Its password: LIFELINE_SIM_PASSWORD, or 'admin'.")]
        [DefaultValue("admin")]
        public string User { get; set; } = "admin";

        [CommandOption("--inventory <FILE>")]
        [Description("A file describing the simulated fleet (FRU data, sensors, personalities).")]
        public string? Inventory { get; set; }

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

            if (string.IsNullOrWhiteSpace(User) || User.Length > 16)
            {
                return ValidationResult.Error("--user: expected a name of 1 to 16 characters (the IPMI limit)");
            }

            return base.Validate();
        }
    }

    /// <summary>Where each node listens.</summary>
    /// <exception cref="UsageException">Bad address, too few addresses, or ports past 65535.</exception>
    public static IReadOnlyList<IPEndPoint> Endpoints(string address, int nodes, int portBase)
    {
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

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Inventory is { } file && !File.Exists(file))
        {
            throw new UsageException($"--inventory {file}: no such file");
        }

        var endpoints = Endpoints(settings.Address, settings.Nodes, settings.PortBase);
        string? fromEnv = _environment.GetVariable(PasswordVariable);
        using var password = Secret.FromText(string.IsNullOrEmpty(fromEnv) ? DefaultPassword : fromEnv);
        var options = new SimulatorOptions(endpoints, settings.User, password, settings.Inventory, settings.Seed);

        IAsyncDisposable fleet;
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
                $"password: {(string.IsNullOrEmpty(fromEnv) ? $"'{DefaultPassword}' (set {PasswordVariable} to change it)" : $"from {PasswordVariable}")}; " +
                $"try: LIFELINE_BMC_PASSWORD=... lifeline power status --bmc '{url}'").ConfigureAwait(false);
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

        return ExitCodes.Ok;
    }
}
