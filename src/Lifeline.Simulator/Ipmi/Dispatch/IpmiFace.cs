using System.Collections.Concurrent;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Ipmi.Dispatch;

/// <summary>
/// Puts an <see cref="IpmiCommandDispatcher"/> (and its SOL server) in front of every node of a
/// <see cref="SimulatedFleet"/>: pass <see cref="CreateHandler"/> and <see cref="CreateSolHandler"/> to
/// <see cref="SimulatedFleet.Start"/>, or call <see cref="StartFleet"/>.
/// </summary>
public sealed class IpmiFace
{
    private readonly ConcurrentDictionary<BmcModel, IpmiCommandDispatcher> _dispatchers = new(ReferenceEqualityComparer.Instance);
    private readonly DispatcherOptions _options;

    public IpmiFace(DispatcherOptions? options = null)
    {
        _options = options ?? DispatcherOptions.Default;
    }

    /// <summary>Starts a fleet with this face on every node.</summary>
    public static (SimulatedFleet Fleet, IpmiFace Face) StartFleet(SimulatedFleetOptions options, DispatcherOptions? dispatcherOptions = null)
    {
        var face = new IpmiFace(dispatcherOptions);
        return (SimulatedFleet.Start(options, face.CreateHandler, face.CreateSolHandler), face);
    }

    public IIpmiCommandHandler CreateHandler(BmcModel model) =>
        _dispatchers.GetOrAdd(model, static (m, options) => new IpmiCommandDispatcher(m, options), _options);

    public ISolPayloadHandler? CreateSolHandler(BmcModel model, RmcpPlusResponder responder)
    {
        var dispatcher = (IpmiCommandDispatcher)CreateHandler(model);
        dispatcher.Attach(responder);
        return dispatcher.Sol;
    }

    /// <summary>The dispatcher serving <paramref name="model"/>.</summary>
    public IpmiCommandDispatcher DispatcherOf(BmcModel model) => _dispatchers[model];
}
