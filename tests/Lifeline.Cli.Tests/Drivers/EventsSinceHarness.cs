using System.Net;
using Lifeline.Drivers;
using Lifeline.Drivers.Ipmi;
using Lifeline.Drivers.Redfish;
using Lifeline.Ipmi.Transport;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Cli.Tests.Drivers;

/// <summary>
/// One simulated BMC on a frozen clock (the SEL changes only when a test says so) behind its IPMI and Redfish (plain
/// HTTP) faces, on its own loopback address, with ports derived from the process id; and the real drivers to read it.
/// </summary>
internal sealed class EventsSinceHarness : IAsyncDisposable
{
    private const string Password = "events-since-pw";

    private readonly IpmiUdpTransport _transport = new(socketCount: 1);

    private EventsSinceHarness(SimulatedFleet fleet, RedfishFace redfish, FakeTimeProvider clock)
    {
        Fleet = fleet;
        Redfish = redfish;
        Clock = clock;
        Ipmi = new IpmiBmcBackend(_transport, TimeProvider.System, ownsTransport: false) { SdrCache = new SdrCache(null) };
    }

    public SimulatedFleet Fleet { get; }
    public RedfishFace Redfish { get; }
    public FakeTimeProvider Clock { get; }
    public IpmiBmcBackend Ipmi { get; }
    public RedfishBmcBackend RedfishBackend { get; } = new();
    public BmcModel Model => Fleet.Nodes[0].Model;

    public BmcTarget IpmiTarget => new(BmcScheme.Ipmi, "admin", Fleet.Nodes[0].IpmiEndPoint.Address.ToString(), Fleet.Nodes[0].IpmiEndPoint.Port);
    public BmcTarget RedfishTarget => new(BmcScheme.RedfishHttp, "admin", Redfish[0].EndPoint.Address.ToString(), Redfish[0].EndPoint.Port);

    public static ConnectionSettings Connection { get; } =
        new(null, false, Lifeline.Drivers.PrivilegeLevel.Administrator, Lifeline.Drivers.Secret.FromText(Password), null, TimeSpan.FromSeconds(1), 3);

    /// <summary>Starts the BMC on 127.0.<paramref name="subnet"/>.1 (a subnet no other test class uses).</summary>
    public static async Task<EventsSinceHarness> StartAsync(byte subnet, BmcOptions? options = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var address = IPAddress.Parse($"127.0.{subnet}.1");
        int port = 21000 + Environment.ProcessId % 1000 * 8 + subnet % 8;
        var (fleet, _) = IpmiFace.StartFleet(new SimulatedFleetOptions
        {
            Nodes = 1,
            Seed = subnet,
            Password = Password,
            Defaults = options ?? BmcOptions.Default with { CorrectableEccPerHour = 0 },
            Placement = new SimulatorPlacement { EndPoints = [new IPEndPoint(address, port)] },
            TimeProvider = clock,
        });
        try
        {
            if (await fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None) != 1)
            {
                throw new InvalidOperationException($"the simulated BMC on {address}:{port} did not answer a presence ping within 10 s");
            }
            var redfish = await RedfishFace.StartAsync(fleet, new RedfishFaceOptions
            {
                UseHttps = false,
                Placement = new SimulatorPlacement { EndPoints = [new IPEndPoint(address, port + 1)] },
            }, CancellationToken.None);
            return new EventsSinceHarness(fleet, redfish, clock);
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    public Task<EventBatch> ReadIpmiAsync(EventReadCursor? cursor, IBmcBackend? backend = null) =>
        (backend ?? Ipmi).ReadEventsSinceAsync(IpmiTarget, Connection, cursor, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

    public Task<EventBatch> ReadRedfishAsync(EventReadCursor? cursor) =>
        RedfishBackend.ReadEventsSinceAsync(RedfishTarget, Connection, cursor, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>The BMC logs <paramref name="count"/> correctable ECC errors on DIMM <paramref name="dimm"/>, a second apart.</summary>
    public void InjectErrors(int count, int dimm = 0)
    {
        for (int i = 0; i < count; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            Model.InjectMemoryError(dimm);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Redfish.DisposeAsync();
        await Ipmi.DisposeAsync();
        await RedfishBackend.DisposeAsync();
        await Fleet.DisposeAsync();
        await _transport.DisposeAsync();
    }
}
