using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Hosting;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Lifeline.Fleet.Tests.Grains;

/// <summary>
/// An in-process Orleans cluster (one or more silos) wired as the server wires it — <c>AddLifelineFleet</c> and
/// <c>ConfigureLifelineFleet</c> — over an in-memory store and a simulated fleet. Short IPMI timeouts keep the fault
/// tests quick; the background refresher is off (tests call RefreshAsync themselves).
/// </summary>
public abstract class FleetCluster : IAsyncLifetime
{
    /// <summary>The admin account of every simulated BMC, as a stored credential.</summary>
    public const string Admin = "bmc-admin";

    private readonly byte _subnet;
    private readonly int _nodes;
    private readonly short _silos;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"lifeline-fleet-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");

    protected FleetCluster(byte subnet, int nodes, short silos)
    {
        _subnet = subnet;
        _nodes = nodes;
        _silos = silos;
    }

    public InMemoryFleetStore Store { get; } = new();

    public SimulatedBmcs Bmcs { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The settings every silo gets.</summary>
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    public async Task InitializeAsync()
    {
        Bmcs = await SimulatedBmcs.StartAsync(_subnet, _nodes);
        Store.PutCredential(Admin, "admin", SimulatedBmcs.AdminPassword);
        var builder = new InProcessTestClusterBuilder(_silos);
        var store = Store;
        var data = _dataDirectory;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureLifelineFleet();
            silo.Services.AddSingleton<IFleetStore>(store);
            silo.Services.AddLifelineFleet(o =>
            {
                o.DataDirectory = data;
                o.OperationTimeout = OperationTimeout;
                o.LongOperationTimeout = TimeSpan.FromSeconds(10);
                o.IpmiTimeout = TimeSpan.FromSeconds(1);
                o.IpmiRetries = 1;
                o.RefreshInterval = TimeSpan.Zero;
                o.FanOut = 64;
                o.IpmiSocketCount = 4;
            });
        });
        builder.ConfigureClient(client => client.ConfigureLifelineFleet());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        if (Bmcs is not null)
        {
            await Bmcs.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Adds an IPMI node for simulated BMC <paramref name="index"/> with the admin credential (or another).</summary>
    public string AddIpmiNode(string name, int index, string credential = Admin)
    {
        Store.Put(new NodeDefinition { Name = name, IpmiUrl = Bmcs.IpmiUrl(index), Credential = credential });
        return name;
    }

    /// <summary>Adds a node reached over the Redfish face of simulated BMC <paramref name="index"/> (Auto picks Redfish).</summary>
    public string AddRedfishNode(string name, int index, string credential = Admin)
    {
        Store.Put(new NodeDefinition { Name = name, IpmiUrl = Bmcs.IpmiUrl(index), RedfishUrl = Bmcs.RedfishUrl(index), Credential = credential });
        return name;
    }

    public INodeGrain Grain(string name) => Cluster.Client.GetGrain<INodeGrain>(name);

    /// <summary>The fleet operations of silo <paramref name="silo"/>, as the server on that silo would use them.</summary>
    public IFleetOperations Operations(int silo = 0) => Cluster.Silos[silo].ServiceProvider.GetRequiredService<IFleetOperations>();
}

/// <summary>One silo, 16 simulated BMCs on 127.0.93.x: each test class that shares it uses its own BMCs.</summary>
public sealed class OneSiloFleet() : FleetCluster(subnet: 93, nodes: 16, silos: 1);

/// <summary>Two silos over 4 simulated BMCs on 127.0.94.x: grain calls cross silos, so everything is serialized.</summary>
public sealed class TwoSiloFleet() : FleetCluster(subnet: 94, nodes: 4, silos: 2);

[CollectionDefinition(Name)]
public sealed class OneSiloFleetCollection : ICollectionFixture<OneSiloFleet>
{
    public const string Name = "one-silo fleet";
}
