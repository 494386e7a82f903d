using System.Globalization;
using Lifeline.Cli.Tests.Fakes;
using Lifeline.Server;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Lifeline.Cli.Tests.Fleet.EndToEnd;

/// <summary>
/// The real fleet service in this process (SQLite store in a temp directory, the Orleans silo, node grains, the IPMI
/// driver) on 127.0.0.1 with an HTTP port of its choosing, and four simulated BMCs on 127.0.SUBNET.[1-4]; ports are
/// derived from the process id so parallel test runs do not collide. The CLI reaches it over real HTTP.
/// </summary>
public sealed class LiveService : IAsyncLifetime
{
    public const string AdminPassword = "admin-pw-Feldspar-3310";
    public const string BmcPassword = "bmc-pw-Olivine-2218";
    public const int Nodes = 4;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private WebApplication? _app;
    private SimulatedFleet? _fleet;
    private string _data = "";

    /// <summary>The third octet of the simulated BMCs' addresses.</summary>
    public byte Subnet { get; } = (byte)(200 + Environment.ProcessId % 50);

    /// <summary>The BMCs' UDP port (all on their own loopback address).</summary>
    public int BmcPort { get; } = 17000 + Environment.ProcessId % 400 * 4;

    public Uri Url { get; private set; } = null!;

    public SimulatedFleet Fleet => _fleet!;

    /// <summary><c>ipmi://admin@127.0.SUBNET.N:PORT</c> of BMC <paramref name="index"/> (0-based).</summary>
    public string IpmiUrl(int index) => $"ipmi://admin@127.0.{Subnet}.{index + 1}:{BmcPort}";

    /// <summary>An address where no BMC answers.</summary>
    public string DeadUrl => $"ipmi://admin@127.0.{Subnet}.250:{BmcPort}";

    public async Task InitializeAsync()
    {
        (_fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = Nodes,
            Seed = 11,
            Password = BmcPassword,
            Placement = new SimulatorPlacement(PortBase: BmcPort, Subnet: Subnet),
        });
        Assert.Equal(Nodes, await _fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None));

        // Silo ports below the ephemeral range (32768+) and apart from the server tests' band (30000+).
        int siloPort = 14000 + Environment.ProcessId % 400 * 4;
        _data = Directory.CreateTempSubdirectory("lifeline-cli-e2e-").FullName;
        _app = LifelineServer.Build([], o =>
        {
            o.Settings["Lifeline:Listen"] = "http://127.0.0.1:0";
            o.Settings["Lifeline:DataDirectory"] = _data;
            o.Settings["Lifeline:Auth:AdminPassword"] = AdminPassword;
            o.Settings["Lifeline:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
            o.Settings["Lifeline:Cluster:GatewayPort"] = (siloPort + 1).ToString(CultureInfo.InvariantCulture);
            o.Settings["Lifeline:Fleet:IpmiTimeout"] = "00:00:00.300";
            o.Settings["Lifeline:Fleet:IpmiRetries"] = "1";
            o.Settings["Lifeline:Fleet:OperationTimeout"] = "00:00:05";
            o.Settings["Lifeline:Fleet:RefreshInterval"] = "00:00:00";
            o.ConfigureLogging = l =>
            {
                l.ClearProviders();
                l.SetMinimumLevel(LogLevel.Warning);
            };
        });
        await _app.StartAsync().WaitAsync(Bound);
        Url = _app.ListenAddresses()[0];
        await RegisterFleetAsync();
    }

    /// <summary>The admin's CLI (logged in by <see cref="RegisterFleetAsync"/>).</summary>
    internal LiveCli Admin { get; } = new();

    /// <summary>
    /// Through the CLI, as the admin: log in, store the BMC credential, import sim1-sim3 (group sim) and sim4 (group
    /// spare) from a YAML file, and add a node whose BMC never answers (group broken).
    /// </summary>
    private async Task RegisterFleetAsync()
    {
        Admin.Runner.Environment.Set("LIFELINE_PASSWORD", AdminPassword);
        await Admin.OkAsync("login", Url.ToString());
        Admin.Runner.Environment.Set("LIFELINE_BMC_PASSWORD", BmcPassword);
        await Admin.OkAsync("credentials", "set", "simbmc", "--user", "admin");
        await Admin.OkAsync("groups", "set", "sim", "--credential", "simbmc", "--description", "simulated BMCs");
        string yaml = Path.Combine(Admin.ConfigHome, "fleet.yaml");
        File.WriteAllText(yaml, $$$"""
            groups:
              spare: {credential: simbmc}
            nodes:
              sim1: {groups: [sim], ipmi: "{{{IpmiUrl(0)}}}", attributes: {role: compute}}
              sim2: {groups: [sim], ipmi: "{{{IpmiUrl(1)}}}", attributes: {role: compute}}
              sim3: {groups: [sim], ipmi: "{{{IpmiUrl(2)}}}", attributes: {role: storage}}
              sim4: {groups: [spare], ipmi: "{{{IpmiUrl(3)}}}"}
            """);
        await Admin.OkAsync("nodes", "import", yaml);
        await Admin.OkAsync("nodes", "add", "dead1", "--ipmi", DeadUrl, "--groups", "broken", "--credential", "simbmc");
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(Bound);
            await _app.DisposeAsync();
        }

        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

}

/// <summary>A <see cref="CliRunner"/> on the real network with its own config directory.</summary>
internal sealed class LiveCli : IDisposable
{
    public LiveCli()
    {
        ConfigHome = Directory.CreateTempSubdirectory("lifeline-cli-e2e-home-").FullName;
        Runner.Environment.Set("XDG_CONFIG_HOME", ConfigHome);
        Runner.Environment.Set("HOME", ConfigHome);
    }

    public CliRunner Runner { get; } = new();

    public string ConfigHome { get; }

    public FakeTerminal Terminal => Runner.Terminal;

    /// <summary>Runs a command with fresh output; returns the exit status.</summary>
    public async Task<int> RunAsync(params string[] args)
    {
        Terminal.OutWriter.GetStringBuilder().Clear();
        Terminal.ErrorWriter.GetStringBuilder().Clear();
        return await Runner.RunAsync(args);
    }

    /// <summary>Runs a command that must succeed (exit 0), saying what it printed when it did not.</summary>
    public async Task<string[]> OkAsync(params string[] args)
    {
        int exit = await RunAsync(args);
        Assert.True(exit == 0, $"lifeline {string.Join(' ', args)} exited {exit}\nstdout:\n{Terminal.Output}\nstderr:\n{Terminal.Errors}");
        return Runner.OutputLines;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(ConfigHome, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveServiceCollection : ICollectionFixture<LiveService>
{
    public const string Name = "live fleet service";
}
