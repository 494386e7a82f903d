using Lifeline.Ipmi.Client;

namespace Lifeline.Drivers.Ipmi;

// discover — RMCP/ASF presence ping (IPMI v2.0 §13.2.3), no credentials.
public sealed partial class IpmiBmcBackend
{
    public async Task<DiscoverResult> DiscoverAsync(BmcTarget target, DiscoverSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = await ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        // PresenceProbe sends two pings within the timeout; --retries adds rounds of those.
        for (int round = 0; round <= Math.Max(0, settings.Retries / 2); round++)
        {
            await foreach (var result in PresenceProbe.PingAsync([endpoint], settings.Timeout * 2, _transport, timeProvider: _time, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (result.Answered && result.Pong is { } pong)
                {
                    return new DiscoverResult(true, pong.IpmiSupported, (int)pong.OemIana);
                }
            }
        }
        return new DiscoverResult(false);
    }
}
