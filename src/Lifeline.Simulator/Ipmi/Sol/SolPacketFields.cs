namespace Lifeline.Simulator.Ipmi.Sol;

// IPMI v2.0 §15.9 SOL payload (Table 15-2):
//   0  packet sequence number [3:0] (1-15; 0 = an acknowledge-only packet)
//   1  packet ack/nack sequence number [3:0] (0 = this packet acknowledges nothing)
//   2  accepted character count (of the packet being acknowledged)
//   3  operation/status
//        console → BMC: [6] NACK, [5] ring/WOR, [4] generate break, [3] CTS pause (hold output),
//                       [2] drop DCD/DSR, [1] flush inbound, [0] flush outbound
//        BMC → console: [6] NACK, [5] transfer unavailable (SOL deactivated), [4] SOL inactive,
//                       [3] character transfer unavailable, [2] break detected, [1] transmit overrun
//   4- characters
//
// The simulator's own reading of the header until Lifeline.Ipmi's SOL codec lands (commands branch, Sol/SolPacket).

/// <summary>The four header fields of a SOL packet and its characters.</summary>
internal readonly ref struct SolPacketFields
{
    public const int HeaderSize = 4;
    public const byte NackBit = 0x40;
    public const byte GenerateBreak = 0x10;
    public const byte CtsPause = 0x08;

    public byte Sequence { get; init; }
    public byte AckSequence { get; init; }
    public byte AcceptedCount { get; init; }
    public byte Status { get; init; }
    public ReadOnlySpan<byte> Data { get; init; }
    public bool Nack => (Status & NackBit) != 0;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out SolPacketFields packet)
    {
        if (payload.Length < HeaderSize)
        {
            packet = default;
            return false;
        }
        packet = new SolPacketFields
        {
            Sequence = (byte)(payload[0] & 0x0F),
            AckSequence = (byte)(payload[1] & 0x0F),
            AcceptedCount = payload[2],
            Status = payload[3],
            Data = payload[HeaderSize..],
        };
        return true;
    }

    public static byte[] Encode(byte sequence, byte ackSequence, byte acceptedCount, byte status, ReadOnlySpan<byte> data)
    {
        var packet = new byte[HeaderSize + data.Length];
        packet[0] = (byte)(sequence & 0x0F);
        packet[1] = (byte)(ackSequence & 0x0F);
        packet[2] = acceptedCount;
        packet[3] = status;
        data.CopyTo(packet.AsSpan(HeaderSize));
        return packet;
    }
}
