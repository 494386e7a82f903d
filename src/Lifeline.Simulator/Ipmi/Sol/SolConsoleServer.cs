using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sol;
using Lifeline.Simulator.Model;
using Lifeline.Ipmi.Sessions;
using SessionPayloadType = Lifeline.Ipmi.Sessions.PayloadType;

namespace Lifeline.Simulator.Ipmi.Sol;

/// <summary>
/// The BMC side of Serial over LAN (IPMI v2.0 §15, §24) for one node: Activate/Deactivate Payload for SOL instance 1,
/// then, while a session has it active, a pump that carries the model's host console to that session and typed
/// characters back. One timer per active SOL session (none while idle), polling the console every
/// <see cref="PollInterval"/>: new output goes out as one packet at a time (sequence numbers 1-15), resent every
/// <see cref="RetryInterval"/> until acknowledged, at most <see cref="RetryCount"/> times; a NACK or a CTS pause
/// from the console holds output until it asks again. Inbound characters go to the model's console once each and are
/// acknowledged with their accepted count; a break request reaches the model as a serial break.
/// </summary>
public sealed class SolConsoleServer : ISolPayloadHandler
{
    /// <summary>Largest SOL payload (4-byte header + characters) the BMC accepts and sends.</summary>
    public const ushort MaxPayloadSize = 252;

    private const byte Instance = 1;

    private readonly BmcModel _model;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private Action<ServerSession, byte[]>? _transmit;
    private SolPump? _active;
    private volatile bool _enabled = true;

    public SolConsoleServer(BmcModel model, byte lanChannel = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _time = model.TimeProvider;
        LanChannel = lanChannel;
    }

    public byte LanChannel { get; }

    /// <summary>SOL configuration parameter 1: when false, Activate Payload answers 81h "payload type disabled".</summary>
    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>How often an active session's pump looks for new console output.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>SOL parameter 4: how long an unacknowledged packet waits before it is sent again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>SOL parameter 4: how many times a packet is sent again before its characters are given up.</summary>
    public int RetryCount { get; init; } = 3;

    /// <summary>The session SOL instance 1 is active on, if any.</summary>
    public ServerSession? ActiveSession
    {
        get
        {
            lock (_lock)
            {
                return _active?.Session;
            }
        }
    }

    /// <summary>Packets sent again because they were not acknowledged in time (for tests and diagnostics).</summary>
    public long Retransmissions { get; private set; }

    /// <summary>SOL packets leave through the node's session engine, inside the session they belong to.</summary>
    public void Attach(RmcpPlusResponder responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        _transmit = (session, payload) => responder.SendToConsole(session, SessionPayloadType.Sol, payload);
    }

    /// <summary>Tests: where outgoing SOL payloads go instead of a session engine.</summary>
    internal void Attach(Action<ServerSession, byte[]> transmit) => _transmit = transmit;

    // §24.1 Activate Payload: 80h when SOL is active in any session, 81h when SOL is disabled.
    public IpmiResponse Activate(IpmiCommandContext context, ActivatePayload request, ushort port)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (request.PayloadType != PayloadType.Sol || request.Instance != Instance || context.Session is null)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        if (!Enabled)
        {
            return Fail(ActivatePayload.PayloadTypeDisabled);
        }
        lock (_lock)
        {
            if (_active is not null)
            {
                return Fail(ActivatePayload.PayloadAlreadyActive);
            }
            _active = new SolPump(this, context.Session, _model.ConsoleEnd);
        }
        var response = new ActivatePayloadResponse(0, MaxPayloadSize, MaxPayloadSize, port, null);
        var w = new IpmiWriter(12);
        response.Write(w);
        return new IpmiResponse(CompletionCode.Success, w.ToArray());
    }

    // §24.2 Deactivate Payload: any session may end the SOL session (that is how a stuck one is taken over).
    public IpmiResponse Deactivate(IpmiCommandContext context, DeactivatePayload request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PayloadType != PayloadType.Sol || request.Instance != Instance)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        SolPump? pump;
        lock (_lock)
        {
            pump = _active;
            _active = null;
        }
        if (pump is null)
        {
            return Fail(DeactivatePayload.PayloadAlreadyDeactivated);
        }
        pump.Dispose();
        return new IpmiResponse(CompletionCode.Success, ReadOnlyMemory<byte>.Empty);
    }

    // §24.4 Get Payload Activation Status: one SOL instance.
    public IpmiResponse ActivationStatus(GetPayloadActivationStatus request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PayloadType is not (PayloadType.Sol or PayloadType.Ipmi))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        ushort active = request.PayloadType == PayloadType.Sol && ActiveSession is not null ? (ushort)1 : (ushort)0;
        var w = new IpmiWriter(3);
        new PayloadActivationStatusResponse(1, active).Write(w);
        return new IpmiResponse(CompletionCode.Success, w.ToArray());
    }

    // §24.5 Get Payload Instance Info: the session SOL instance 1 is active in, and serial port 1.
    public IpmiResponse InstanceInfo(GetPayloadInstanceInfo request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PayloadType != PayloadType.Sol || request.Instance != Instance)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        var w = new IpmiWriter(12);
        new PayloadInstanceInfoResponse(ActiveSession?.BmcSessionId ?? 0, [1]).Write(w);
        return new IpmiResponse(CompletionCode.Success, w.ToArray());
    }

    public void OnSolPayload(ServerSession session, byte[] payload)
    {
        lock (_lock)
        {
            if (_active is { } pump && pump.Session == session)
            {
                pump.Receive(payload);
            }
        }
    }

    public void OnSessionClosed(ServerSession session)
    {
        SolPump? pump = null;
        lock (_lock)
        {
            if (_active?.Session == session)
            {
                pump = _active;
                _active = null;
            }
        }
        pump?.Dispose();
    }

    private static IpmiResponse Fail(CompletionCode code) => new(code, ReadOnlyMemory<byte>.Empty);

    private static IpmiResponse Fail(byte code) => new((CompletionCode)code, ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// One active SOL session: console position, the packet in flight, the console's flow control. The BMC side keeps
    /// its own bookkeeping rather than Lifeline.Ipmi's SolSequencer (a console's): per the SOL Retry parameter (§26.3) a
    /// packet still unacknowledged after its retries is dropped and output goes on, and a NACK that accepted some
    /// characters has the rest resent as a new packet.
    /// </summary>
    private sealed class SolPump : IDisposable
    {
        private const int MaxCharacters = MaxPayloadSize - SolPacket.HeaderSize;

        private readonly SolConsoleServer _server;
        private readonly ITimer _timer;
        private long _position;
        private byte _nextSequence = 1;
        private InFlight? _inFlight;
        private byte _lastInboundSequence;
        private byte _lastInboundAccepted;
        private bool _ctsPaused;
        private bool _disposed;

        public SolPump(SolConsoleServer server, ServerSession session, long position)
        {
            _server = server;
            Session = session;
            _position = position;
            _timer = server._time.CreateTimer(static state => ((SolPump)state!).Tick(), this, server.PollInterval, server.PollInterval);
        }

        public ServerSession Session { get; }

        /// <summary>Timer tick: resend what is due, else send new console output (caller does not hold the lock).</summary>
        private void Tick()
        {
            lock (_server._lock)
            {
                if (!_disposed)
                {
                    Pump();
                }
            }
        }

        // The server's lock is held from here on.
        private void Pump()
        {
            if (_ctsPaused)
            {
                return;
            }
            var now = _server._time.GetTimestamp();
            if (_inFlight is { } packet)
            {
                if (now < packet.DueAt)
                {
                    return;
                }
                if (packet.Attempts > _server.RetryCount)
                {
                    _inFlight = null; // retries spent: the characters are dropped (§26.3 Retry) and output goes on
                }
                else
                {
                    Send(packet, now);
                    return;
                }
            }
            var buffer = new byte[MaxCharacters];
            var read = _server._model.ReadConsole(_position, buffer);
            if (read.Count == 0)
            {
                return;
            }
            _position = read.Next;
            Send(new InFlight(NextSequence(), buffer[..read.Count], now, 0), now);
        }

        private byte NextSequence()
        {
            byte s = _nextSequence;
            _nextSequence = (byte)(s % SolPacket.MaxSequence + 1);
            return s;
        }

        private void Send(InFlight packet, long now)
        {
            if (packet.Attempts > 0)
            {
                _server.Retransmissions++;
            }
            _inFlight = packet with { Attempts = packet.Attempts + 1, DueAt = now + Ticks(_server.RetryInterval) };
            Transmit(SolPacket.ForData(packet.Sequence, packet.Data));
        }

        private long Ticks(TimeSpan interval) => (long)(interval.TotalSeconds * _server._time.TimestampFrequency);

        private void Transmit(SolPacket packet) => _server._transmit?.Invoke(Session, packet.ToArray());

        /// <summary>A packet from the console (the server's lock is held).</summary>
        public void Receive(ReadOnlySpan<byte> payload)
        {
            if (_disposed || payload.Length < SolPacket.HeaderSize)
            {
                return;
            }
            var p = SolPacket.Read(payload);
            var now = _server._time.GetTimestamp();
            var operation = p.Operation;
            if ((operation & SolOperation.FlushOutbound) != 0)
            {
                _inFlight = null;
                _position = _server._model.ConsoleEnd;
            }
            // The console's ack of our packet in flight: all taken, some taken (the rest goes again as a new packet),
            // or a NACK (not now: what was not taken goes again after the retry interval).
            if (p.CarriesAck && _inFlight is { } packet && p.AckSequenceNumber == packet.Sequence)
            {
                int accepted = Math.Min(p.AcceptedCharacterCount, packet.Data.Length);
                _inFlight = accepted >= packet.Data.Length ? null
                    : p.IsNack && accepted == 0 ? packet with { DueAt = now + Ticks(_server.RetryInterval) }
                    : new InFlight(NextSequence(), packet.Data[accepted..], p.IsNack ? now + Ticks(_server.RetryInterval) : now, 0);
            }
            _ctsPaused = (operation & SolOperation.PauseCts) != 0;
            if ((operation & SolOperation.GenerateBreak) != 0)
            {
                _server._model.SendConsoleBreak();
            }
            if (!p.IsAckOnly)
            {
                if (p.SequenceNumber != _lastInboundSequence)
                {
                    // new characters go to the host's serial port once; a repeated sequence number is a retransmission
                    // whose ack was lost: acked again, not delivered twice
                    _server._model.WriteConsole(p.Data.Span);
                    _lastInboundSequence = p.SequenceNumber;
                    _lastInboundAccepted = (byte)p.Data.Length;
                }
                Transmit(SolPacket.AckOnly(p.SequenceNumber, _lastInboundAccepted));
            }
            Pump(); // echo and answers go out at once rather than at the next tick
        }

        public void Dispose()
        {
            lock (_server._lock)
            {
                _disposed = true;
                _inFlight = null;
            }
            _timer.Dispose();
        }

        /// <summary>A packet of console output: sent <see cref="Attempts"/> times, (re)sent next at <see cref="DueAt"/>.</summary>
        private sealed record InFlight(byte Sequence, byte[] Data, long DueAt, int Attempts);
    }
}
