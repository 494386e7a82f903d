using System.Buffers.Binary;

namespace Lifeline.Ipmi.Rmcp;

/// <summary>ASF message types used for discovery (ASF 2.0 §3.2.4, IPMI v2.0 §13.2.3).</summary>
public enum AsfMessageType : byte
{
    PresencePong = 0x40,
    PresencePing = 0x80,
}

// ASF 2.0 §3.2.4.1 / IPMI v2.0 §13.2.3 — ASF message after the RMCP header (class 06h)
//   0-3  IANA enterprise number, MSB first: 00 00 11 BE (4542, ASF)
//   4    message type (80h ping, 40h pong)
//   5    message tag (echoed in the pong)
//   6    reserved
//   7    data length (00h ping, 10h pong)
// Pong data (16 bytes):
//   0-3  IANA enterprise number (MSB first), 4-7 OEM-defined
//   8    supported entities: [7] 1 = IPMI supported, [3:0] ASF version (1h = 1.0)
//   9    supported interactions: [5] security extensions (RMCP+ / IPMI 2.0 per §13.2.4), [0] DASH
//   10-15 reserved

/// <summary>RMCP/ASF presence ping and pong: the sessionless "is there a BMC here?" probe.</summary>
public static class AsfPresence
{
    public const uint AsfIana = 4542;
    public const int PingSize = RmcpHeader.Size + 8;
    public const int PongSize = RmcpHeader.Size + 8 + 16;

    /// <summary>Writes a presence ping with the given tag; returns its length.</summary>
    public static int WritePing(Span<byte> destination, byte tag)
    {
        new RmcpHeader(RmcpClass.Asf, NoAckSequence).Write(destination);
        var asf = destination[RmcpHeader.Size..];
        BinaryPrimitives.WriteUInt32BigEndian(asf, AsfIana);
        asf[4] = (byte)AsfMessageType.PresencePing;
        asf[5] = tag;
        asf[6] = 0;
        asf[7] = 0;
        return PingSize;
    }

    /// <summary>Writes the pong a BMC sends back for a ping with <paramref name="tag"/>.</summary>
    public static int WritePong(Span<byte> destination, byte tag, bool ipmiSupported = true, bool rmcpPlus = true, uint oemIana = AsfIana)
    {
        new RmcpHeader(RmcpClass.Asf, NoAckSequence).Write(destination);
        var asf = destination[RmcpHeader.Size..];
        BinaryPrimitives.WriteUInt32BigEndian(asf, AsfIana);
        asf[4] = (byte)AsfMessageType.PresencePong;
        asf[5] = tag;
        asf[6] = 0;
        asf[7] = 16;
        var data = asf[8..24];
        data.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(data, oemIana);
        data[8] = (byte)((ipmiSupported ? 0x80 : 0) | 0x01);
        data[9] = (byte)(rmcpPlus ? 0x20 : 0);
        return PongSize;
    }

    /// <summary>Parses a pong; false when the datagram is not a well-formed ASF presence pong.</summary>
    public static bool TryReadPong(ReadOnlySpan<byte> datagram, out PresencePong pong)
    {
        pong = default;
        if (!RmcpHeader.TryRead(datagram, out var h) || h.Class != RmcpClass.Asf || datagram.Length < PongSize)
        {
            return false;
        }
        var asf = datagram[RmcpHeader.Size..];
        if (BinaryPrimitives.ReadUInt32BigEndian(asf) != AsfIana || asf[4] != (byte)AsfMessageType.PresencePong || asf[7] < 16)
        {
            return false;
        }
        var data = asf[8..24];
        pong = new PresencePong(asf[5], BinaryPrimitives.ReadUInt32BigEndian(data), (data[8] & 0x80) != 0, (data[9] & 0x20) != 0);
        return true;
    }

    /// <summary>True when the datagram is a presence ping; returns its tag.</summary>
    public static bool TryReadPing(ReadOnlySpan<byte> datagram, out byte tag)
    {
        tag = 0;
        if (!RmcpHeader.TryRead(datagram, out var h) || h.Class != RmcpClass.Asf || datagram.Length < PingSize)
        {
            return false;
        }
        var asf = datagram[RmcpHeader.Size..];
        if (BinaryPrimitives.ReadUInt32BigEndian(asf) != AsfIana || asf[4] != (byte)AsfMessageType.PresencePing)
        {
            return false;
        }
        tag = asf[5];
        return true;
    }

    private const byte NoAckSequence = RmcpHeader.NoAck;
}

/// <summary>What a presence pong says about the responder.</summary>
public readonly record struct PresencePong(byte Tag, uint OemIana, bool IpmiSupported, bool SupportsRmcpPlus);
