using System.Runtime.CompilerServices;
using Lifeline.Drivers;
using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Hosting;
using Microsoft.Extensions.Options;

namespace Lifeline.Fleet.Operations;

/// <summary>
/// The events a node's BMC pushes (Redfish Server-Sent Events, DSP0266 §12.5.3), for monitoring to react within a
/// second instead of at the next poll. Push is a hint, never the record: BMCs drop streams on reboot and lose events
/// under load, so the consumer always reconciles with its incremental event-log reads.
/// </summary>
public interface INodeEventStream
{
    /// <summary>
    /// The node's pushed events until the stream ends (BMC reboot, network) or the token fires. Nothing for nodes
    /// managed over IPMI or without a usable configuration; failures to connect are exceptions.
    /// </summary>
    IAsyncEnumerable<BmcEvent> WatchAsync(string node, CancellationToken cancellationToken);
}

/// <summary>A stream of its own per node, beside the grain's warm session (a long-lived stream must not hold the grain's gate).</summary>
internal sealed class NodeEventStream(NodeConfigurationCache configurations, IWarmBackendFactory backends, IOptions<FleetOptions> options) : INodeEventStream
{
    public async IAsyncEnumerable<BmcEvent> WatchAsync(string node, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (configuration, password) = await configurations.ResolveAsync(node, cancellationToken).ConfigureAwait(false);
        using (password)
        {
            if (configuration.Error is not null || password is null || configuration.Target is not { IsRedfish: true } target)
            {
                yield break;
            }
            var backend = backends.Create(target);
            await foreach (var e in backend.WatchEventsAsync(target, options.Value.ConnectionSettingsFor(password), cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }
}
