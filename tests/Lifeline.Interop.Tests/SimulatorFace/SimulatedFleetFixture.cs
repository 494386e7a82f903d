using System.Net;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Interop.Tests.SimulatorFace;

/// <summary>
/// A simulated fleet behind the IPMI face, shared by one test class (xunit class fixture). Each fixture type takes its
/// own loopback subnet (127.0.S.1 …) and a port base derived from the process id, so classes run in parallel and two
/// test runs on one host do not collide.
/// </summary>
public abstract class SimulatedFleetFixture : IAsyncLifetime
{
    public const string User = "admin";

    /// <summary>A throwaway test password (peers get it through -E/IPMI_PASSWORD or, for FreeIPMI, -p).</summary>
    public const string Password = "lifeline-sim-pw";

    private readonly byte _subnet;
    private readonly int _nodes;
    private readonly Func<int, BmcOptions, BmcOptions>? _override;
    private readonly BmcOptions _defaults;

    protected SimulatedFleetFixture(byte subnet, int nodes, BmcOptions? defaults = null, bool fakeClock = false,
        Func<int, BmcOptions, BmcOptions>? perNode = null)
    {
        _subnet = subnet;
        _nodes = nodes;
        _override = perNode;
        _defaults = defaults ?? BmcOptions.Default with { CorrectableEccPerHour = 0 };
        Clock = fakeClock ? new FakeTimeProvider(DateTimeOffset.UtcNow) : null;
        Port = 16000 + Environment.ProcessId % 1000 * 8 + subnet % 8;
        SdrCacheDirectory = Path.Combine(Path.GetTempPath(), $"lifeline-sdr-{Environment.ProcessId}-{subnet}");
    }

    public SimulatedFleet Fleet { get; private set; } = null!;
    public IpmiFace Face { get; private set; } = null!;

    /// <summary>Set when the fleet runs on a frozen clock: readings and the SEL do not move between two looks.</summary>
    public FakeTimeProvider? Clock { get; }

    public int Port { get; }

    /// <summary>FreeIPMI's SDR cache for this fixture (owner-only, as FreeIPMI insists).</summary>
    public string SdrCacheDirectory { get; }

    public SimulatedNode Node(int index) => Fleet.Nodes[index];

    public BmcModel Model(int index) => Fleet.Nodes[index].Model;

    public string Host(int index) => Node(index).IpmiEndPoint.Address.ToString();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(SdrCacheDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(SdrCacheDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var options = new SimulatedFleetOptions
        {
            Nodes = _nodes,
            Seed = _subnet,
            UserName = User,
            Password = Password,
            Defaults = _defaults,
            Override = _override,
            Placement = new SimulatorPlacement(PortBase: Port, Subnet: _subnet),
            TimeProvider = Clock ?? TimeProvider.System,
        };
        (Fleet, Face) = IpmiFace.StartFleet(options);
        int ready = await Fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        if (ready != _nodes)
        {
            throw new InvalidOperationException($"only {ready} of {_nodes} simulated BMCs on 127.0.{_subnet}.x:{Port} answered a presence ping");
        }
    }

    public async Task DisposeAsync()
    {
        if (Fleet is not null)
        {
            await Fleet.DisposeAsync();
        }
        try
        {
            Directory.Delete(SdrCacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The endpoint string FreeIPMI takes: host:port.</summary>
    public string FreeIpmiHost(int index) => $"{Host(index)}:{Port}";

    public IPEndPoint EndPoint(int index) => Node(index).IpmiEndPoint;
}
