using System.Net;
using System.Net.Sockets;

namespace Lifeline.Simulator.Ipmi;

/// <summary>
/// One simulated BMC's UDP port (623 by default): a receive loop that feeds <see cref="RmcpPlusResponder"/> and sends
/// its answers, applying the node's <see cref="NetworkConditions"/>. No thread per node: one pending async receive.
/// </summary>
public sealed class UdpBmcListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly RmcpPlusResponder _responder;
    private readonly INetworkConditions _conditions;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _received;
    private long _dropped;

    public UdpBmcListener(IPEndPoint bind, RmcpPlusResponder responder, INetworkConditions conditions, TimeProvider? timeProvider = null)
    {
        _responder = responder;
        _conditions = conditions;
        _time = timeProvider ?? TimeProvider.System;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = 256 * 1024;
        }
        catch (SocketException)
        {
            // keep the system default
        }
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        responder.Bind(LocalEndPoint, SendFromBmc);
    }

    public IPEndPoint LocalEndPoint { get; }
    public long ReceivedDatagrams => Interlocked.Read(ref _received);
    public long DroppedByLoss => Interlocked.Read(ref _dropped);

    public void Start() => _loop = Task.Run(ReceiveLoopAsync);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        var from = new SocketAddress(_socket.AddressFamily);
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            Interlocked.Increment(ref _received);
            if (_conditions.Hung)
            {
                continue;
            }
            if (_conditions.DropIncoming())
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }
            var remote = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(from);
            try
            {
                _responder.Receive(buffer.AsSpan(0, n), remote, (reply, delay) => Send(reply, remote, delay));
            }
            catch (Exception) when (!token.IsCancellationRequested)
            {
                // A bug in a handler must never take the BMC's port down: count it as garbage and go on.
            }
        }
    }

    private void Send(ReadOnlyMemory<byte> datagram, IPEndPoint remote, TimeSpan extraDelay)
    {
        var latency = _conditions.Latency + extraDelay;
        if (latency > TimeSpan.Zero)
        {
            var copy = datagram.ToArray();
            _ = Task.Delay(latency, _time, _stop.Token).ContinueWith(
                _ => SendNow(copy, remote), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            return;
        }
        SendNow(datagram, remote);
    }

    private void SendNow(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
        try
        {
            _socket.SendTo(datagram.Span, SocketFlags.None, remote);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // the console went away; nothing to do
        }
    }

    /// <summary>Sends a datagram from this BMC's port (used for SOL data the BMC originates).</summary>
    public void SendFromBmc(ReadOnlyMemory<byte> datagram, IPEndPoint remote, TimeSpan delay = default)
    {
        if (!_conditions.Hung)
        {
            Send(datagram, remote, delay);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }
}
