using Lifeline.Drivers;
using System.ComponentModel;
using System.Security.Cryptography;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Secrets;
using Lifeline.Cli.Targets;
using Lifeline.Cli.Output;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>demo</c>: the main job on one machine — start a simulated fleet in this process and drive it end to end over
/// real RMCP+ sessions with the same backend and output as the fleet verbs, then stop.
/// </summary>
public sealed class DemoCommand : AsyncCommand<DemoCommand.Settings>
{
    private readonly ISimulatorHost _host;
    private readonly VerbRunner _runner;
    private readonly ITerminal _terminal;

    public DemoCommand(ISimulatorHost host, VerbRunner runner, ITerminal terminal)
    {
        _host = host;
        _runner = runner;
        _terminal = terminal;
    }

    public sealed class Settings : FleetSettings
    {
        [CommandOption("--nodes <N>")]
        [Description("How many BMCs to simulate.")]
        [DefaultValue(8)]
        public int Nodes { get; set; } = 8;

        [CommandOption("--address <ADDRESS>")]
        [Description("One address for every node (ports count up from --port-base). Default: 127.0.1.1, 127.0.1.2, … on port 623 (root).")]
        public string? Address { get; set; }

        [CommandOption("--port-base <PORT>")]
        [Description("UDP port (per-node addresses) or first port (one --address).")]
        [DefaultValue(623)]
        public int PortBase { get; set; } = 623;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Nodes is < 2 or > 10_000)
        {
            throw new UsageException($"--nodes {settings.Nodes}: the demo runs 2 to 10000 BMCs");
        }
        string? address = settings.Address;
        int portBase = settings.PortBase;
        if (address is null && portBase < 1024 && !Environment.IsPrivilegedProcess)
        {
            // UDP 623 needs root: an ordinary user gets one address with consecutive unprivileged ports instead
            address = "127.0.0.1";
            portBase = 10623;
            await _terminal.Out.WriteLineAsync("(not root: simulating on 127.0.0.1 ports 10623+ instead of 127.0.1.x port 623)").ConfigureAwait(false);
        }
        var endpoints = SimCommand.Endpoints(address, settings.Nodes, portBase);
        // a fresh random password for this run: nothing to configure, nothing to leak
        using var password = Secret.FromText(Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));
        var out_ = _terminal.Out;
        await out_.WriteLineAsync($"starting {endpoints.Count} simulated BMCs (IPMI 2.0 / RMCP+) …").ConfigureAwait(false);
        ISimulatedFleetHandle fleet;
        try
        {
            fleet = await _host.StartAsync(new SimulatorOptions(endpoints, "admin", password, null, 1), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: demo: could not start the simulated fleet: {e.Message}").ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }

        await using (fleet.ConfigureAwait(false))
        {
            await out_.WriteLineAsync($"ready: {fleet.Ready} BMCs answer at {fleet.Urls[0]} … {fleet.Urls[^1]}").ConfigureAwait(false);
            var all = endpoints.Select(e => new BmcTarget(BmcScheme.Ipmi, "admin", e.Address.ToString(), e.Port)).ToArray();
            var first = all[..1];
            var second = all[1..2];
            var backend = _runner.Backend;
            var connection = new ConnectionSettings(null, false, Lifeline.Drivers.PrivilegeLevel.Administrator, password, null, settings.TimeoutSpan, settings.Retries);
            var deadline = settings.DeadlineFor(VerbRunner.BulkExchanges);
            int worst = ExitCodes.Ok;

            async Task Step<T>(string title, IReadOnlyList<BmcTarget> targets, IResultView<T> view, Func<BmcTarget, CancellationToken, Task<T>> op)
            {
                await out_.WriteLineAsync().ConfigureAwait(false);
                await out_.WriteLineAsync($"$ lifeline {title}").ConfigureAwait(false);
                int rc = await _runner.RunFleetAsync(title, targets, settings, view, deadline, op, cancellationToken).ConfigureAwait(false);
                worst = Math.Max(worst, rc);
            }

            await Step("power status (every node)", all, ResultViews.Power, (t, ct) => backend.PowerAsync(t, connection, PowerAction.Status, ct)).ConfigureAwait(false);
            await Step($"power off --bmc {second[0].Node}", second, ResultViews.Power, (t, ct) => backend.PowerAsync(t, connection, PowerAction.Off, ct)).ConfigureAwait(false);
            await Step("power status (every node)", all, ResultViews.Power, (t, ct) => backend.PowerAsync(t, connection, PowerAction.Status, ct)).ConfigureAwait(false);
            await Step("boot pxe --persistent --efi (every node)", all, ResultViews.Boot, (t, ct) => backend.SetBootAsync(t, connection, new BootRequest(BootDevice.Pxe, true, true), ct)).ConfigureAwait(false);
            await Step($"sensors --bmc {first[0].Node}", first, ResultViews.Sensors, (t, ct) => backend.ReadSensorsAsync(t, connection, ct)).ConfigureAwait(false);
            await Step($"sel list --bmc {second[0].Node}", second, ResultViews.Sel, (t, ct) => backend.ListSelAsync(t, connection, ct)).ConfigureAwait(false);
            await Step($"inventory --bmc {first[0].Node}", first, ResultViews.Inventory, (t, ct) => backend.ReadInventoryAsync(t, connection, ct)).ConfigureAwait(false);
            await out_.WriteLineAsync().ConfigureAwait(false);
            await out_.WriteLineAsync("done. Run `lifeline sim --nodes 100 --inventory fleet.txt` to keep a fleet running and drive it with the other verbs.").ConfigureAwait(false);
            return worst;
        }
    }
}
