using Lifeline.Ipmi.Commands.App;
using System.Security.Cryptography;
using System.Text;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Microsoft.Extensions.Logging;

namespace Lifeline.Ipmi.Client;

// IPMI v2.0 §13.14–13.23: Open Session Request/Response, RAKP 1–4, then Set Session Privilege Level (§22.18).
public sealed partial class IpmiSession
{
    private TaskCompletionSource<byte[]>? _handshakeWaiter;
    private PayloadType _handshakeExpected;
    private byte _handshakeTag;

    private async Task EstablishAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<CipherSuite> candidates = _options.CipherSuite is int id
            ? [CipherSuite.FromId(id)!]
            : CipherSuite.AutoPreference;
        IpmiException? last = null;
        foreach (var suite in candidates)
        {
            try
            {
                await HandshakeAsync(suite, cancellationToken).ConfigureAwait(false);
                if (suite.IsInsecure)
                {
                    var warning = $"{Endpoint}: cipher suite 0 in use: commands are neither authenticated nor encrypted";
                    _warnings.Add(warning);
                    LogInsecureSuite(_logger, Endpoint);
                }
                await RaisePrivilegeAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (IpmiException e) when (candidates.Count > 1 && IsSuiteRejection(e))
            {
                // Advertised suite lists lie: the only proof is a completed handshake. Try the next suite.
                LogSuiteRejected(_logger, Endpoint, suite.Id, e.Message);
                last = e;
            }
        }
        throw last ?? new IpmiException(IpmiError.NoCipherSuite, $"{Endpoint}: no cipher suite accepted");
    }

    private static bool IsSuiteRejection(IpmiException e) =>
        e.Error is IpmiError.NoCipherSuite or IpmiError.BadPassword or IpmiError.MalformedResponse;

    private async Task HandshakeAsync(CipherSuite suite, CancellationToken cancellationToken)
    {
        var userName = Encoding.ASCII.GetBytes(_options.UserName);
        uint consoleSessionId = NewSessionId();
        byte tag = (byte)SecureRandom.NonZeroUInt32();
        lock (_lock)
        {
            _active = false;
            _consoleSessionId = consoleSessionId;
            _outboundSequence = 0;
            ResetInboundWindow();
        }

        // §13.17 Open Session Request — ask for the privilege we want (some BMCs reject "highest matching").
        var open = new OpenSessionRequest(tag, _options.Privilege, consoleSessionId, suite.Authentication, suite.Integrity, suite.Confidentiality);
        var openResponse = OpenSessionResponse.Read(await HandshakeStepAsync(PayloadType.OpenSessionRequest, open.ToArray(), PayloadType.OpenSessionResponse, tag, cancellationToken).ConfigureAwait(false));
        if (openResponse.Status != RakpStatus.NoErrors)
        {
            throw StatusError("Open Session", openResponse.Status, suite);
        }
        if (openResponse.ConsoleSessionId != consoleSessionId)
        {
            throw IpmiException.Malformed("Open Session Response names another remote console session id");
        }
        if (openResponse.Authentication != suite.Authentication || openResponse.Integrity != suite.Integrity || openResponse.Confidentiality != suite.Confidentiality)
        {
            throw new IpmiException(IpmiError.NoCipherSuite, $"{Endpoint}: BMC answered {suite} with other algorithms ({openResponse.Authentication}/{openResponse.Integrity}/{openResponse.Confidentiality})");
        }
        // BMC quirk (OpenIPMI ipmi_sim 2.0.x): Open Session Response reports maximum privilege 0 → treat 0 as "what was asked".
        GrantedPrivilege = openResponse.MaxPrivilege == PrivilegeLevel.Highest ? _options.Privilege : openResponse.MaxPrivilege;
        uint bmcSessionId = openResponse.BmcSessionId;

        // §13.20 RAKP 1 — name-only lookup (bit 4) with the requested privilege.
        var consoleRandom = SecureRandom.GetBytes(16);
        byte role = (byte)(0x10 | (byte)_options.Privilege);
        tag++;
        var rakp1 = new Rakp1(tag, bmcSessionId, consoleRandom, role, userName);
        var rakp2 = Rakp2.Read(await HandshakeStepAsync(PayloadType.Rakp1, rakp1.ToArray(), PayloadType.Rakp2, tag, cancellationToken).ConfigureAwait(false));
        if (rakp2.Status != RakpStatus.NoErrors)
        {
            throw StatusError("RAKP 2", rakp2.Status, suite);
        }
        var kuid = _options.Password;
        var expected2 = RakpCrypto.Rakp2AuthCode(suite.Authentication, kuid, consoleSessionId, bmcSessionId, consoleRandom, rakp2.BmcRandom, rakp2.BmcGuid, role, userName);
        if (!RakpCrypto.Equal(expected2, rakp2.AuthCode))
        {
            // Tell the BMC so it frees the session slot now (§13.22 RAKP 3 with an error status).
            await SendHandshakeAsync(PayloadType.Rakp3, new Rakp3((byte)(tag + 1), RakpStatus.InvalidIntegrityCheckValue, bmcSessionId, []).ToArray(), cancellationToken).ConfigureAwait(false);
            throw new IpmiException(IpmiError.BadPassword, $"{Endpoint}: the BMC's RAKP 2 code does not match this password for user '{_options.UserName}'");
        }

        // §13.22 RAKP 3, §13.32 SIK and keys.
        var kg = _options.Kg is { Length: > 0 } k && k.Any(b => b != 0) ? k : kuid;
        var sik = RakpCrypto.SessionIntegrityKey(suite.Authentication, kg, consoleRandom, rakp2.BmcRandom, role, userName);
        tag++;
        var rakp3 = new Rakp3(tag, RakpStatus.NoErrors, bmcSessionId, RakpCrypto.Rakp3AuthCode(suite.Authentication, kuid, rakp2.BmcRandom, consoleSessionId, role, userName));
        var rakp4 = Rakp4.Read(await HandshakeStepAsync(PayloadType.Rakp3, rakp3.ToArray(), PayloadType.Rakp4, tag, cancellationToken).ConfigureAwait(false));
        if (rakp4.Status != RakpStatus.NoErrors)
        {
            throw StatusError("RAKP 4", rakp4.Status, suite);
        }
        var expected4 = RakpCrypto.Rakp4Icv(suite.Authentication, sik, consoleRandom, bmcSessionId, rakp2.BmcGuid);
        if (!RakpCrypto.Equal(expected4, rakp4.IntegrityCheckValue))
        {
            throw new IpmiException(IpmiError.BadKg, $"{Endpoint}: RAKP 4 integrity check failed: the BMC key K_g differs (--kg-env)");
        }

        var keys = new SessionKeys(suite, sik);
        SessionKeys old;
        lock (_lock)
        {
            old = _keys;
            _keys = keys;
            _bmcSessionId = bmcSessionId;
            _active = true;
        }
        if (!ReferenceEquals(old, SessionKeys.None))
        {
            old.Dispose();
        }
        Volatile.Write(ref _lastActivityTicks, _options.TimeProvider.GetTimestamp());
    }

    private async Task RaisePrivilegeAsync(CancellationToken cancellationToken)
    {
        if (_options.Privilege <= PrivilegeLevel.User)
        {
            return;
        }
        // IPMI v2.0 §22.18 Set Session Privilege Level
        var response = await SendAsync(SetPrivilegeRequest(), cancellationToken).ConfigureAwait(false);
        if (response.Code is CompletionCode.Success)
        {
            return;
        }
        // 81h: requested level not available for this user; 82h: exceeds user/channel limit (§22.18).
        throw new IpmiException(IpmiError.InsufficientPrivilege,
            $"{Endpoint}: the BMC refused privilege {_options.Privilege} for user '{_options.UserName}' (Set Session Privilege Level: {(byte)response.Code:X2}h)")
        {
            CompletionCode = response.Code,
        };
    }

    private IpmiRequest SetPrivilegeRequest() => ToRequest(new SetSessionPrivilegeLevel(_options.Privilege));

    private static IpmiRequest ToRequest<T>(IIpmiCommand<T> command)
    {
        var writer = new IpmiWriter();
        command.WriteRequest(writer);
        return new IpmiRequest(command.NetFn, command.Command, writer.ToArray());
    }

    private IpmiException StatusError(string step, RakpStatus status, CipherSuite suite)
    {
        string what = $"{Endpoint}: {step} failed with status {(byte)status:X2}h ({status})";
        return status switch
        {
            RakpStatus.UnauthorizedName => new IpmiException(IpmiError.UnknownUser, $"{what}: the BMC does not know user '{_options.UserName}'"),
            RakpStatus.InvalidIntegrityCheckValue => new IpmiException(IpmiError.BadPassword, $"{what}: the BMC rejected our RAKP 3 code (password)"),
            RakpStatus.UnauthorizedRoleOrPrivilege or RakpStatus.InvalidRole => new IpmiException(IpmiError.InsufficientPrivilege, $"{what}: privilege {_options.Privilege} not allowed for this user"),
            RakpStatus.InsufficientResources or RakpStatus.InsufficientResourcesForRole => new IpmiException(IpmiError.SessionLimit, $"{what}: no free session slot on the BMC"),
            RakpStatus.InvalidAuthenticationAlgorithm or RakpStatus.InvalidIntegrityAlgorithm or RakpStatus.InvalidConfidentialityAlgorithm
                or RakpStatus.NoCipherSuiteMatch or RakpStatus.NoMatchingAuthenticationPayload or RakpStatus.NoMatchingIntegrityPayload
                => new IpmiException(IpmiError.NoCipherSuite, $"{what}: {suite} not accepted"),
            _ => new IpmiException(IpmiError.MalformedResponse, what),
        };
    }

    private async Task<byte[]> HandshakeStepAsync(PayloadType send, byte[] payload, PayloadType expect, byte tag, CancellationToken cancellationToken)
    {
        var policy = _options.Retransmit;
        for (int attempt = 0; ; attempt++)
        {
            var waiter = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _handshakeWaiter = waiter;
                _handshakeExpected = expect;
                _handshakeTag = tag;
            }
            await SendHandshakeAsync(send, payload, cancellationToken).ConfigureAwait(false);
            try
            {
                return await waiter.Task.WaitAsync(policy.AttemptTimeout(attempt), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (attempt < policy.Retries)
            {
                // retransmit the same message (same tag): a late answer to the first one still matches
            }
            catch (TimeoutException)
            {
                // Nothing at all ever came back from this address: the BMC is unreachable (down, wrong address, port
                // filtered, or hung). A BMC that answered earlier steps and then went quiet is a timeout.
                bool heard = Volatile.Read(ref _datagramsReceived) > 0;
                throw new IpmiException(heard ? IpmiError.Timeout : IpmiError.Unreachable,
                    heard
                        ? $"{Endpoint}: no answer to {send} after {policy.Retries + 1} attempts ({policy.TotalTimeout.TotalSeconds:0.#} s)"
                        : $"{Endpoint}: unreachable: nothing answered {policy.Retries + 1} attempts over {policy.TotalTimeout.TotalSeconds:0.#} s");
            }
            finally
            {
                lock (_lock)
                {
                    if (ReferenceEquals(_handshakeWaiter, waiter))
                    {
                        _handshakeWaiter = null;
                    }
                }
            }
        }
    }

    private async Task SendHandshakeAsync(PayloadType type, byte[] payload, CancellationToken cancellationToken)
    {
        var buffer = new byte[SessionPacket.MaxDatagram];
        int n = SessionPacket.WriteRmcpPlus(buffer, type, 0, 0, payload, SessionKeys.None, protect: false);
        await _registration!.SendAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
    }

    private void OnHandshakeMessage(in SessionPacketHeader header, ReadOnlySpan<byte> payload)
    {
        TaskCompletionSource<byte[]>? waiter;
        lock (_lock)
        {
            waiter = _handshakeWaiter;
            if (waiter is null || header.PayloadType != _handshakeExpected || payload.Length < 1 || payload[0] != _handshakeTag)
            {
                Drop();
                return;
            }
            _handshakeWaiter = null;
        }
        waiter.TrySetResult(payload.ToArray());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint}: cipher suite 0 in use — no authentication, no integrity, no encryption")]
    private static partial void LogInsecureSuite(ILogger logger, System.Net.IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Endpoint}: cipher suite {Suite} not usable ({Reason}); trying the next")]
    private static partial void LogSuiteRejected(ILogger logger, System.Net.IPEndPoint endpoint, byte suite, string reason);
}
