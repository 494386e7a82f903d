using System.Threading.Channels;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;

namespace Lifeline.Ipmi.Sol;

/// <summary>How to open a Serial-over-LAN console.</summary>
public sealed record SolConsoleOptions
{
    public byte Instance { get; init; } = 1;

    /// <summary>When the payload is active in another session (a stale console), deactivate it and take over.</summary>
    public bool Steal { get; init; }

    /// <summary>How long to wait for the BMC to acknowledge a packet before sending it again.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxRetransmits { get; init; } = 7;
}

/// <summary>
/// A Serial-over-LAN console on an established RMCP+ session (IPMI v2.0 §15, §24): Activate Payload, then SOL packets
/// in both directions with sequence numbers, acks and retransmission (driven by <see cref="SolSequencer"/>), and
/// Deactivate Payload on dispose. Received characters arrive on <see cref="Output"/>.
/// </summary>
public sealed class SolConsole : IAsyncDisposable
{
    private readonly IpmiSession _session;
    private readonly SolConsoleOptions _options;
    private readonly SolSequencer _sequencer;
    private readonly Channel<byte[]> _output = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _lock = new();
    private TaskCompletionSource<SolAckOutcome>? _ackWaiter;
    private int _disposed;

    private SolConsole(IpmiSession session, SolConsoleOptions options, ActivatePayloadResponse activation)
    {
        _session = session;
        _options = options;
        _sequencer = new SolSequencer(options.MaxRetransmits);
        Activation = activation;
    }

    public ActivatePayloadResponse Activation { get; }

    /// <summary>Characters from the host's serial port, in order, as they arrive.</summary>
    public ChannelReader<byte[]> Output => _output.Reader;

    /// <summary>Status bits the BMC reported last (break detected, transmit overrun, SOL deactivating…).</summary>
    public SolStatus LastStatus { get; private set; }

    public static async Task<SolConsole> OpenAsync(IpmiSession session, SolConsoleOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SolConsoleOptions();
        var suite = session.CipherSuite;
        var activate = new ActivatePayload(PayloadType.Sol, options.Instance,
            encrypt: suite.Confidentiality != ConfidentialityAlgorithm.None,
            authenticate: suite.Integrity != IntegrityAlgorithm.None);
        ActivatePayloadResponse response;
        try
        {
            response = await session.ActivatePayloadAsync(activate, cancellationToken).ConfigureAwait(false);
        }
        catch (IpmiException e) when (e.Error == IpmiError.PayloadInUse && options.Steal)
        {
            // payload steal: deactivate the stale instance (it may belong to a dead console), then take it
            await session.DeactivatePayloadAsync(new DeactivatePayload(PayloadType.Sol, options.Instance), cancellationToken).ConfigureAwait(false);
            response = await session.ActivatePayloadAsync(activate, cancellationToken).ConfigureAwait(false);
        }
        if (response.PayloadPort != 0 && response.PayloadPort != session.Endpoint.Port)
        {
            await session.DeactivatePayloadAsync(new DeactivatePayload(PayloadType.Sol, options.Instance), cancellationToken).ConfigureAwait(false);
            throw new IpmiException(IpmiError.InvalidRequest, $"{session.Endpoint}: the BMC wants SOL on UDP port {response.PayloadPort}; only the session's port is supported");
        }
        var console = new SolConsole(session, options, response);
        session.SetPayloadHandler(console.OnPayload);
        return console;
    }

    /// <summary>Sends characters to the host, chunked to the BMC's inbound payload size, each chunk acknowledged before the next.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        int max = Math.Clamp(Activation.InboundPayloadSize - SolPacket.HeaderSize, 1, 255);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                var chunk = data[..Math.Min(max, data.Length)];
                data = data[chunk.Length..];
                var unaccepted = await SendAndWaitAsync(chunk, SolOperation.None, cancellationToken).ConfigureAwait(false);
                if (!unaccepted.IsEmpty)
                {
                    data = Concat(unaccepted, data);
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Sends a serial break to the host (§15.9 operation bit 4).</summary>
    public async Task SendBreakAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAndWaitAsync(ReadOnlyMemory<byte>.Empty, SolOperation.GenerateBreak, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<ReadOnlyMemory<byte>> SendAndWaitAsync(ReadOnlyMemory<byte> chunk, SolOperation operation, CancellationToken cancellationToken)
    {
        SolPacket? packet;
        TaskCompletionSource<SolAckOutcome> waiter;
        lock (_lock)
        {
            packet = _sequencer.Send(chunk, operation);
            waiter = _ackWaiter = new TaskCompletionSource<SolAckOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        while (true)
        {
            await _session.SendPayloadAsync(PayloadType.Sol, packet.Value.ToArray(), cancellationToken).ConfigureAwait(false);
            SolAckOutcome outcome;
            try
            {
                outcome = await waiter.Task.WaitAsync(_options.AckTimeout, _session.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                outcome = SolAckOutcome.Nacked;
            }
            lock (_lock)
            {
                if (outcome is SolAckOutcome.Acknowledged)
                {
                    return ReadOnlyMemory<byte>.Empty;
                }
                if (outcome is SolAckOutcome.PartiallyAccepted)
                {
                    return _partial;
                }
                packet = _sequencer.Retransmit();
                if (packet is null)
                {
                    throw new IpmiException(IpmiError.Timeout, $"{_session.Endpoint}: the BMC did not accept SOL data after {_options.MaxRetransmits} retransmissions") { MayHaveBeenDelivered = true };
                }
                waiter = _ackWaiter = new TaskCompletionSource<SolAckOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private ReadOnlyMemory<byte> _partial;

    private void OnPayload(PayloadType type, byte[] payload)
    {
        if (type != PayloadType.Sol || payload.Length < SolPacket.HeaderSize)
        {
            return;
        }
        SolPacket packet;
        try
        {
            packet = SolPacket.Read(payload);
        }
        catch (IpmiException)
        {
            return;
        }
        SolReceiveResult result;
        SolPacket? ack;
        TaskCompletionSource<SolAckOutcome>? waiter = null;
        lock (_lock)
        {
            result = _sequencer.Receive(packet);
            ack = _sequencer.TakeAck();
            LastStatus = result.Status;
            if (result.Ack is SolAckOutcome.Acknowledged or SolAckOutcome.PartiallyAccepted or SolAckOutcome.Nacked)
            {
                _partial = result.Unaccepted;
                waiter = _ackWaiter;
            }
        }
        waiter?.TrySetResult(result.Ack);
        if (!result.Data.IsEmpty)
        {
            _output.Writer.TryWrite(result.Data.ToArray());
        }
        if (ack is { } a && Volatile.Read(ref _disposed) == 0)
        {
            _ = SendAckAsync(a);
        }
    }

    private async Task SendAckAsync(SolPacket ack)
    {
        try
        {
            await _session.SendPayloadAsync(PayloadType.Sol, ack.ToArray(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (IpmiException)
        {
            // the BMC resends unacknowledged data; a lost ack only costs a duplicate, which the sequencer drops
        }
    }

    private static ReadOnlyMemory<byte> Concat(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b)
    {
        var all = new byte[a.Length + b.Length];
        a.CopyTo(all);
        b.CopyTo(all.AsMemory(a.Length));
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _session.SetPayloadHandler(null);
        _output.Writer.TryComplete();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _session.DeactivatePayloadAsync(new DeactivatePayload(PayloadType.Sol, _options.Instance), cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IpmiException or OperationCanceledException)
        {
            // the session is closing anyway; the BMC ends the payload with it
        }
        _writeGate.Dispose();
    }
}
