using Lifeline.Drivers.Ipmi;
using Lifeline.Drivers.Redfish;

namespace Lifeline.Drivers;

/// <summary>
/// Makes the per-BMC backends that keep their sessions warm (fleet node grains own one each). The result owns its
/// BMC's sessions: dispose it (it is <see cref="IAsyncDisposable"/>) to close them.
/// </summary>
public interface IWarmBackendFactory
{
    /// <summary>A backend for <paramref name="target"/> only, keeping its session open between verbs.</summary>
    IBmcBackend Create(BmcTarget target);
}

/// <summary>
/// Warm backends over the process-wide IPMI and Redfish backends: they share the one UDP socket pool, the SDR cache
/// and the TLS trust stores, and each keeps its own BMC's session.
/// </summary>
public sealed class WarmBackendFactory : IWarmBackendFactory
{
    private readonly IpmiBmcBackend _ipmi;
    private readonly RedfishBmcBackend _redfish;
    private readonly WarmSessionOptions _options;

    public WarmBackendFactory(IpmiBmcBackend ipmi, RedfishBmcBackend redfish, WarmSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(ipmi);
        ArgumentNullException.ThrowIfNull(redfish);
        ArgumentNullException.ThrowIfNull(options);
        _ipmi = ipmi;
        _redfish = redfish;
        _options = options;
    }

    public IBmcBackend Create(BmcTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsRedfish ? _redfish.CreateWarm() : _ipmi.CreateWarm(_options);
    }
}
