using Lifeline.Drivers;
using System.Collections.Immutable;
using System.Text;
using Lifeline.Simulator.Consoles;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Redfish;

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
            RedfishFace? redfish = null;
            if (options.Redfish is { } rf)
            {
                redfish = await RedfishFace.StartAsync(fleet, new RedfishFaceOptions
                {
                    UseHttps = !rf.PlainHttp,
                    Placement = new SimulatorPlacement { EndPoints = rf.Endpoints },
                    MockupDirectory = ResolveMockup(rf.Mockup),
                }, cancellationToken).ConfigureAwait(false);
                if (rf.InventoryFile is { } redfishPath)
                {
                    await File.WriteAllLinesAsync(redfishPath, redfish.InventoryLines(options.User), cancellationToken).ConfigureAwait(false);
                }
            }
            foreach (var scenario in options.Scenarios)
            {
                foreach (int number in scenario.Nodes)
                {
                    scenario.Apply(fleet.Nodes[number - 1].Model);
                }
            }
            var consoles = options.Consoles is { } co ? StartConsoles(fleet, co) : null;
            return new Handle(fleet, redfish, consoles, ready, urls, options.User);
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The console ports, flood and timed fault of <paramref name="options"/>.</summary>
    private static ConsoleFace StartConsoles(SimulatedFleet fleet, ConsoleSimulatorOptions options)
    {
        var face = new ConsoleFace();
        try
        {
            for (int i = 0; i < options.Endpoints.Count && i < fleet.Nodes.Count; i++)
            {
                face.Servers.Add(ConsoleTcpServer.Start(fleet.Nodes[i].Model, options.Endpoints[i]));
            }
        }
        catch
        {
            _ = face.DisposeAsync().AsTask();
            throw;
        }

        var models = fleet.Nodes.Select(n => n.Model).ToArray();
        if (options.FloodBytesPerSecond > 0)
        {
            face.Flood = new ConsoleFlood(models, options.FloodBytesPerSecond, fleet.Model.TimeProvider);
        }

        if (options.Fault is { } fault && options.FaultNodes > 0)
        {
            var victims = models.Take(options.FaultNodes).ToArray();
            face.Fault = fleet.Model.TimeProvider.CreateTimer(_ =>
            {
                foreach (var model in victims)
                {
                    if (fault == "panic")
                    {
                        model.PanicConsole();
                    }
                    else
                    {
                        model.MceStorm();
                    }
                }
            }, null, options.FaultAfter, Timeout.InfiniteTimeSpan);
        }

        return face;
    }

    private sealed class ConsoleFace : IAsyncDisposable
    {
        public List<ConsoleTcpServer> Servers { get; } = [];

        public ConsoleFlood? Flood { get; set; }

        public ITimer? Fault { get; set; }

        public async ValueTask DisposeAsync()
        {
            Fault?.Dispose();
            Flood?.Dispose();
            foreach (var server in Servers)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A mockup folder, or a name under ../shared/redfish-mockups found above the working directory.</summary>
    private static string? ResolveMockup(string? mockup)
    {
        if (mockup is null || Directory.Exists(mockup))
        {
            return mockup;
        }
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "redfish-mockups", mockup);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new UsageException($"--redfish-mockup {mockup}: no such folder, and no shared/redfish-mockups/{mockup} above {Environment.CurrentDirectory}");
    }

    private sealed class Handle(SimulatedFleet fleet, RedfishFace? redfish, ConsoleFace? consoles, int ready, IReadOnlyList<string> urls, string user) : ISimulatedFleetHandle
    {
        public IReadOnlyList<string> ConsoleUrls { get; } = consoles?.Servers.Select(s => $"tcp://{s.LocalEndPoint}").ToArray() ?? [];

        public int Ready => ready;
        public IReadOnlyList<string> Urls => urls;
        public IReadOnlyList<string> RedfishUrls { get; } = redfish?.InventoryLines(user).ToArray() ?? [];
        public string? RedfishCertificateFingerprint => redfish?.CertificateFingerprint;

        private SimulatedConsoleTotals? _finalTotals;

        // after disposal: the counts once the ports stopped (nothing is sent after them)
        public SimulatedConsoleTotals? ConsoleTotals => _finalTotals ?? (consoles is null ? null
            : new(fleet.Nodes.Sum(n => n.Model.ConsoleEnd), consoles.Servers.Sum(s => s.BytesSent)));

        public async ValueTask DisposeAsync()
        {
            if (consoles is not null)
            {
                await consoles.DisposeAsync().ConfigureAwait(false);
                _finalTotals = ConsoleTotals;
            }

            if (redfish is not null)
            {
                await redfish.DisposeAsync().ConfigureAwait(false);
            }
            await fleet.DisposeAsync().ConfigureAwait(false);
        }
    }
}
