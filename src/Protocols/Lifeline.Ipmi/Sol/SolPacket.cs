namespace Lifeline.Ipmi.Sol;

/// <summary>Operation bits of a SOL packet sent by the remote console to the BMC (byte 4).</summary>
[Flags]
public enum SolOperation : byte
{
    None = 0,
    FlushOutbound = 0x01,
    FlushInbound = 0x02,
    /// <summary>Deassert DCD/DSR to the host serial port.</summary>
    DropDcdDsr = 0x04,
    /// <summary>Deassert CTS: the host must pause sending.</summary>
    PauseCts = 0x08,
    /// <summary>Generate a serial break (300 ms).</summary>
    GenerateBreak = 0x10,
    /// <summary>Assert RI (ring indicator / wake on ring).</summary>
    RingWor = 0x20,
    /// <summary>The acked packet was not accepted.</summary>
    Nack = 0x40,
}

/// <summary>Status bits of a SOL packet sent by the BMC to the remote console (byte 4).</summary>
[Flags]
public enum SolStatus : byte
{
    None = 0,
    BreakDetected = 0x04,
    /// <summary>Characters were dropped between the host and the BMC.</summary>
    TransmitOverrun = 0x08,
    /// <summary>The BMC is deactivating SOL (another session took it, or it is being disabled).</summary>
    Deactivating = 0x10,
    /// <summary>The BMC cannot take characters now; the console should retry later.</summary>
    CharacterTransferUnavailable = 0x20,
    /// <summary>The acked packet was not accepted.</summary>
    Nack = 0x40,
}

// IPMI v2.0 §15.9 SOL Payload Data Format (Table 15-2)
//   0    [3:0] packet sequence number: 1-15 for packets with data or operations; 0 = ack-only packet
//   1    [3:0] sequence number of the packet being acked/nacked; 0 = this packet acks nothing
//   2    accepted character count: how many characters of the acked packet were accepted
//   3    console → BMC operation: [6] nack, [5] ring/WOR, [4] generate break, [3] deassert CTS,
//                                 [2] deassert DCD/DSR, [1] flush inbound, [0] flush outbound
//        BMC → console status:    [6] nack, [5] character transfer unavailable, [4] SOL deactivating,
//                                 [3] transmit overrun, [2] break detected
//   4-N  character data
/// <summary>One SOL payload: a 4-byte header and the characters. The same layout serves both directions.</summary>
public readonly struct SolPacket
{
    public const int HeaderSize = 4;
    public const byte AckOnlySequence = 0;
    public const byte MaxSequence = 15;
    private const byte NackBit = 0x40;

    public SolPacket(byte sequenceNumber, byte ackSequenceNumber, byte acceptedCharacterCount, byte operationStatus, ReadOnlyMemory<byte> data)
    {
        if (sequenceNumber > MaxSequence || ackSequenceNumber > MaxSequence)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"SOL sequence numbers are 4 bits: {sequenceNumber}/{ackSequenceNumber}");
        }
        SequenceNumber = sequenceNumber;
        AckSequenceNumber = ackSequenceNumber;
        AcceptedCharacterCount = acceptedCharacterCount;
        OperationStatus = operationStatus;
        Data = data;
    }

    /// <summary>1-15; 0 marks an ack-only packet.</summary>
    public byte SequenceNumber { get; }
    /// <summary>The packet this one acks or nacks; 0 when it acks nothing.</summary>
    public byte AckSequenceNumber { get; }
    public byte AcceptedCharacterCount { get; }
    /// <summary>Byte 4 raw: <see cref="Operation"/> from the console, <see cref="Status"/> from the BMC.</summary>
    public byte OperationStatus { get; }
    public ReadOnlyMemory<byte> Data { get; }

    public SolOperation Operation => (SolOperation)(OperationStatus & 0x7F);
    public SolStatus Status => (SolStatus)(OperationStatus & 0x7C);
    public bool IsNack => (OperationStatus & NackBit) != 0;
    public bool IsAckOnly => SequenceNumber == AckOnlySequence;
    public bool CarriesAck => AckSequenceNumber != 0;
    public int Length => HeaderSize + Data.Length;

    /// <summary>A packet with characters (and optionally operations) from the console.</summary>
    public static SolPacket ForData(byte sequenceNumber, ReadOnlyMemory<byte> data, SolOperation operation = SolOperation.None,
        byte ackSequenceNumber = 0, byte acceptedCharacterCount = 0) =>
        new(sequenceNumber, ackSequenceNumber, acceptedCharacterCount, (byte)operation, data);

    /// <summary>An ack-only packet (sequence number 0): acks or nacks <paramref name="ackSequenceNumber"/>.</summary>
    public static SolPacket AckOnly(byte ackSequenceNumber, byte acceptedCharacterCount, bool nack = false) =>
        new(AckOnlySequence, ackSequenceNumber, acceptedCharacterCount, nack ? NackBit : (byte)0, ReadOnlyMemory<byte>.Empty);

    /// <summary>Parses a SOL payload; the characters are copied. Reserved high nibbles of bytes 1-2 are ignored.</summary>
    public static SolPacket Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < HeaderSize)
        {
            throw IpmiException.Malformed($"SOL payload of {payload.Length} bytes is shorter than its {HeaderSize}-byte header");
        }
        return new SolPacket((byte)(payload[0] & 0x0F), (byte)(payload[1] & 0x0F), payload[2], payload[3], payload[HeaderSize..].ToArray());
    }

    /// <summary>Writes the packet; returns the bytes written.</summary>
    public int Write(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"a {Length}-byte SOL packet does not fit in {destination.Length} bytes", nameof(destination));
        }
        destination[0] = SequenceNumber;
        destination[1] = AckSequenceNumber;
        destination[2] = AcceptedCharacterCount;
        destination[3] = OperationStatus;
        Data.Span.CopyTo(destination[HeaderSize..]);
        return Length;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        Write(bytes);
        return bytes;
    }

    public override string ToString() =>
        $"SOL seq {SequenceNumber} ack {AckSequenceNumber} accepted {AcceptedCharacterCount}{(IsNack ? " NACK" : "")} op/status {OperationStatus:X2}h, {Data.Length} chars";
}
