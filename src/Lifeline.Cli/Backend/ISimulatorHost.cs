using Lifeline.Drivers;
using System.Net;
using Lifeline.Cli.Secrets;

namespace Lifeline.Cli.Backend;

/// <summary>
/// Starts the simulated fleet for <c>lifeline sim</c>. The CLI works out the endpoints and credentials; the host binds
/// one simulated BMC per endpoint and keeps them running until the returned fleet is disposed.
/// </summary>
public interface ISimulatorHost
{
    /// <summary>Binds every endpoint and returns once all BMCs answer (or throws, binding nothing).</summary>
    Task<ISimulatedFleetHandle> StartAsync(SimulatorOptions options, CancellationToken cancellationToken);
}

/// <summary>What <c>lifeline sim</c> asks for.</summary>
/// <param name="Endpoints">One UDP endpoint per simulated BMC, in node order.</param>
/// <param name="User">The user name every simulated BMC accepts.</param>
/// <param name="Password">Its password (LIFELINE_SIM_PASSWORD, default "admin").</param>
/// <param name="InventoryFile">Where to write the fleet's inventory: one BMC URL per line (ipmi://user@host:port), or null.</param>
/// <param name="Seed">Seed for simulated readings and faults, so runs can be repeated; null for a random one.</param>
public sealed record SimulatorOptions(
    IReadOnlyList<IPEndPoint> Endpoints,
    string User,
    Secret Password,
    string? InventoryFile,
    int? Seed)
{
    /// <summary>Fault injection applied to every node.</summary>
    public SimulatorFaults Faults { get; init; } = new();

    /// <summary>Also serve Redfish from every node (same model as its IPMI face), or null.</summary>
    public RedfishSimulatorOptions? Redfish { get; init; }

    /// <summary>Serve every node's host console on a raw TCP port, with scripted faults and floods, or null.</summary>
    public ConsoleSimulatorOptions? Consoles { get; init; }

    /// <summary>Degradation scenarios (<c>--scenario</c>) started on their nodes once the fleet is up.</summary>
    public IReadOnlyList<Lifeline.Cli.Commands.SimScenario> Scenarios { get; init; } = [];
}

/// <summary>The console-server face of <c>lifeline sim --console-port-base</c> and its console faults.</summary>
/// <param name="Endpoints">One TCP endpoint per node (node order), or empty for no console ports (faults and floods still run).</param>
/// <param name="Fault">panic or mce, or null.</param>
/// <param name="FaultNodes">How many nodes (the first ones) get the fault.</param>
/// <param name="FaultAfter">When the fault happens, after the fleet is up.</param>
/// <param name="FloodBytesPerSecond">Every node prints ordinary log lines at this rate (0: none).</param>
public sealed record ConsoleSimulatorOptions(IReadOnlyList<IPEndPoint> Endpoints, string? Fault = null, int FaultNodes = 0, TimeSpan FaultAfter = default, int FloodBytesPerSecond = 0);

/// <summary>The Redfish face of <c>lifeline sim --redfish</c>.</summary>
/// <param name="Endpoints">One HTTPS (or HTTP) endpoint per node, in node order.</param>
/// <param name="PlainHttp">Serve plain HTTP (clients then use redfish+http://) instead of HTTPS with a self-signed certificate.</param>
/// <param name="Mockup">A recorded tree (a folder, or a name under ../shared/redfish-mockups) giving each node its shape.</param>
/// <param name="InventoryFile">Where to write one redfish:// URL per node, or null.</param>
public sealed record RedfishSimulatorOptions(IReadOnlyList<IPEndPoint> Endpoints, bool PlainHttp, string? Mockup, string? InventoryFile);

/// <summary>Fault injection for <c>lifeline sim</c>.</summary>
/// <param name="HungNodes">The last N nodes receive but never answer (dead BMCs).</param>
/// <param name="LossPercent">Percentage of datagrams each BMC drops.</param>
/// <param name="Latency">Delay added to every answer.</param>
/// <param name="SessionLimit">Sessions each BMC allows at once (null = the simulator's default, 4).</param>
/// <param name="Suite0Nodes">The first N nodes also accept cipher suite 0 (for security scans).</param>
public sealed record SimulatorFaults(int HungNodes = 0, double LossPercent = 0, TimeSpan Latency = default, int? SessionLimit = null, int Suite0Nodes = 0);

/// <summary>A running simulated fleet.</summary>
public interface ISimulatedFleetHandle : IAsyncDisposable
{
    /// <summary>How many BMCs answered the readiness ping.</summary>
    int Ready { get; }

    /// <summary>One BMC URL per node (ipmi://user@host:port).</summary>
    IReadOnlyList<string> Urls { get; }

    /// <summary>One Redfish URL per node (redfish://user@host:port), empty without a Redfish face.</summary>
    IReadOnlyList<string> RedfishUrls => [];

    /// <summary>SHA-256 fingerprint of the Redfish face's self-signed certificate ("AB:CD:…"), when it serves HTTPS.</summary>
    string? RedfishCertificateFingerprint => null;

    /// <summary>One console-server URL per node (tcp://host:port), empty without console ports.</summary>
    IReadOnlyList<string> ConsoleUrls => [];

    /// <summary>
    /// Console byte counts so far (for benchmarks' loss figures): every node's host console output since the fleet
    /// started, and what the console ports sent to their clients; null without a console face.
    /// </summary>
    SimulatedConsoleTotals? ConsoleTotals => null;
}

/// <summary>Console bytes of a simulated fleet.</summary>
/// <param name="Produced">Bytes the hosts printed on their consoles (all nodes).</param>
/// <param name="Sent">Bytes the TCP console ports wrote to their clients (all ports, all clients).</param>
public sealed record SimulatedConsoleTotals(long Produced, long Sent);
