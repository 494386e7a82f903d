using System.Buffers.Binary;
using Lifeline.Ipmi.Rmcp;

namespace Lifeline.Ipmi.Sessions;

/// <summary>What the session header of one datagram says (either format).</summary>
public readonly record struct SessionPacketHeader(
    AuthType AuthType,
    PayloadType PayloadType,
    bool Encrypted,
    bool Authenticated,
    uint SessionId,
    uint Sequence,
    int PayloadOffset,
    int PayloadLength)
{
    public bool IsRmcpPlus => AuthType == AuthType.RmcpPlus;
}

/// <summary>
/// Session packet framing for both formats: IPMI 1.5 (IPMI v2.0 §13.6, Table 13-7) and RMCP+ (§13.6, Table 13-8),
/// with RMCP+ integrity (§13.28.4) and confidentiality (§13.29) applied by <see cref="SessionKeys"/>.
/// </summary>
/// <remarks>
/// RMCP+ session packet (after the 4-byte RMCP header):
/// <code>
///   0     auth type/format = 06h
///   1     payload type: [7] encrypted, [6] authenticated, [5:0] type
///  (2-7   OEM IANA (4) + OEM payload id (2), only for payload type 02h)
///   +0    session id (4, LSB first)
///   +4    session sequence number (4)
///   +8    payload length (2)
///   +10   payload (IV + ciphertext when encrypted)
///         integrity pad (FFh…) so that auth type … next header is a multiple of 4 bytes
///         pad length (1), next header (07h), AuthCode (integrity length)
/// </code>
/// IPMI 1.5 session packet: auth type (1), sequence (4), session id (4), [auth code (16) unless type none],
/// payload length (1), payload.
/// </remarks>
public static class SessionPacket
{
    /// <summary>Largest datagram this stack builds or accepts.</summary>
    public const int MaxDatagram = 1024;
    private const byte NextHeaderRmcp = 0x07;

    public static bool TryReadHeader(ReadOnlySpan<byte> datagram, out SessionPacketHeader header, out string? error)
    {
        header = default;
        if (!RmcpHeader.TryRead(datagram, out var rmcp))
        {
            error = "not an RMCP datagram";
            return false;
        }
        if (rmcp.Class != RmcpClass.Ipmi)
        {
            error = $"RMCP class {rmcp.Class} is not IPMI";
            return false;
        }
        var s = datagram[RmcpHeader.Size..];
        if (s.Length < 1)
        {
            error = "missing session header";
            return false;
        }
        var authType = (AuthType)(s[0] & 0x0F);
        if (authType == AuthType.RmcpPlus)
        {
            if (s.Length < 12)
            {
                error = "RMCP+ session header truncated";
                return false;
            }
            byte pt = s[1];
            int off = 2;
            var type = (PayloadType)(pt & 0x3F);
            if (type == PayloadType.OemExplicit)
            {
                off += 6;
                if (s.Length < off + 10)
                {
                    error = "RMCP+ OEM session header truncated";
                    return false;
                }
            }
            uint sid = BinaryPrimitives.ReadUInt32LittleEndian(s[off..]);
            uint seq = BinaryPrimitives.ReadUInt32LittleEndian(s[(off + 4)..]);
            int len = BinaryPrimitives.ReadUInt16LittleEndian(s[(off + 8)..]);
            int payloadOffset = RmcpHeader.Size + off + 10;
            if (payloadOffset + len > datagram.Length)
            {
                error = $"RMCP+ payload length {len} exceeds datagram";
                return false;
            }
            header = new SessionPacketHeader(authType, type, (pt & 0x80) != 0, (pt & 0x40) != 0, sid, seq, payloadOffset, len);
            error = null;
            return true;
        }
        if (authType is AuthType.None or AuthType.Md2 or AuthType.Md5 or AuthType.StraightPassword or AuthType.Oem)
        {
            int codeLen = authType == AuthType.None ? 0 : 16;
            if (s.Length < 10 + codeLen)
            {
                error = "IPMI 1.5 session header truncated";
                return false;
            }
            uint seq = BinaryPrimitives.ReadUInt32LittleEndian(s[1..]);
            uint sid = BinaryPrimitives.ReadUInt32LittleEndian(s[5..]);
            int len = s[9 + codeLen];
            int payloadOffset = RmcpHeader.Size + 10 + codeLen;
            if (payloadOffset + len > datagram.Length)
            {
                error = $"IPMI 1.5 payload length {len} exceeds datagram";
                return false;
            }
            header = new SessionPacketHeader(authType, PayloadType.Ipmi, false, codeLen != 0, sid, seq, payloadOffset, len);
            error = null;
            return true;
        }
        error = $"unknown auth type {s[0]:X2}h";
        return false;
    }

    /// <summary>
    /// Checks integrity and decrypts the payload of an RMCP+ packet with the session's keys. Returns null (with a reason)
    /// when the packet's protection does not match what the session negotiated or does not verify.
    /// </summary>
    public static byte[]? TryOpenPayload(ReadOnlySpan<byte> datagram, in SessionPacketHeader header, SessionKeys keys, out string? error)
    {
        var payload = datagram.Slice(header.PayloadOffset, header.PayloadLength);
        if (!header.IsRmcpPlus)
        {
            error = null;
            return payload.ToArray();
        }
        if (header.Authenticated)
        {
            if (!keys.Authenticates)
            {
                error = "packet is authenticated but the session negotiated no integrity algorithm";
                return null;
            }
            int trailerStart = header.PayloadOffset + header.PayloadLength;
            int codeLen = keys.IntegrityLength;
            // pad … pad length, next header, auth code
            int nextHeaderAt = datagram.Length - codeLen - 1;
            int padLengthAt = nextHeaderAt - 1;
            if (padLengthAt < trailerStart)
            {
                error = "integrity trailer truncated";
                return null;
            }
            int pad = datagram[padLengthAt];
            if (trailerStart + pad != padLengthAt || datagram[nextHeaderAt] != NextHeaderRmcp)
            {
                error = "integrity trailer malformed";
                return null;
            }
            if (!keys.VerifyIntegrity(datagram[RmcpHeader.Size..(nextHeaderAt + 1)], datagram[(nextHeaderAt + 1)..]))
            {
                error = "integrity check failed";
                return null;
            }
        }
        else if (keys.Authenticates && header.SessionId != 0)
        {
            error = "unauthenticated packet in an authenticated session";
            return null;
        }
        if (header.Encrypted)
        {
            if (!keys.Encrypts)
            {
                error = "packet is encrypted but the session negotiated no confidentiality algorithm";
                return null;
            }
            var plain = keys.Decrypt(payload);
            error = plain is null ? "payload decryption failed" : null;
            return plain;
        }
        if (keys.Encrypts && header.SessionId != 0 && header.PayloadType is PayloadType.Ipmi or PayloadType.Sol)
        {
            error = "unencrypted payload in an encrypted session";
            return null;
        }
        error = null;
        return payload.ToArray();
    }

    /// <summary>
    /// Writes an RMCP+ packet. <paramref name="protect"/> applies the session's integrity and confidentiality (set for
    /// every packet of an established session; clear for Open Session / RAKP and session-less messages).
    /// </summary>
    public static int WriteRmcpPlus(Span<byte> destination, PayloadType type, uint sessionId, uint sequence, ReadOnlySpan<byte> payload, SessionKeys keys, bool protect)
    {
        new RmcpHeader(RmcpClass.Ipmi).Write(destination);
        var s = destination[RmcpHeader.Size..];
        bool encrypt = protect && keys.Encrypts;
        bool authenticate = protect && keys.Authenticates;
        s[0] = (byte)AuthType.RmcpPlus;
        s[1] = (byte)((encrypt ? 0x80 : 0) | (authenticate ? 0x40 : 0) | (byte)type);
        BinaryPrimitives.WriteUInt32LittleEndian(s[2..], sessionId);
        BinaryPrimitives.WriteUInt32LittleEndian(s[6..], sequence);
        int payloadLen = encrypt ? keys.Encrypt(payload, s[12..]) : Copy(payload, s[12..]);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], (ushort)payloadLen);
        int n = 12 + payloadLen;
        if (authenticate)
        {
            // §13.28.4: pad so that auth type … next header (n + pad + 2) is a multiple of 4.
            int pad = (4 - ((n + 2) % 4)) % 4;
            s.Slice(n, pad).Fill(0xFF);
            n += pad;
            s[n++] = (byte)pad;
            s[n++] = NextHeaderRmcp;
            keys.ComputeIntegrity(s[..n], s.Slice(n, keys.IntegrityLength));
            n += keys.IntegrityLength;
        }
        return RmcpHeader.Size + n;
    }

    /// <summary>Writes an IPMI 1.5 packet with auth type none (used session-less, e.g. Get Channel Authentication Capabilities).</summary>
    public static int WriteIpmi15(Span<byte> destination, uint sessionId, uint sequence, ReadOnlySpan<byte> payload)
    {
        new RmcpHeader(RmcpClass.Ipmi).Write(destination);
        var s = destination[RmcpHeader.Size..];
        s[0] = (byte)AuthType.None;
        BinaryPrimitives.WriteUInt32LittleEndian(s[1..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(s[5..], sessionId);
        s[9] = (byte)payload.Length;
        payload.CopyTo(s[10..]);
        return RmcpHeader.Size + 10 + payload.Length;
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }
}
