using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;
using Microsoft.Extensions.Logging;

namespace Lifeline.Ipmi.Client;

// Request tracking by rqSeq (IPMI v2.0 §13.8: 6-bit requester sequence), retransmission with backoff, the inbound
// session-sequence window (§6.12.13) and re-opening a session the BMC has forgotten.
public sealed partial class IpmiSession
{
    private readonly PendingRequest?[] _pending = new PendingRequest?[64];
    private byte _nextRqSeq;
    private SequenceWindow _inbound;

    private sealed class PendingRequest(IpmiRequest request, byte rqSeq)
    {
        public IpmiRequest Request { get; } = request;
        public byte RqSeq { get; } = rqSeq;
        public TaskCompletionSource<IpmiResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Sends a request and waits for its response, retransmitting per the policy. If the BMC stops answering the
    /// established session (it rebooted and forgot us), the session is re-opened once and the request sent again.
    /// </summary>
    public async Task<IpmiResponse> SendAsync(IpmiRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                return await SendWithRetriesAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (IpmiException e) when (e.Error == IpmiError.Timeout && _options.ReopenOnSessionLoss && !_disposed && request.Command != 0x3C)
            {
                LogReopening(_logger, Endpoint);
                await ReopenAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await SendWithRetriesAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (IpmiException again)
                {
                    throw new IpmiException(again.Error, again.Message, again) { MayHaveBeenDelivered = true, CompletionCode = again.CompletionCode };
                }
            }
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task ReopenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _active = false;
        }
        try
        {
            var suite = _keys.Suite;
            await HandshakeAsync(suite, cancellationToken).ConfigureAwait(false);
            await RaisePrivilegeUnlockedAsync(cancellationToken).ConfigureAwait(false);
            Reopens++;
        }
        catch (IpmiException e)
        {
            throw new IpmiException(e.Error is IpmiError.Timeout or IpmiError.Unreachable ? e.Error : IpmiError.SessionLost,
                $"{Endpoint}: the BMC stopped answering the session and a new session could not be opened: {e.Message}", e)
            {
                MayHaveBeenDelivered = true,
            };
        }
    }

    private async Task RaisePrivilegeUnlockedAsync(CancellationToken cancellationToken)
    {
        if (_options.Privilege <= PrivilegeLevel.User)
        {
            return;
        }
        var response = await SendWithRetriesAsync(SetPrivilegeRequest(), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new IpmiException(IpmiError.InsufficientPrivilege, $"{Endpoint}: privilege {_options.Privilege} refused after re-open") { CompletionCode = response.Code };
        }
    }

    private async Task<IpmiResponse> SendWithRetriesAsync(IpmiRequest request, CancellationToken cancellationToken)
    {
        var policy = _options.Retransmit;
        var pending = Track(request);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                await TransmitAsync(pending, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await pending.Completion.Task.WaitAsync(policy.AttemptTimeout(attempt), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException) when (attempt < policy.Retries)
                {
                    // retransmit: same rqSeq, new session sequence number
                }
                catch (TimeoutException)
                {
                    throw new IpmiException(IpmiError.Timeout,
                        $"{Endpoint}: no answer to {request} after {policy.Retries + 1} attempts ({policy.TotalTimeout.TotalSeconds:0.##} s)")
                    {
                        MayHaveBeenDelivered = true,
                    };
                }
            }
        }
        finally
        {
            Untrack(pending);
        }
    }

    /// <summary>One transmission, no retries (Close Session, keep-alive).</summary>
    private async Task<IpmiResponse> SendOnceAsync(IpmiRequest request, CancellationToken cancellationToken)
    {
        var pending = Track(request);
        try
        {
            await TransmitAsync(pending, cancellationToken).ConfigureAwait(false);
            return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Untrack(pending);
        }
    }

    private PendingRequest Track(IpmiRequest request)
    {
        lock (_lock)
        {
            for (int i = 0; i < 64; i++)
            {
                byte seq = (byte)((_nextRqSeq + i) & 0x3F);
                if (_pending[seq] is null)
                {
                    _nextRqSeq = (byte)((seq + 1) & 0x3F);
                    var p = new PendingRequest(request, seq);
                    _pending[seq] = p;
                    return p;
                }
            }
        }
        throw new IpmiException(IpmiError.InvalidRequest, $"{Endpoint}: 64 requests already in flight on this session");
    }

    private void Untrack(PendingRequest pending)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_pending[pending.RqSeq], pending))
            {
                _pending[pending.RqSeq] = null;
            }
        }
    }

    private async Task TransmitAsync(PendingRequest pending, CancellationToken cancellationToken)
    {
        var message = IpmiLanMessage.Request(pending.Request, pending.RqSeq).ToArray();
        await SendPayloadAsync(PayloadType.Ipmi, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one payload in this session (IPMI message or SOL data), protected with the session's keys.</summary>
    public async Task SendPayloadAsync(PayloadType type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        SessionKeys keys;
        uint sessionId;
        bool active;
        lock (_lock)
        {
            keys = _keys;
            sessionId = _bmcSessionId;
            active = _active;
        }
        if (!active)
        {
            throw new IpmiException(IpmiError.SessionLost, $"{Endpoint}: session is not active");
        }
        var buffer = new byte[SessionPacket.MaxDatagram];
        int n = SessionPacket.WriteRmcpPlus(buffer, type, sessionId, NextOutboundSequence(), payload.Span, keys, protect: true);
        await _registration!.SendAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
    }

    private Action<PayloadType, byte[]>? _payloadHandler;

    /// <summary>Receives non-IPMI payloads of this session (SOL). One handler at a time.</summary>
    public void SetPayloadHandler(Action<PayloadType, byte[]>? handler) => _payloadHandler = handler;

    private void OnIpmiResponse(byte[] payload)
    {
        if (!IpmiLanMessage.TryRead(payload, out var message, out _) || !message.IsResponse || message.Body.Length < 1)
        {
            Drop();
            return;
        }
        PendingRequest? pending;
        lock (_lock)
        {
            pending = _pending[message.Sequence & 0x3F];
            if (pending is null || pending.Request.Command != message.Command || (byte)pending.Request.NetFn != (message.NetFnCode & 0xFE))
            {
                Drop();
                return;
            }
        }
        var body = message.Body;
        pending.Completion.TrySetResult(new IpmiResponse((CompletionCode)body.Span[0], body[1..]));
    }

    private void ResetInboundWindow() => _inbound.Reset();

    /// <summary>§6.12.13: each BMC sequence number once, within the window; replays are dropped.</summary>
    private bool AcceptInboundSequence(uint sequence)
    {
        lock (_lock)
        {
            return _inbound.Accept(sequence);
        }
    }

    private void FailAllPending(Exception error)
    {
        PendingRequest?[] snapshot;
        lock (_lock)
        {
            snapshot = (PendingRequest?[])_pending.Clone();
        }
        foreach (var p in snapshot)
        {
            p?.Completion.TrySetException(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Endpoint}: session not answering; re-opening")]
    private static partial void LogReopening(ILogger logger, System.Net.IPEndPoint endpoint);
}
