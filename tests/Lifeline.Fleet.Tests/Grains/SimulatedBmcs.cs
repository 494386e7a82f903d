using System.Collections.Concurrent;
using System.Diagnostics;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Fleet.Tests.Grains;

/// <summary>One IPMI request as the simulated BMC received it: when (real time), in which session, which command.</summary>
public sealed record ReceivedCommand(TimeSpan At, uint SessionId, NetFn NetFn, byte Command);

/// <summary>
/// The dispatcher of one simulated BMC with a log of what arrived: the tests see sessions and timing from the BMC's
/// side (which session a command came in, whether two commands overlapped) without any hook in the simulator.
/// </summary>
public sealed class RecordingHandler(IIpmiCommandHandler inner, Stopwatch clock) : IIpmiCommandHandler
{
    private readonly ConcurrentQueue<ReceivedCommand> _log = new();

    public IReadOnlyList<ReceivedCommand> Log => [.. _log];

    public IpmiResponse Handle(IpmiCommandContext context, IpmiRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        _log.Enqueue(new ReceivedCommand(clock.Elapsed, context.Session?.BmcSessionId ?? 0, request.NetFn, request.Command));
        return inner.Handle(context, request);
    }

    /// <summary>Commands other than the session's own housekeeping (Set Session Privilege Level, Close Session, keep-alive Get Device ID excluded by the caller).</summary>
    public IReadOnlyList<ReceivedCommand> Commands(NetFn netFn, byte command) => Log.Where(c => c.NetFn == netFn && c.Command == command).ToList();
}

/// <summary>
/// A simulated fleet with both faces on 127.0.SUBNET.x: IPMI on UDP and Redfish over HTTPS (self-signed, trusted on
/// first use by the grains), ports derived from the process id so parallel test runs do not collide. Every BMC logs
/// the IPMI commands it received.
/// </summary>
public sealed class SimulatedBmcs : IAsyncDisposable
{
    public const string AdminPassword = "fleet-test-pw";

    private readonly Dictionary<BmcModel, RecordingHandler> _handlers = new(ReferenceEqualityComparer.Instance);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private SimulatedBmcs(byte subnet, int nodes)
    {
        Subnet = subnet;
        Port = 20000 + Environment.ProcessId % 1000 * 8 + subnet % 8;
        var face = new IpmiFace();
        Fleet = SimulatedFleet.Start(new SimulatedFleetOptions
        {
            Nodes = nodes,
            Seed = subnet,
            Password = AdminPassword,
            Placement = new SimulatorPlacement(PortBase: Port, Subnet: subnet),
            Defaults = BmcOptions.Default with
            {
                CorrectableEccPerHour = 0,
                Timings = PowerTimings.Default with { BmcRebootDuration = TimeSpan.FromMilliseconds(300) },
            },
        }, model =>
        {
            var handler = new RecordingHandler(face.CreateHandler(model), _clock);
            lock (_handlers)
            {
                _handlers[model] = handler;
            }
            return handler;
        }, face.CreateSolHandler);
    }

    public byte Subnet { get; }

    public int Port { get; }

    public SimulatedFleet Fleet { get; }

    public RedfishFace Redfish { get; private set; } = null!;

    public static async Task<SimulatedBmcs> StartAsync(byte subnet, int nodes)
    {
        var bmcs = new SimulatedBmcs(subnet, nodes);
        try
        {
            int ready = await bmcs.Fleet.WaitReadyAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            if (ready != nodes)
            {
                throw new InvalidOperationException($"only {ready} of {nodes} simulated BMCs on 127.0.{subnet}.x:{bmcs.Port} answered a presence ping");
            }
            bmcs.Redfish = await RedfishFace.StartAsync(bmcs.Fleet, new RedfishFaceOptions
            {
                Placement = new SimulatorPlacement(PortBase: bmcs.Port + 1, Subnet: subnet),
            }, CancellationToken.None);
            return bmcs;
        }
        catch
        {
            await bmcs.DisposeAsync();
            throw;
        }
    }

    public BmcModel Model(int index) => Fleet.Nodes[index].Model;

    public SimulatedNode Node(int index) => Fleet.Nodes[index];

    public RecordingHandler Received(int index)
    {
        lock (_handlers)
        {
            return _handlers[Model(index)];
        }
    }

    /// <summary>The stored URL of node <paramref name="index"/>'s IPMI face (no user: the credential's applies).</summary>
    public string IpmiUrl(int index) => $"ipmi://{Node(index).IpmiEndPoint.Address}:{Node(index).IpmiEndPoint.Port}";

    public string RedfishUrl(int index) => $"redfish://{Redfish[index].EndPoint.Address}:{Redfish[index].EndPoint.Port}";

    public TimeSpan Now => _clock.Elapsed;

    public async ValueTask DisposeAsync()
    {
        if (Redfish is not null)
        {
            await Redfish.DisposeAsync();
        }
        await Fleet.DisposeAsync();
    }
}
