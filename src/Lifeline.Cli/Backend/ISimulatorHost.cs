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
    Task<IAsyncDisposable> StartAsync(SimulatorOptions options, CancellationToken cancellationToken);
}

/// <summary>What <c>lifeline sim</c> asks for.</summary>
/// <param name="Endpoints">One UDP endpoint per simulated BMC, in node order.</param>
/// <param name="User">The user name every simulated BMC accepts.</param>
/// <param name="Password">Its password (LIFELINE_SIM_PASSWORD, default "admin").</param>
/// <param name="InventoryFile">A file describing the fleet (FRU data, sensors, personalities), or null for defaults.</param>
/// <param name="Seed">Seed for simulated readings and faults, so runs can be repeated; null for a random one.</param>
public sealed record SimulatorOptions(
    IReadOnlyList<IPEndPoint> Endpoints,
    string User,
    Secret Password,
    string? InventoryFile,
    int? Seed);
