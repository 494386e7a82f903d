namespace Lifeline.Ipmi.Rmcp;

/// <summary>RMCP message class (IPMI v2.0 §13.1.3, Table 13-1; ASF 2.0 §3.2.2.1).</summary>
public enum RmcpClass : byte
{
    Asf = 0x06,
    Ipmi = 0x07,
    Oem = 0x08,
}

// IPMI v2.0 §13.1.3 RMCP header
//   0  version (06h = RMCP 1.0)
//   1  reserved (00h)
//   2  sequence number (FFh = no RMCP ACK wanted; IPMI messages always use FFh)
//   3  [7] 1 = ACK message, [4:0] message class
public readonly struct RmcpHeader
{
    public const int Size = 4;
    public const byte Version1 = 0x06;
    public const byte NoAck = 0xFF;

    public RmcpHeader(RmcpClass messageClass, byte sequence = NoAck, bool isAck = false)
    {
        Class = messageClass;
        Sequence = sequence;
        IsAck = isAck;
    }

    public RmcpClass Class { get; }
    public byte Sequence { get; }
    public bool IsAck { get; }

    /// <summary>Reads an RMCP header; returns false for anything that is not RMCP 1.0.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out RmcpHeader header)
    {
        header = default;
        if (data.Length < Size || data[0] != Version1)
        {
            return false;
        }
        header = new RmcpHeader((RmcpClass)(data[3] & 0x1F), data[2], (data[3] & 0x80) != 0);
        return true;
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = Version1;
        destination[1] = 0;
        destination[2] = Sequence;
        destination[3] = (byte)((IsAck ? 0x80 : 0) | (byte)Class);
    }

    public override string ToString() => $"RMCP {Class} seq {Sequence:X2}{(IsAck ? " ACK" : "")}";
}
