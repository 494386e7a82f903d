using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Client;

// Keep-alive: BMCs expire idle sessions (typically after 60 s, §6.12.15). When the session has been idle for the
// configured interval, send Get Device ID (harmless at every privilege) so the BMC keeps it.
public sealed partial class IpmiSession
{
    private ITimer? _keepAlive;

    private void StartKeepAlive()
    {
        if (_options.KeepAliveInterval is not TimeSpan interval || interval <= TimeSpan.Zero)
        {
            return;
        }
        _keepAlive = _options.TimeProvider.CreateTimer(_ => _ = KeepAliveTickAsync(interval), null, interval, interval);
    }

    private async Task KeepAliveTickAsync(TimeSpan interval)
    {
        var idle = _options.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastActivityTicks));
        if (idle < interval || _disposed)
        {
            return;
        }
        try
        {
            await SendAsync(new IpmiRequest(NetFn.App, 0x01, ReadOnlyMemory<byte>.Empty), CancellationToken.None).ConfigureAwait(false);
            KeepAlivesSent++;
        }
        catch (Exception e) when (e is IpmiException or ObjectDisposedException or OperationCanceledException)
        {
            // the next real request re-opens or reports the loss
        }
    }

    /// <summary>Keep-alive messages sent so far.</summary>
    public int KeepAlivesSent { get; private set; }
}
