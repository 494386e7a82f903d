using System.ComponentModel;
using System.Net;
using System.Security.Cryptography;
using Lifeline.Cli.Hosting;
using Lifeline.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>demo</c>: the main job on one machine — the fleet service on 127.0.0.1 with a fresh SQLite database, an
/// in-process simulated fleet registered in it, an admin to log in as; then it waits for Ctrl-C and stops everything.
/// </summary>
public sealed class DemoCommand : AsyncCommand<DemoCommand.Settings>
{
    /// <summary>When set, the admin's password (scripts and tests log in with it); otherwise a random one is printed once.</summary>
    public const string AdminPasswordVariable = "LIFELINE_ADMIN_PASSWORD";

    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;

    public DemoCommand(ITerminal terminal, IEnvironment environment)
    {
        _terminal = terminal;
        _environment = environment;
    }

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--nodes <N>")]
        [Description("How many BMCs to simulate (a third IPMI only, a third Redfish only, the rest both; the last two faulty).")]
        [DefaultValue(32)]
        public int Nodes { get; set; } = 32;

        [CommandOption("--listen <URL>")]
        [Description("Where the service listens.")]
        [DefaultValue("http://127.0.0.1:8600")]
        public string Listen { get; set; } = "http://127.0.0.1:8600";

        [CommandOption("--data-dir <DIR>")]
        [Description("Keep the database, key and logs here (created if missing). Default: a fresh temporary folder removed at exit.")]
        public string? DataDir { get; set; }

        [CommandOption("--address <ADDRESS>")]
        [Description("One loopback address for every simulated BMC (ports count up). Default: 127.0.1.1, 127.0.1.2, … when root, else 127.0.0.1.")]
        public string? Address { get; set; }

        public override ValidationResult Validate()
        {
            if (Nodes is < 3 or > 10_000)
            {
                return ValidationResult.Error($"--nodes {Nodes}: the demo runs 3 to 10000 BMCs");
            }
            return Uri.TryCreate(Listen, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? ValidationResult.Success()
                : ValidationResult.Error($"--listen {Listen}: give an http:// URL such as http://127.0.0.1:8600");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var output = _terminal.Out;
        var (ipmi, redfish) = Endpoints(settings);
        bool temporary = settings.DataDir is null;
        string dataDir = settings.DataDir is { } d ? Path.GetFullPath(d) : Directory.CreateTempSubdirectory("lifeline-demo-").FullName;
        Directory.CreateDirectory(dataDir);
        // IPMI 2.0 passwords are at most 20 bytes (§13.31 RAKP, 20-byte key)
        string bmcPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        string? createdAdminPassword = null;
        try
        {
            await output.WriteLineAsync($"starting {settings.Nodes} simulated BMCs (IPMI 2.0 and Redfish) …").ConfigureAwait(false);
            await using var fleet = await DemoFleet.StartAsync(ipmi, redfish, bmcPassword, cancellationToken).ConfigureAwait(false);

            var adminPassword = _environment.GetVariable(AdminPasswordVariable);
            await using var app = LifelineServer.Build([], o =>
            {
                o.Settings["Lifeline:Listen"] = settings.Listen;
                o.Settings["Lifeline:DataDirectory"] = dataDir;
                // a demo should show the monitor at work within minutes: poll every 15 s instead of every minute
                o.Settings["Lifeline:Monitoring:SensorInterval"] = "00:00:15";
                o.Settings["Lifeline:Monitoring:EventInterval"] = "00:00:15";
                // the silo's own ports follow the HTTP port, so a demo beside a `lifeline serve` (or a second demo) does not collide
                int offset = new Uri(settings.Listen).Port % 1000;
                o.Settings["Lifeline:Cluster:SiloPort"] = (11111 + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
                o.Settings["Lifeline:Cluster:GatewayPort"] = (30000 + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!string.IsNullOrEmpty(adminPassword))
                {
                    o.Settings["Lifeline:Auth:AdminPassword"] = adminPassword;
                }
                o.AdminPasswordCreated = pw => createdAdminPassword = pw;
                o.ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
            });
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await _terminal.Error.WriteLineAsync($"lifeline: demo: cannot listen on {settings.Listen}: {e.Message} (another service running? pick one with --listen)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await app.SetCredentialAsync(DemoFleet.CredentialName, DemoFleet.BmcUser, bmcPassword, cancellationToken).ConfigureAwait(false);
            await app.AddGroupsAsync(fleet.Groups, cancellationToken).ConfigureAwait(false);
            await app.AddNodesAsync(fleet.Nodes, cancellationToken).ConfigureAwait(false);

            var url = app.ListenAddresses().FirstOrDefault()?.ToString().TrimEnd('/') ?? settings.Listen;
            await output.WriteLineAsync($"""

                Lifeline demo is running.
                  service    {url}   (API {url}/api/v1, reference {url}/api/reference, OpenAPI {url}/openapi/v1.json)
                  data       {dataDir}{(temporary ? " (SQLite; removed at exit; keep it with --data-dir)" : " (SQLite)")}
                  fleet      {fleet.Nodes.Count} simulated BMCs: {fleet.CountIn("ipmi-only")} IPMI only, {fleet.CountIn("redfish-only")} Redfish only, {fleet.CountIn("dual")} both
                             faults on purpose: {fleet.DeadNode} has a dead BMC, {fleet.FanFailedNode} a failed fan{(fleet.FanWearNode is { } wear ? $",{Environment.NewLine}                             {wear}'s Fan3 wears out (predicted ~20 min before it fails), {fleet.DimmWearNode}'s DIMM logs rising ECC errors" : "")}
                  monitor    sensors and event logs polled every 15 s; alerts: lifeline alerts list
                  groups     all, {string.Join(", ", fleet.Groups.Select(g => g.Name).Where(g => g.StartsWith("rack", StringComparison.Ordinal)))}, ipmi-only, redfish-only, dual
                """).ConfigureAwait(false);
            await output.WriteLineAsync(createdAdminPassword is { } pw
                ? $"  admin      user admin, password {pw}   (shown once; set {AdminPasswordVariable} to choose it)"
                : string.IsNullOrEmpty(adminPassword)
                    ? "  admin      the admin of this data directory (its password was shown when it was created)"
                    : $"  admin      user admin, password from {AdminPasswordVariable}").ConfigureAwait(false);
            await output.WriteLineAsync($"""

                Try, in another terminal:
                  lifeline login {url}            (password above, or export LIFELINE_PASSWORD)
                  lifeline power all status
                  lifeline sensors 'node[01-03]'
                  lifeline health all                (the monitor's view: reasons, paths, rollup)
                  lifeline alerts list
                  lifeline sensors {fleet.FanWearNode ?? "node01"} --history 30m --sensor Fan
                  lifeline events all --follow

                Ctrl-C stops the service and the fleet.
                """).ConfigureAwait(false);

            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await output.WriteLineAsync("stopping: closing BMC sessions …").ConfigureAwait(false);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(stop.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        finally
        {
            if (temporary)
            {
                try
                {
                    Directory.Delete(dataDir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>IPMI and Redfish endpoints: per-node loopback addresses on 623/443 as root, else 127.0.0.1 with counted ports.</summary>
    private static (IReadOnlyList<IPEndPoint> Ipmi, IReadOnlyList<IPEndPoint> Redfish) Endpoints(Settings settings)
    {
        string? address = settings.Address;
        int portBase = 623;
        if (address is null && !Environment.IsPrivilegedProcess)
        {
            address = "127.0.0.1";
        }
        if (address is not null)
        {
            portBase = 10623;
        }
        var ipmi = SimCommand.Endpoints(address, settings.Nodes, portBase);
        return (ipmi, SimCommand.RedfishEndpoints(ipmi, null));
    }
}
