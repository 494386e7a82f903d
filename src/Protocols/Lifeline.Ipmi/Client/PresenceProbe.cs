using System.Net;
using Lifeline.Ipmi.Rmcp;
using Lifeline.Ipmi.Transport;

namespace Lifeline.Ipmi.Client;

/// <summary>Result of one RMCP presence ping (ASF 2.0 §3.2.4, IPMI v2.0 §13.2.3).</summary>
public sealed record PresenceResult(IPEndPoint Endpoint, bool Answered, PresencePong? Pong, TimeSpan? RoundTrip);

/// <summary>Sessionless discovery: sends an ASF presence ping to each endpoint and waits for the pongs.</summary>
public static class PresenceProbe
{
    /// <summary>Pings every endpoint (bounded by <paramref name="concurrency"/>), retrying once; yields each result as it is known.</summary>
    public static async IAsyncEnumerable<PresenceResult> PingAsync(IEnumerable<IPEndPoint> endpoints, TimeSpan timeout, IpmiUdpTransport? transport = null,
        int concurrency = 1024, TimeProvider? timeProvider = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        transport ??= IpmiUdpTransport.Shared;
        timeProvider ??= TimeProvider.System;
        using var gate = new SemaphoreSlim(concurrency);
        var tasks = new List<Task<PresenceResult>>();
        foreach (var endpoint in endpoints)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            tasks.Add(PingOneAsync(endpoint, timeout, transport, timeProvider, gate, cancellationToken));
        }
        while (tasks.Count > 0)
        {
            var done = await Task.WhenAny(tasks).ConfigureAwait(false);
            tasks.Remove(done);
            yield return await done.ConfigureAwait(false);
        }
    }

    private static async Task<PresenceResult> PingOneAsync(IPEndPoint endpoint, TimeSpan timeout, IpmiUdpTransport transport, TimeProvider time,
        SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            var receiver = new PongReceiver();
            using var registration = transport.Register(endpoint, receiver);
            var ping = new byte[AsfPresence.PingSize];
            long start = time.GetTimestamp();
            for (int attempt = 0; attempt < 2; attempt++)
            {
                AsfPresence.WritePing(ping, (byte)(attempt + 1));
                await registration.SendAsync(ping, cancellationToken).ConfigureAwait(false);
                try
                {
                    var pong = await receiver.Pong.Task.WaitAsync(timeout / 2, time, cancellationToken).ConfigureAwait(false);
                    return new PresenceResult(endpoint, true, pong, time.GetElapsedTime(start));
                }
                catch (TimeoutException)
                {
                    // one more try
                }
            }
            return new PresenceResult(endpoint, false, null, null);
        }
        catch (IpmiException)
        {
            return new PresenceResult(endpoint, false, null, null);
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed class PongReceiver : IDatagramReceiver
    {
        public TaskCompletionSource<PresencePong> Pong { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnDatagram(ReadOnlySpan<byte> datagram)
        {
            if (AsfPresence.TryReadPong(datagram, out var pong))
            {
                Pong.TrySetResult(pong);
            }
        }
    }
}
