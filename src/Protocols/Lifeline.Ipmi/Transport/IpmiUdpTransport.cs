using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifeline.Ipmi.Transport;

/// <summary>Receives the datagrams that one remote endpoint sends to the socket it is registered on.</summary>
public interface IDatagramReceiver
{
    /// <summary>Called on the socket's receive loop: must be quick and must not throw.</summary>
    void OnDatagram(ReadOnlySpan<byte> datagram);
}

/// <summary>
/// A small pool of UDP sockets shared by every session of a process (10,000 BMCs do not need 10,000 sockets or
/// threads). Each socket has one receive loop that hands datagrams to the receiver registered for the sender's
/// endpoint; a second session to the same BMC (e.g. SOL beside commands) is placed on another socket, so the pair
/// (local socket, remote endpoint) always names exactly one receiver.
/// </summary>
public sealed partial class IpmiUdpTransport : IAsyncDisposable
{
    private readonly PooledSocket[] _sockets;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private long _unmatched;
    private long _received;
    private long _sent;

    public IpmiUdpTransport(int socketCount = 8, AddressFamily family = AddressFamily.InterNetwork, ILogger? logger = null)
    {
        if (socketCount is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(socketCount), "between 1 and 1024 sockets");
        }
        _logger = logger ?? NullLogger.Instance;
        _sockets = new PooledSocket[socketCount];
        for (int i = 0; i < socketCount; i++)
        {
            _sockets[i] = new PooledSocket(this, family);
        }
        foreach (var s in _sockets)
        {
            s.Start(_stop.Token);
        }
    }

    /// <summary>Process-wide default pool.</summary>
    public static IpmiUdpTransport Shared => SharedHolder.Instance;

    public int SocketCount => _sockets.Length;
    /// <summary>Datagrams from endpoints no receiver is registered for (late answers, garbage, strangers).</summary>
    public long UnmatchedDatagrams => Interlocked.Read(ref _unmatched);
    public long ReceivedDatagrams => Interlocked.Read(ref _received);
    public long SentDatagrams => Interlocked.Read(ref _sent);

    /// <summary>Registers <paramref name="receiver"/> for datagrams from <paramref name="remote"/> on the least loaded socket that has no receiver for it yet.</summary>
    public TransportRegistration Register(IPEndPoint remote, IDatagramReceiver receiver)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var key = remote.Serialize();
        var order = _sockets.OrderBy(s => s.Count).ToArray();
        foreach (var socket in order)
        {
            if (socket.TryAdd(key, receiver))
            {
                return new TransportRegistration(socket, key, remote);
            }
        }
        throw new IpmiException(IpmiError.SessionLimit, $"all {_sockets.Length} local sockets already hold a session to {remote}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var s in _sockets)
        {
            s.Dispose();
        }
        _stop.Dispose();
    }

    private static class SharedHolder
    {
        internal static readonly IpmiUdpTransport Instance = new(Math.Clamp(Environment.ProcessorCount * 4, 4, 32));
    }

    /// <summary>One socket of the pool with its receive loop and its receiver table.</summary>
    internal sealed class PooledSocket : IDisposable
    {
        private readonly IpmiUdpTransport _owner;
        private readonly ConcurrentDictionary<SocketAddress, IDatagramReceiver> _receivers = new();
        private readonly Socket _socket;

        public PooledSocket(IpmiUdpTransport owner, AddressFamily family)
        {
            _owner = owner;
            _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                // Many BMCs answer at once during a fan-out: give the kernel room to queue their answers.
                _socket.ReceiveBufferSize = 4 * 1024 * 1024;
                _socket.SendBufferSize = 1024 * 1024;
            }
            catch (SocketException)
            {
                // capped by the system: keep the default
            }
            _socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        }

        public int Count => _receivers.Count;

        public bool TryAdd(SocketAddress key, IDatagramReceiver receiver) => _receivers.TryAdd(key, receiver);

        public void Remove(SocketAddress key) => _receivers.TryRemove(key, out _);

        /// <summary>
        /// Sends one datagram. UDP sends complete at once (the kernel queues or drops), so this is a plain system call
        /// rather than an async operation: at fan-out scale the async machinery cost more than the send itself.
        /// </summary>
        public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, SocketAddress remote, IPEndPoint remoteEndPoint, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(cancellationToken);
            }
            try
            {
                _socket.SendTo(datagram.Span, SocketFlags.None, remote);
                Interlocked.Increment(ref _owner._sent);
                return ValueTask.CompletedTask;
            }
            catch (SocketException e)
            {
                return ValueTask.FromException(new IpmiException(IpmiError.Unreachable, $"cannot send to {remoteEndPoint}: {e.Message}", e));
            }
            catch (ObjectDisposedException)
            {
                return ValueTask.FromException(new IpmiException(IpmiError.SessionLost, $"cannot send to {remoteEndPoint}: the transport is closed"));
            }
        }

        public void Start(CancellationToken stop) => _ = Task.Run(() => ReceiveLoopAsync(stop), CancellationToken.None);

        private async Task ReceiveLoopAsync(CancellationToken stop)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(65536, pinned: true);
            var from = new SocketAddress(_socket.AddressFamily);
            while (!stop.IsCancellationRequested)
            {
                int n;
                try
                {
                    n = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
                {
                    continue;
                }
                catch (SocketException e)
                {
                    LogReceiveFailed(_owner._logger, e.SocketErrorCode);
                    continue;
                }
                Interlocked.Increment(ref _owner._received);
                if (_receivers.TryGetValue(from, out var receiver))
                {
                    try
                    {
                        receiver.OnDatagram(buffer.AsSpan(0, n));
                    }
                    catch (Exception e)
                    {
                        // A receiver must not throw; if one does, keep the loop (and every other session) alive.
                        LogReceiverThrew(_owner._logger, e);
                    }
                }
                else
                {
                    Interlocked.Increment(ref _owner._unmatched);
                }
            }
        }

        public void Dispose() => _socket.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "UDP receive failed: {Error}")]
    private static partial void LogReceiveFailed(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "An IPMI datagram receiver threw")]
    private static partial void LogReceiverThrew(ILogger logger, Exception exception);
}

/// <summary>A receiver's place on one socket of the pool; dispose to free it.</summary>
public sealed class TransportRegistration : IDisposable
{
    private readonly IpmiUdpTransport.PooledSocket _socket;
    private readonly SocketAddress _key;
    private int _disposed;

    internal TransportRegistration(IpmiUdpTransport.PooledSocket socket, SocketAddress key, IPEndPoint remote)
    {
        _socket = socket;
        _key = key;
        Remote = remote;
    }

    public IPEndPoint Remote { get; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken) =>
        _socket.SendAsync(datagram, _key, Remote, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Remove(_key);
        }
    }
}
