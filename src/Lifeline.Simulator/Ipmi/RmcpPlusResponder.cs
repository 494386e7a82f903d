using Lifeline.Ipmi.Commands.App;
using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Rmcp;
using Lifeline.Ipmi.Sessions;

namespace Lifeline.Simulator.Ipmi;

/// <summary>Session settings of one simulated BMC.</summary>
public sealed record ResponderSettings
{
    /// <summary>Cipher suites this BMC accepts in Open Session. Suite 0 only where a node is configured insecure.</summary>
    public IReadOnlySet<byte> AcceptedSuites { get; init; } = new HashSet<byte> { 1, 2, 3, 17 };
    public int SessionLimit { get; init; } = 4;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public byte[] Guid { get; init; } = new byte[16];
    /// <summary>The BMC key K_g; null or all zero = none (then K_g = K_uid).</summary>
    public byte[]? Kg { get; init; }
}

/// <summary>
/// The BMC side of IPMI over LAN (IPMI v2.0 §13): ASF presence pong, session-less IPMI 1.5/2.0 requests, RMCP+ Open
/// Session and RAKP 1–4, and requests inside established sessions, built from the same codecs as the client
/// (<see cref="SessionPacket"/>, <see cref="RakpCrypto"/>, the RAKP message records). Synchronous and allocation-light:
/// one call per received datagram, answers through <paramref name="reply"/>.
/// </summary>
public sealed class RmcpPlusResponder
{
    private ResponderSettings _settings;
    private readonly IAccountDirectory _accounts;
    private readonly IIpmiCommandHandler _handler;
    private readonly TimeProvider _time;
    private readonly Dictionary<uint, ServerSession> _sessions = [];
    private readonly Lock _lock = new();
    private long _garbage;
    private byte _lastHandle;
    private Action<ReadOnlyMemory<byte>, IPEndPoint, TimeSpan>? _outbound;

    public RmcpPlusResponder(ResponderSettings settings, IAccountDirectory accounts, IIpmiCommandHandler handler, TimeProvider? timeProvider = null)
    {
        _settings = settings;
        _accounts = accounts;
        _handler = handler;
        _time = timeProvider ?? TimeProvider.System;
    }

    public ISolPayloadHandler? SolHandler { get; set; }

    /// <summary>The UDP endpoint the listener feeding this responder is bound to (null until one binds).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Called by the listener that feeds this responder: where it listens and how the BMC sends datagrams
    /// nobody asked for (SOL output).</summary>
    public void Bind(IPEndPoint local, Action<ReadOnlyMemory<byte>, IPEndPoint, TimeSpan> send)
    {
        LocalEndPoint = local;
        _outbound = send;
    }

    /// <summary>
    /// Sends a BMC-originated payload (SOL data) inside <paramref name="session"/> to its console. False when no
    /// listener is bound or the session is gone.
    /// </summary>
    public bool SendToConsole(ServerSession session, PayloadType type, ReadOnlySpan<byte> payload)
    {
        var send = _outbound;
        if (send is null || !session.Active || FindSession(session.BmcSessionId) != session)
        {
            return false;
        }
        SendInSession(session, type, payload, (datagram, delay) => send(datagram, session.Remote, delay));
        return true;
    }

    /// <summary>Session settings; may be replaced at run time (fault injection changes accepted suites or the limit).</summary>
    public ResponderSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    /// <summary>Datagrams that were not a well-formed, authentic message for this BMC (ignored and counted).</summary>
    public long GarbageDatagrams => Interlocked.Read(ref _garbage);

    public int ActiveSessions
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Values.Count(s => s.Active);
            }
        }
    }

    public IReadOnlyList<ServerSession> Sessions
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions.Values];
            }
        }
    }

    /// <summary>Forgets every session (BMC reboot).</summary>
    public void DropAllSessions()
    {
        ServerSession[] dropped;
        lock (_lock)
        {
            dropped = [.. _sessions.Values];
            _sessions.Clear();
        }
        foreach (var s in dropped)
        {
            SolHandler?.OnSessionClosed(s);
            s.Keys.Dispose();
        }
    }

    public ServerSession? FindSession(uint bmcSessionId)
    {
        lock (_lock)
        {
            return _sessions.GetValueOrDefault(bmcSessionId);
        }
    }

    /// <summary>Handles one datagram from <paramref name="remote"/>.</summary>
    public void Receive(ReadOnlySpan<byte> datagram, IPEndPoint remote, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        if (!RmcpHeader.TryRead(datagram, out var rmcp))
        {
            Garbage();
            return;
        }
        if (rmcp.Class == RmcpClass.Asf)
        {
            if (AsfPresence.TryReadPing(datagram, out byte tag))
            {
                var pong = new byte[AsfPresence.PongSize];
                AsfPresence.WritePong(pong, tag);
                reply(pong, TimeSpan.Zero);
            }
            else
            {
                Garbage();
            }
            return;
        }
        if (!SessionPacket.TryReadHeader(datagram, out var header, out _))
        {
            Garbage();
            return;
        }
        var payload = datagram.Slice(header.PayloadOffset, header.PayloadLength);
        if (!header.IsRmcpPlus)
        {
            // IPMI 1.5 format: only session-less requests (auth type none, session id 0) — e.g. Get Channel Auth Caps.
            if (header.AuthType == AuthType.None && header.SessionId == 0)
            {
                HandleSessionless(payload, remote, rmcpPlus: false, reply);
            }
            else
            {
                Garbage();
            }
            return;
        }
        switch (header.PayloadType)
        {
            case PayloadType.OpenSessionRequest:
                HandleOpenSession(payload, remote, reply);
                return;
            case PayloadType.Rakp1:
                HandleRakp1(payload, remote, reply);
                return;
            case PayloadType.Rakp3:
                HandleRakp3(payload, remote, reply);
                return;
            case PayloadType.Ipmi when header.SessionId == 0:
                if (header.Authenticated || header.Encrypted)
                {
                    Garbage();
                    return;
                }
                HandleSessionless(payload, remote, rmcpPlus: true, reply);
                return;
            case PayloadType.Ipmi or PayloadType.Sol:
                HandleInSession(datagram, header, remote, reply);
                return;
            default:
                Garbage();
                return;
        }
    }

    private void Garbage() => Interlocked.Increment(ref _garbage);

    /// <summary>§22.20: session handles are 1-FFh, unique among the sessions held (caller holds the lock).</summary>
    private byte NextHandle()
    {
        do
        {
            _lastHandle = _lastHandle == 0xFF ? (byte)1 : (byte)(_lastHandle + 1);
        }
        while (_sessions.Values.Any(s => s.Handle == _lastHandle));
        return _lastHandle;
    }

    private void HandleSessionless(ReadOnlySpan<byte> payload, IPEndPoint remote, bool rmcpPlus, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        if (!IpmiLanMessage.TryRead(payload, out var message, out _) || message.IsResponse)
        {
            Garbage();
            return;
        }
        // §13.14: only these may be sent outside a session.
        bool allowed = (NetFn)message.NetFnCode == NetFn.App && message.Command is 0x38 or 0x54 or 0x37;
        var context = new IpmiCommandContext(null, PrivilegeLevel.Callback, remote);
        var response = allowed
            ? _handler.Handle(context, ToRequest(message))
            : new IpmiResponse(CompletionCode.InsufficientPrivilege, ReadOnlyMemory<byte>.Empty);
        var body = ResponseBody(response);
        var framed = IpmiLanMessage.ResponseTo(message, body).ToArray();
        var buffer = new byte[SessionPacket.MaxDatagram];
        int n = rmcpPlus
            ? SessionPacket.WriteRmcpPlus(buffer, PayloadType.Ipmi, 0, 0, framed, SessionKeys.None, protect: false)
            : SessionPacket.WriteIpmi15(buffer, 0, 0, framed);
        reply(buffer.AsMemory(0, n), context.ResponseDelay);
    }

    private static IpmiRequest ToRequest(IpmiLanMessage message) => new((NetFn)message.NetFnCode, message.Command, message.Body, message.TargetLun);

    private static byte[] ResponseBody(IpmiResponse response)
    {
        var body = new byte[1 + response.Data.Length];
        body[0] = (byte)response.Code;
        response.Data.Span.CopyTo(body.AsSpan(1));
        return body;
    }

    private void SendHandshake(PayloadType type, byte[] payload, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        var buffer = new byte[SessionPacket.MaxDatagram];
        int n = SessionPacket.WriteRmcpPlus(buffer, type, 0, 0, payload, SessionKeys.None, protect: false);
        reply(buffer.AsMemory(0, n), TimeSpan.Zero);
    }

    // IPMI v2.0 §13.17/13.18
    private void HandleOpenSession(ReadOnlySpan<byte> payload, IPEndPoint remote, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        OpenSessionRequest request;
        try
        {
            request = OpenSessionRequest.Read(payload);
        }
        catch (Lifeline.Ipmi.IpmiException)
        {
            Garbage();
            return;
        }
        OpenSessionResponse Fail(RakpStatus status) => new(request.Tag, status, 0, request.ConsoleSessionId, 0, 0, 0, 0);
        var suite = CipherSuite.FromAlgorithms(request.Authentication, request.Integrity, request.Confidentiality);
        if (suite is null || !_settings.AcceptedSuites.Contains(suite.Id))
        {
            SendHandshake(PayloadType.OpenSessionResponse, Fail(RakpStatus.NoCipherSuiteMatch).ToArray(), reply);
            return;
        }
        var requested = request.RequestedPrivilege == PrivilegeLevel.Highest ? PrivilegeLevel.Administrator : request.RequestedPrivilege;
        if (requested > PrivilegeLevel.Oem)
        {
            SendHandshake(PayloadType.OpenSessionResponse, Fail(RakpStatus.InvalidRole).ToArray(), reply);
            return;
        }
        ServerSession session;
        List<ServerSession>? expired;
        lock (_lock)
        {
            // A retransmitted Open Session Request (its answer was lost) gets the same session, not a second one.
            var existing = _sessions.Values.FirstOrDefault(s => !s.Active && s.Account is null && s.ConsoleSessionId == request.ConsoleSessionId && s.Remote.Equals(remote));
            if (existing is not null)
            {
                var again = new OpenSessionResponse(request.Tag, RakpStatus.NoErrors, existing.RequestedMaximum, request.ConsoleSessionId, existing.BmcSessionId,
                    suite.Authentication, suite.Integrity, suite.Confidentiality);
                SendHandshake(PayloadType.OpenSessionResponse, again.ToArray(), reply);
                return;
            }
            expired = ExpireIdleSessions();
            if (_sessions.Count >= _settings.SessionLimit)
            {
                session = null!;
            }
            else
            {
                uint id;
                do
                {
                    id = SecureRandom.NonZeroUInt32();
                }
                while (_sessions.ContainsKey(id));
                session = new ServerSession(id, request.ConsoleSessionId, suite, requested, remote, _time.GetTimestamp())
                {
                    Handle = NextHandle(),
                };
                _sessions[id] = session;
            }
        }
        foreach (var gone in expired ?? [])
        {
            SolHandler?.OnSessionClosed(gone);
        }
        if (session is null)
        {
            SendHandshake(PayloadType.OpenSessionResponse, Fail(RakpStatus.InsufficientResources).ToArray(), reply);
            return;
        }
        var response = new OpenSessionResponse(request.Tag, RakpStatus.NoErrors, requested, request.ConsoleSessionId, session.BmcSessionId,
            suite.Authentication, suite.Integrity, suite.Confidentiality);
        SendHandshake(PayloadType.OpenSessionResponse, response.ToArray(), reply);
    }

    // IPMI v2.0 §13.20/13.21
    private void HandleRakp1(ReadOnlySpan<byte> payload, IPEndPoint remote, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        Rakp1 rakp1;
        try
        {
            rakp1 = Rakp1.Read(payload);
        }
        catch (Lifeline.Ipmi.IpmiException)
        {
            Garbage();
            return;
        }
        var session = FindSession(rakp1.BmcSessionId);
        if (session is null || session.Active || !session.Remote.Equals(remote))
        {
            SendHandshake(PayloadType.Rakp2, new Rakp2(rakp1.Tag, RakpStatus.InvalidSessionId, 0, [], [], []).ToArray(), reply);
            return;
        }
        var account = _accounts.FindByName(Encoding.ASCII.GetString(rakp1.UserName));
        RakpStatus status = RakpStatus.NoErrors;
        if (account is null || !account.Enabled)
        {
            status = RakpStatus.UnauthorizedName;
        }
        else if (rakp1.RequestedPrivilege > account.MaxPrivilege)
        {
            status = RakpStatus.UnauthorizedRoleOrPrivilege;
        }
        if (status != RakpStatus.NoErrors)
        {
            Remove(session);
            SendHandshake(PayloadType.Rakp2, new Rakp2(rakp1.Tag, status, session.ConsoleSessionId, [], [], []).ToArray(), reply);
            return;
        }
        session.Account = account;
        session.ConsoleRandom = rakp1.ConsoleRandom;
        session.BmcRandom = SecureRandom.GetBytes(16);
        session.Role = rakp1.Role;
        session.UserName = rakp1.UserName;
        var code = RakpCrypto.Rakp2AuthCode(session.Suite.Authentication, account!.Password, session.ConsoleSessionId, session.BmcSessionId,
            session.ConsoleRandom, session.BmcRandom, _settings.Guid, session.Role, session.UserName);
        SendHandshake(PayloadType.Rakp2, new Rakp2(rakp1.Tag, RakpStatus.NoErrors, session.ConsoleSessionId, session.BmcRandom, _settings.Guid, code).ToArray(), reply);
    }

    // IPMI v2.0 §13.22/13.23
    private void HandleRakp3(ReadOnlySpan<byte> payload, IPEndPoint remote, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        Rakp3 rakp3;
        try
        {
            rakp3 = Rakp3.Read(payload);
        }
        catch (Lifeline.Ipmi.IpmiException)
        {
            Garbage();
            return;
        }
        var session = FindSession(rakp3.BmcSessionId);
        if (session is null || session.Account is null || !session.Remote.Equals(remote))
        {
            SendHandshake(PayloadType.Rakp4, new Rakp4(rakp3.Tag, RakpStatus.InvalidSessionId, 0, []).ToArray(), reply);
            return;
        }
        if (session.Active)
        {
            // a retransmitted RAKP 3 after we activated: answer the same again
            SendRakp4(session, rakp3.Tag, reply);
            return;
        }
        if (rakp3.Status != RakpStatus.NoErrors)
        {
            Remove(session);
            return;
        }
        var account = session.Account;
        var expected = RakpCrypto.Rakp3AuthCode(session.Suite.Authentication, account.Password, session.BmcRandom, session.ConsoleSessionId, session.Role, session.UserName);
        if (!RakpCrypto.Equal(expected, rakp3.AuthCode))
        {
            Remove(session);
            SendHandshake(PayloadType.Rakp4, new Rakp4(rakp3.Tag, RakpStatus.InvalidIntegrityCheckValue, session.ConsoleSessionId, []).ToArray(), reply);
            return;
        }
        var kg = _settings.Kg is { Length: > 0 } k && k.Any(b => b != 0) ? k : account.Password;
        var sik = RakpCrypto.SessionIntegrityKey(session.Suite.Authentication, kg, session.ConsoleRandom, session.BmcRandom, session.Role, session.UserName);
        session.Sik = sik;
        session.Keys = new SessionKeys(session.Suite, sik);
        var requested = (PrivilegeLevel)(session.Role & 0x0F);
        session.MaximumPrivilege = requested == PrivilegeLevel.Highest ? account.MaxPrivilege : (PrivilegeLevel)Math.Min((byte)requested, (byte)account.MaxPrivilege);
        session.Privilege = session.MaximumPrivilege;
        session.Active = true;
        session.LastActivityTicks = _time.GetTimestamp();
        SendRakp4(session, rakp3.Tag, reply);
    }

    private void SendRakp4(ServerSession session, byte tag, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        var icv = RakpCrypto.Rakp4Icv(session.Suite.Authentication, session.Sik, session.ConsoleRandom, session.BmcSessionId, _settings.Guid);
        SendHandshake(PayloadType.Rakp4, new Rakp4(tag, RakpStatus.NoErrors, session.ConsoleSessionId, icv).ToArray(), reply);
    }

    private void HandleInSession(ReadOnlySpan<byte> datagram, in SessionPacketHeader header, IPEndPoint remote, Action<ReadOnlyMemory<byte>, TimeSpan> reply)
    {
        var session = FindSession(header.SessionId);
        if (session is null || !session.Active || !session.Remote.Equals(remote))
        {
            Garbage();
            return;
        }
        byte[]? plain;
        lock (session)
        {
            plain = SessionPacket.TryOpenPayload(datagram, header, session.Keys, out _);
            if (plain is null || !session.AcceptInbound(header.Sequence))
            {
                Garbage();
                return;
            }
            session.LastActivityTicks = _time.GetTimestamp();
        }
        if (header.PayloadType == PayloadType.Sol)
        {
            SolHandler?.OnSolPayload(session, plain);
            return;
        }
        if (!IpmiLanMessage.TryRead(plain, out var message, out _) || message.IsResponse)
        {
            Garbage();
            return;
        }
        var context = new IpmiCommandContext(session, session.Privilege, remote);
        var response = HandleSessionCommand(session, message, context);
        var framed = IpmiLanMessage.ResponseTo(message, ResponseBody(response)).ToArray();
        bool closing = (NetFn)message.NetFnCode == NetFn.App && message.Command == 0x3C && response.IsSuccess && ClosingSelf(message, session);
        if (closing)
        {
            // forget the session before answering, so a console that saw the answer sees the slot free
            Remove(session);
        }
        SendInSession(session, PayloadType.Ipmi, framed, reply, context.ResponseDelay);
    }

    /// <summary>Sends a payload inside an established session (IPMI response or SOL data).</summary>
    public void SendInSession(ServerSession session, PayloadType type, ReadOnlySpan<byte> payload, Action<ReadOnlyMemory<byte>, TimeSpan> send, TimeSpan delay = default)
    {
        var buffer = new byte[SessionPacket.MaxDatagram];
        int n;
        lock (session)
        {
            n = SessionPacket.WriteRmcpPlus(buffer, type, session.ConsoleSessionId, session.NextOutbound(), payload, session.Keys, protect: true);
        }
        send(buffer.AsMemory(0, n), delay);
    }

    private static bool ClosingSelf(IpmiLanMessage message, ServerSession session) =>
        message.Body.Length >= 4 && CloseSession.Read(message.Body.Span).SessionId == session.BmcSessionId;

    // Session-management commands live with the session table; everything else goes to the dispatcher.
    private IpmiResponse HandleSessionCommand(ServerSession session, IpmiLanMessage message, IpmiCommandContext context)
    {
        var data = message.Body.Span;
        if ((NetFn)message.NetFnCode == NetFn.App)
        {
            switch (message.Command)
            {
                case 0x3B: // §22.18 Set Session Privilege Level (typed codec: Commands/App/SessionCommands.cs)
                    return SetPrivilege(session, data);
                case 0x3C: // §22.19 Close Session
                    return Close(session, data);
            }
        }
        return _handler.Handle(context, ToRequest(message));
    }

    private static IpmiResponse Answer(CompletionCode code) => new(code, ReadOnlyMemory<byte>.Empty);

    private static IpmiResponse SetPrivilege(ServerSession session, ReadOnlySpan<byte> data)
    {
        SetSessionPrivilegeLevel request;
        try
        {
            request = SetSessionPrivilegeLevel.Read(data);
        }
        catch (Lifeline.Ipmi.IpmiException)
        {
            return Answer(CompletionCode.RequestDataLengthInvalid);
        }
        if (request.Requested is PrivilegeLevel level)
        {
            if (level < PrivilegeLevel.User || level > PrivilegeLevel.Oem)
            {
                return Answer((CompletionCode)0x80);
            }
            if (level > session.MaximumPrivilege)
            {
                return Answer((CompletionCode)0x81);
            }
            session.Privilege = level;
        }
        var w = new IpmiWriter();
        new SessionPrivilegeLevelResponse(session.Privilege).Write(w);
        return new IpmiResponse(CompletionCode.Success, w.ToArray());
    }

    private IpmiResponse Close(ServerSession session, ReadOnlySpan<byte> data)
    {
        CloseSession request;
        try
        {
            request = CloseSession.Read(data);
        }
        catch (Lifeline.Ipmi.IpmiException)
        {
            return Answer(CompletionCode.RequestDataLengthInvalid);
        }
        if (request.SessionId == session.BmcSessionId)
        {
            return Answer(CompletionCode.Success);
        }
        if (session.Privilege < PrivilegeLevel.Administrator)
        {
            return Answer(CompletionCode.InsufficientPrivilege);
        }
        var other = request.SessionId != 0 ? FindSession(request.SessionId) : null;
        if (other is null)
        {
            return Answer((CompletionCode)0x87);
        }
        Remove(other);
        return Answer(CompletionCode.Success);
    }

    private void Remove(ServerSession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session.BmcSessionId);
        }
        SolHandler?.OnSessionClosed(session);
    }

    /// <summary>Forgets sessions idle past the timeout (caller holds the lock; it tells the SOL handler after releasing it).</summary>
    private List<ServerSession>? ExpireIdleSessions()
    {
        List<ServerSession>? expired = null;
        foreach (var s in _sessions.Values)
        {
            if (_time.GetElapsedTime(s.LastActivityTicks) > _settings.IdleTimeout)
            {
                (expired ??= []).Add(s);
            }
        }
        foreach (var s in expired ?? [])
        {
            _sessions.Remove(s.BmcSessionId);
        }
        return expired;
    }
}
