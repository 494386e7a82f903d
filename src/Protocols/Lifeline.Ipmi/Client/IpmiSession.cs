using Lifeline.Ipmi.Commands.App;
using System.Net;
using System.Security.Cryptography;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Lifeline.Ipmi.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifeline.Ipmi.Client;

/// <summary>
/// One RMCP+ session to one BMC (IPMI v2.0 §13). It owns its place on a shared UDP socket, one receive path
/// (<see cref="OnDatagram"/>), a tracker that completes waiters by rqSeq, retransmission, re-opening after the BMC
/// forgot the session, keep-alive, and Close Session on dispose.
/// </summary>
public sealed partial class IpmiSession : IIpmiChannel, IDatagramReceiver, IAsyncDisposable
{
    private readonly IpmiUdpTransport _transport;
    private readonly IpmiSessionOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _concurrency;
    private TransportRegistration? _registration;
    private SessionKeys _keys = SessionKeys.None;
    private uint _consoleSessionId;
    private uint _bmcSessionId;
    private uint _outboundSequence;
    private bool _active;
    private bool _disposed;
    private long _lastActivityTicks;

    private IpmiSession(IpmiUdpTransport transport, IPEndPoint endpoint, IpmiSessionOptions options)
    {
        _transport = transport;
        Endpoint = endpoint;
        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
        _concurrency = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>The clock the session times itself with (retransmission, keep-alive).</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>The cipher suite this session negotiated.</summary>
    public CipherSuite CipherSuite => _keys.Suite;

    /// <summary>The maximum privilege the BMC granted in Open Session Response.</summary>
    public PrivilegeLevel GrantedPrivilege { get; private set; }

    /// <summary>How many times the session was re-opened after the BMC forgot it.</summary>
    public int Reopens { get; private set; }

    /// <summary>Datagrams from the BMC that were dropped (bad integrity, wrong session, replays, garbage).</summary>
    public long DroppedDatagrams => Interlocked.Read(ref _dropped);

    private long _dropped;
    private long _datagramsReceived;

    /// <summary>Warnings raised while opening (e.g. suite 0 in use).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    private readonly List<string> _warnings = [];

    /// <summary>Opens an authenticated session: Open Session, RAKP 1–4, Set Session Privilege Level.</summary>
    public static async Task<IpmiSession> OpenAsync(IPEndPoint endpoint, IpmiSessionOptions options, IpmiUdpTransport? transport = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptions(options);
        var session = new IpmiSession(transport ?? IpmiUdpTransport.Shared, endpoint, options);
        try
        {
            session._registration = session._transport.Register(endpoint, session);
            await session.EstablishAsync(cancellationToken).ConfigureAwait(false);
            session.StartKeepAlive();
            return session;
        }
        catch
        {
            session._registration?.Dispose();
            session._keys.Dispose();
            throw;
        }
    }

    private static void ValidateOptions(IpmiSessionOptions options)
    {
        if (options.UserName.Length > 16)
        {
            throw new IpmiException(IpmiError.InvalidRequest, "IPMI user names are at most 16 bytes");
        }
        if (options.Password.Length > 20)
        {
            throw new IpmiException(IpmiError.InvalidRequest, "IPMI 2.0 passwords are at most 20 bytes");
        }
        if (options.Kg is { Length: > 20 })
        {
            throw new IpmiException(IpmiError.InvalidRequest, "K_g is at most 20 bytes");
        }
        if (options.CipherSuite is int id && CipherSuite.FromId(id) is null)
        {
            throw new IpmiException(IpmiError.NoCipherSuite, $"cipher suite {id} is not implemented; use 0, 1, 2, 3, 6, 7, 8, 15, 16 or 17");
        }
        if (options.CipherSuite == 0 && !options.AllowInsecureSuite0)
        {
            throw new IpmiException(IpmiError.NoCipherSuite, "cipher suite 0 sends commands without any authentication; it is refused unless explicitly allowed (--allow-suite-0)");
        }
    }

    /// <summary>Receive path: called by the transport's loop for every datagram from this BMC.</summary>
    public void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        Interlocked.Increment(ref _datagramsReceived);
        if (!SessionPacket.TryReadHeader(datagram, out var header, out _))
        {
            Drop();
            return;
        }
        if (header.PayloadType is PayloadType.OpenSessionResponse or PayloadType.Rakp2 or PayloadType.Rakp4)
        {
            OnHandshakeMessage(header, datagram.Slice(header.PayloadOffset, header.PayloadLength));
            return;
        }
        SessionKeys keys;
        lock (_lock)
        {
            keys = _keys;
            if (header.SessionId != 0 && (!_active || header.SessionId != _consoleSessionId))
            {
                Drop();
                return;
            }
        }
        var payload = SessionPacket.TryOpenPayload(datagram, header, header.SessionId == 0 ? SessionKeys.None : keys, out _);
        if (payload is null || (header.SessionId != 0 && !AcceptInboundSequence(header.Sequence)))
        {
            Drop();
            return;
        }
        Volatile.Write(ref _lastActivityTicks, _options.TimeProvider.GetTimestamp());
        switch (header.PayloadType)
        {
            case PayloadType.Ipmi:
                OnIpmiResponse(payload);
                break;
            case PayloadType.Sol:
                _payloadHandler?.Invoke(PayloadType.Sol, payload);
                break;
            default:
                Drop();
                break;
        }
    }

    private void Drop() => Interlocked.Increment(ref _dropped);

    private static uint NewSessionId() => SecureRandom.NonZeroUInt32();

    private uint NextOutboundSequence()
    {
        lock (_lock)
        {
            // §6.12.13: sequence numbers start at 1; 0 is reserved for unauthenticated/pre-session packets.
            _outboundSequence = _outboundSequence == uint.MaxValue ? 1 : _outboundSequence + 1;
            return _outboundSequence;
        }
    }

    public async ValueTask DisposeAsync()
    {
        bool wasActive;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            wasActive = _active;
        }
        _keepAlive?.Dispose();
        if (wasActive)
        {
            await TryCloseSessionAsync().ConfigureAwait(false);
        }
        lock (_lock)
        {
            _active = false;
        }
        FailAllPending(new IpmiException(IpmiError.SessionLost, "session closed"));
        _registration?.Dispose();
        _keys.Dispose();
        _concurrency.Dispose();
    }

    private async Task TryCloseSessionAsync()
    {
        // IPMI v2.0 §22.19 Close Session: up to three short attempts (a lost close holds a BMC slot until its idle
        // timeout); a BMC that never answers expires the session itself.
        var request = ToRequest(new CloseSession(_bmcSessionId));
        try
        {
            for (int attempt = 0; attempt < Math.Min(3, _options.Retransmit.Retries + 1); attempt++)
            {
                using var cts = new CancellationTokenSource(_options.Retransmit.AttemptTimeout(0), _options.TimeProvider);
                // also bounded in real time: disposing must never hang, whatever clock the session was given
                using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var either = CancellationTokenSource.CreateLinkedTokenSource(cts.Token, cap.Token);
                try
                {
                    await SendOnceAsync(request, either.Token).ConfigureAwait(false);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // lost: try again
                }
            }
            LogCloseFailed(_logger, Endpoint);
        }
        catch (Exception e) when (e is IpmiException or OperationCanceledException or TimeoutException)
        {
            LogCloseFailed(_logger, Endpoint);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Close Session to {Endpoint} was not acknowledged")]
    private static partial void LogCloseFailed(ILogger logger, IPEndPoint endpoint);

    public override string ToString() => $"IPMI session {_consoleSessionId:X8}/{_bmcSessionId:X8} to {Endpoint} ({_keys.Suite})";
}
