using System.Collections.Immutable;
using System.Text;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;

namespace Lifeline.Cli.Backend.Simulator;

/// <summary>Runs the simulated fleet in this process: one <see cref="Lifeline.Simulator.Model.BmcModel"/> per endpoint behind its IPMI face.</summary>
public sealed class SimulatedFleetHost : ISimulatorHost
{
    public async Task<ISimulatedFleetHandle> StartAsync(SimulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        int count = options.Endpoints.Count;
        var faults = options.Faults;
        var variants = new System.Collections.Concurrent.ConcurrentDictionary<(bool Hung, bool Suite0), Lifeline.Simulator.Model.BmcOptions>();
        var fleetOptions = new SimulatedFleetOptions
        {
            Nodes = count,
            Seed = options.Seed ?? Random.Shared.Next(),
            Placement = new SimulatorPlacement { EndPoints = options.Endpoints },
            UserName = options.User,
            Password = Encoding.UTF8.GetString(options.Password.Bytes),
            Override = (index, defaults) => variants.GetOrAdd((index >= count - faults.HungNodes, index < faults.Suite0Nodes), key =>
            {
                var f = defaults.Faults with
                {
                    Hung = key.Hung,
                    PacketLossPercent = faults.LossPercent,
                    AddedLatency = faults.Latency,
                    SessionLimit = faults.SessionLimit ?? defaults.Faults.SessionLimit,
                };
                // one options instance per variant, so nodes keep sharing their immutable definitions
                return defaults with { Faults = key.Suite0 ? f.WithCipherSuiteZero() : f };
            }),
        };
        var (fleet, _) = IpmiFace.StartFleet(fleetOptions);
        try
        {
            var live = count - Math.Clamp(faults.HungNodes, 0, count);
            int ready = await fleet.WaitReadyAsync(TimeSpan.FromSeconds(Math.Max(5, live / 500.0)), cancellationToken).ConfigureAwait(false);
            var urls = fleet.InventoryLines(options.User).ToImmutableArray();
            if (options.InventoryFile is { } path)
            {
                await File.WriteAllLinesAsync(path, urls, cancellationToken).ConfigureAwait(false);
            }
            return new Handle(fleet, ready, urls);
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Handle(SimulatedFleet fleet, int ready, IReadOnlyList<string> urls) : ISimulatedFleetHandle
    {
        public int Ready => ready;
        public IReadOnlyList<string> Urls => urls;
        public ValueTask DisposeAsync() => fleet.DisposeAsync();
    }
}
