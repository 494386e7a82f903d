namespace Lifeline.Ipmi.Sol;

/// <summary>What an incoming packet's ack fields did to the packet we had outstanding.</summary>
public enum SolAckOutcome
{
    /// <summary>The packet acks nothing (ack sequence 0).</summary>
    None,
    /// <summary>Every character of the outstanding packet was accepted.</summary>
    Acknowledged,
    /// <summary>Only some characters were accepted: send <see cref="SolReceiveResult.Unaccepted"/> again in a new packet.</summary>
    PartiallyAccepted,
    /// <summary>The BMC refused the packet: it stays outstanding; retransmit it (later, if transfer is unavailable).</summary>
    Nacked,
    /// <summary>The ack names a packet that is not outstanding (a late or duplicate ack): ignored.</summary>
    Stale,
}

/// <summary>The effect of one incoming SOL packet.</summary>
public readonly record struct SolReceiveResult(
    SolAckOutcome Ack,
    /// <summary>Characters of our packet the BMC did not accept (partial acceptance); empty otherwise.</summary>
    ReadOnlyMemory<byte> Unaccepted,
    /// <summary>New characters for the console; empty for ack-only packets and duplicates.</summary>
    ReadOnlyMemory<byte> Data,
    /// <summary>True when the packet repeated one already accepted (our ack was lost): it is acked again, not delivered.</summary>
    bool Duplicate,
    SolStatus Status);

/// <summary>
/// The SOL packet bookkeeping of one console session (IPMI v2.0 §15.10-15.13), with no I/O and no clock: the session
/// drives it. Outbound, at most one packet is outstanding; sequence numbers run 1..15 and wrap to 1 (0 is reserved for
/// ack-only packets); an ack clears it, a partial ack hands back the rest to resend in a new packet, a nack or a
/// timeout calls for <see cref="Retransmit"/> with the same sequence number, a bounded number of times. Inbound, new
/// data is delivered once and acked (piggybacked on the next data packet or sent via <see cref="TakeAck"/>); a
/// repeated sequence number is re-acked and dropped.
/// </summary>
public sealed class SolSequencer
{
    private readonly int _maxRetransmits;
    private byte _lastSentSequence;
    private byte _lastAcceptedSequence;
    private byte _lastAcceptedCount;
    private (byte Sequence, byte Accepted, bool Nack)? _pendingAck;

    public SolSequencer(int maxRetransmits = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetransmits);
        _maxRetransmits = maxRetransmits;
    }

    /// <summary>The packet sent and not yet acked, if any.</summary>
    public SolPacket? Outstanding { get; private set; }

    /// <summary>How many times <see cref="Outstanding"/> has been retransmitted.</summary>
    public int Retransmits { get; private set; }

    public bool CanSend => Outstanding is null;

    /// <summary>True when the outstanding packet has been retransmitted the allowed number of times: the session is lost.</summary>
    public bool IsExhausted => Outstanding is not null && Retransmits >= _maxRetransmits;

    /// <summary>True when an ack for received data has not been sent yet.</summary>
    public bool HasPendingAck => _pendingAck is not null;

    /// <summary>The sequence number the next packet will carry (1..15, wrapping to 1).</summary>
    public byte NextSequenceNumber => (byte)(_lastSentSequence % SolPacket.MaxSequence + 1);

    /// <summary>
    /// Starts a packet with <paramref name="data"/> and/or <paramref name="operation"/>, piggybacking any pending ack.
    /// Only one packet may be outstanding.
    /// </summary>
    public SolPacket Send(ReadOnlyMemory<byte> data, SolOperation operation = SolOperation.None)
    {
        if (Outstanding is not null)
        {
            throw new InvalidOperationException($"SOL packet {Outstanding.Value.SequenceNumber} is still outstanding; wait for its ack");
        }
        if (data.Length > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "a SOL packet carries at most 255 characters (the accepted count is one byte)");
        }
        byte sequence = NextSequenceNumber;
        _lastSentSequence = sequence;
        byte operationStatus = (byte)((byte)operation & ~(byte)SolOperation.Nack);
        byte ackSequence = 0, accepted = 0;
        if (_pendingAck is { } ack)
        {
            (ackSequence, accepted) = (ack.Sequence, ack.Accepted);
            if (ack.Nack)
            {
                operationStatus |= (byte)SolOperation.Nack;
            }
            _pendingAck = null;
        }
        var packet = new SolPacket(sequence, ackSequence, accepted, operationStatus, data);
        Outstanding = packet;
        Retransmits = 0;
        return packet;
    }

    /// <summary>
    /// The outstanding packet again, same sequence number, after a nack or an ack timeout; null when nothing is
    /// outstanding or the retransmit budget is spent (<see cref="IsExhausted"/>).
    /// </summary>
    public SolPacket? Retransmit()
    {
        if (Outstanding is null || Retransmits >= _maxRetransmits)
        {
            return null;
        }
        Retransmits++;
        return Outstanding;
    }

    /// <summary>
    /// Takes in a packet from the BMC: applies its ack to our outstanding packet and accepts its characters.
    /// <paramref name="acceptLimit"/> is how many characters the console can take now: fewer than sent are acked as a
    /// partial acceptance; none at all is a nack, and the BMC will send the packet again.
    /// </summary>
    public SolReceiveResult Receive(in SolPacket packet, int acceptLimit = int.MaxValue)
    {
        var ack = ApplyAck(packet, out var unaccepted);
        var data = ReadOnlyMemory<byte>.Empty;
        bool duplicate = false;
        if (!packet.IsAckOnly)
        {
            if (packet.SequenceNumber == _lastAcceptedSequence)
            {
                duplicate = true;
                _pendingAck = (packet.SequenceNumber, _lastAcceptedCount, false);
            }
            else if (acceptLimit <= 0 && !packet.Data.IsEmpty)
            {
                _pendingAck = (packet.SequenceNumber, 0, true);
            }
            else
            {
                int accepted = Math.Min(packet.Data.Length, Math.Max(acceptLimit, 0));
                data = packet.Data[..accepted];
                _lastAcceptedSequence = packet.SequenceNumber;
                _lastAcceptedCount = (byte)accepted;
                _pendingAck = (packet.SequenceNumber, (byte)accepted, false);
            }
        }
        return new SolReceiveResult(ack, unaccepted, data, duplicate, packet.Status);
    }

    /// <summary>An ack-only packet for the data received last, or null when there is nothing to ack.</summary>
    public SolPacket? TakeAck()
    {
        if (_pendingAck is not { } ack)
        {
            return null;
        }
        _pendingAck = null;
        return SolPacket.AckOnly(ack.Sequence, ack.Accepted, ack.Nack);
    }

    private SolAckOutcome ApplyAck(in SolPacket packet, out ReadOnlyMemory<byte> unaccepted)
    {
        unaccepted = ReadOnlyMemory<byte>.Empty;
        if (!packet.CarriesAck)
        {
            return SolAckOutcome.None;
        }
        if (Outstanding is not { } outstanding || packet.AckSequenceNumber != outstanding.SequenceNumber)
        {
            return SolAckOutcome.Stale;
        }
        if (packet.IsNack)
        {
            return SolAckOutcome.Nacked;
        }
        Outstanding = null;
        Retransmits = 0;
        if (packet.AcceptedCharacterCount >= outstanding.Data.Length)
        {
            return SolAckOutcome.Acknowledged;
        }
        unaccepted = outstanding.Data[packet.AcceptedCharacterCount..];
        return SolAckOutcome.PartiallyAccepted;
    }
}
