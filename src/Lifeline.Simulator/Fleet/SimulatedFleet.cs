using System.Net;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Transport;
using Lifeline.Simulator.Ipmi;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Fleet;

/// <summary>What to simulate and where.</summary>
public sealed record SimulatedFleetOptions
{
    public int Nodes { get; init; } = 1;
    public int Seed { get; init; } = 1;
    public SimulatorPlacement Placement { get; init; } = new();
    /// <summary>Admin account of every BMC (an operator and a read-only user exist too).</summary>
    public string UserName { get; init; } = "admin";
    public string Password { get; init; } = "admin";
    public BmcOptions Defaults { get; init; } = BmcOptions.Default;
    /// <summary>Per-node changes (index, defaults) → options: fault injection, personalities.</summary>
    public Func<int, BmcOptions, BmcOptions>? Override { get; init; }
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public override string ToString() => $"{Nodes} nodes, seed {Seed}, user {UserName} (password redacted)";
}

/// <summary>A fleet of simulated BMCs, each a <see cref="BmcModel"/> behind its own UDP endpoint.</summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly List<SimulatedNode> _nodes;

    private SimulatedFleet(BmcFleetModel model, List<SimulatedNode> nodes)
    {
        Model = model;
        _nodes = nodes;
    }

    public BmcFleetModel Model { get; }
    public IReadOnlyList<SimulatedNode> Nodes => _nodes;

    /// <summary>Builds the models and binds every node's UDP endpoint. Throws with the endpoint when one cannot be bound.</summary>
    public static SimulatedFleet Start(SimulatedFleetOptions options, Func<BmcModel, IIpmiCommandHandler> handlerFactory,
        Func<BmcModel, RmcpPlusResponder, ISolPayloadHandler?>? solFactory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Nodes, 1);
        var model = new BmcFleetModel(new BmcFleetOptions
        {
            Count = options.Nodes,
            Seed = options.Seed,
            Defaults = options.Defaults,
            UserName = options.UserName,
            Password = options.Password,
            Override = options.Override,
        }, options.TimeProvider);
        var nodes = new List<SimulatedNode>(options.Nodes);
        try
        {
            for (int i = 0; i < options.Nodes; i++)
            {
                var bmc = model[i];
                var endpoint = options.Placement.EndPointOf(i);
                // the BMC's LAN configuration (Get LAN Configuration Parameters, Redfish later) names where it really listens
                bmc.Lan = bmc.Lan with { Address = endpoint.Address };
                var conditions = new ModelNetworkConditions(bmc);
                var settings = new ResponderSettings
                {
                    AcceptedSuites = bmc.Faults.CipherSuites.ToHashSet(),
                    SessionLimit = bmc.Faults.SessionLimit,
                    Guid = bmc.SystemGuid.ToByteArray(),
                };
                var responder = new RmcpPlusResponder(settings, new ModelAccountDirectory(bmc), handlerFactory(bmc), options.TimeProvider);
                conditions.Attach(responder);
                UdpBmcListener listener;
                try
                {
                    listener = new UdpBmcListener(endpoint, responder, conditions, options.TimeProvider);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    throw new InvalidOperationException(
                        $"cannot listen on {endpoint} for {bmc.Name}: {e.Message}" +
                        (endpoint.Port < 1024 ? " (ports below 1024 need root: use --address 127.0.0.1 --port-base 10623)" : ""), e);
                }
                responder.SolHandler = solFactory?.Invoke(bmc, responder);
                var node = new SimulatedNode(bmc, responder, listener);
                nodes.Add(node);
                listener.Start();
            }
        }
        catch
        {
            foreach (var n in nodes)
            {
                n.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            throw;
        }
        return new SimulatedFleet(model, nodes);
    }

    /// <summary>
    /// Waits until every BMC that is not hung on purpose answers an RMCP presence ping; returns how many answered.
    /// </summary>
    public async Task<int> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var transport = new IpmiUdpTransport(socketCount: 4);
        int answered = 0;
        var pending = _nodes.Where(n => !n.Model.Faults.Hung).Select(n => n.IpmiEndPoint).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var missing = new List<IPEndPoint>();
            await foreach (var r in PresenceProbe.PingAsync(pending, TimeSpan.FromMilliseconds(500), transport, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (r.Answered)
                {
                    answered++;
                }
                else
                {
                    missing.Add(r.Endpoint);
                }
            }
            pending = missing;
        }
        return answered;
    }

    /// <summary>One BMC URL per line (ipmi://user@host:port), for the CLI's --bmc-file and for tests.</summary>
    public IEnumerable<string> InventoryLines(string userName) =>
        _nodes.Select(n => $"ipmi://{userName}@{n.IpmiEndPoint.Address}:{n.IpmiEndPoint.Port}");

    public async ValueTask DisposeAsync()
    {
        foreach (var n in _nodes)
        {
            await n.DisposeAsync().ConfigureAwait(false);
        }
    }
}
