using System.Security.Cryptography;

namespace Lifeline.Ipmi.Sessions;

/// <summary>
/// The RAKP authentication codes and session key derivation (IPMI v2.0 §13.31 and §13.32), shared by the client and the
/// simulated BMC so both sides compute exactly the same values.
/// </summary>
public static class RakpCrypto
{
    /// <summary>HMAC with the authentication algorithm's hash (§13.28). RAKP-none yields an empty code.</summary>
    public static byte[] Hmac(AuthenticationAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => algorithm switch
    {
        AuthenticationAlgorithm.RakpNone => [],
        AuthenticationAlgorithm.RakpHmacSha1 => HMACSHA1.HashData(key, data),
        AuthenticationAlgorithm.RakpHmacMd5 => HMACMD5.HashData(key, data),
        AuthenticationAlgorithm.RakpHmacSha256 => HMACSHA256.HashData(key, data),
        _ => throw new IpmiException(IpmiError.NoCipherSuite, $"authentication algorithm {algorithm} is not implemented"),
    };

    /// <summary>Length of the RAKP 2/3 key exchange authentication code.</summary>
    public static int AuthCodeLength(AuthenticationAlgorithm algorithm) => algorithm switch
    {
        AuthenticationAlgorithm.RakpHmacSha1 => 20,
        AuthenticationAlgorithm.RakpHmacMd5 => 16,
        AuthenticationAlgorithm.RakpHmacSha256 => 32,
        _ => 0,
    };

    /// <summary>Length of the RAKP 4 integrity check value (§13.23: truncated HMAC for SHA1-96 and SHA256-128).</summary>
    public static int Rakp4IcvLength(AuthenticationAlgorithm algorithm) => algorithm switch
    {
        AuthenticationAlgorithm.RakpHmacSha1 => 12,
        AuthenticationAlgorithm.RakpHmacMd5 => 16,
        AuthenticationAlgorithm.RakpHmacSha256 => 16,
        _ => 0,
    };

    /// <summary>§13.31 RAKP 2: HMAC_Kuid(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm).</summary>
    public static byte[] Rakp2AuthCode(AuthenticationAlgorithm alg, ReadOnlySpan<byte> kuid, uint consoleSessionId, uint bmcSessionId,
        ReadOnlySpan<byte> consoleRandom, ReadOnlySpan<byte> bmcRandom, ReadOnlySpan<byte> bmcGuid, byte role, ReadOnlySpan<byte> userName)
    {
        Span<byte> buf = stackalloc byte[4 + 4 + 16 + 16 + 16 + 1 + 1 + 16];
        int n = 0;
        WriteUInt32(buf, ref n, consoleSessionId);
        WriteUInt32(buf, ref n, bmcSessionId);
        Append(buf, ref n, consoleRandom);
        Append(buf, ref n, bmcRandom);
        Append(buf, ref n, bmcGuid);
        buf[n++] = role;
        buf[n++] = (byte)userName.Length;
        Append(buf, ref n, userName);
        return Hmac(alg, kuid, buf[..n]);
    }

    /// <summary>§13.31 RAKP 3: HMAC_Kuid(Rc, SIDm, ROLEm, ULENGTHm, UNAMEm).</summary>
    public static byte[] Rakp3AuthCode(AuthenticationAlgorithm alg, ReadOnlySpan<byte> kuid, ReadOnlySpan<byte> bmcRandom, uint consoleSessionId,
        byte role, ReadOnlySpan<byte> userName)
    {
        Span<byte> buf = stackalloc byte[16 + 4 + 1 + 1 + 16];
        int n = 0;
        Append(buf, ref n, bmcRandom);
        WriteUInt32(buf, ref n, consoleSessionId);
        buf[n++] = role;
        buf[n++] = (byte)userName.Length;
        Append(buf, ref n, userName);
        return Hmac(alg, kuid, buf[..n]);
    }

    /// <summary>§13.32 SIK = HMAC_KG(Rm, Rc, ROLEm, ULENGTHm, UNAMEm); K_g defaults to K_uid when the BMC has no key.</summary>
    public static byte[] SessionIntegrityKey(AuthenticationAlgorithm alg, ReadOnlySpan<byte> kg, ReadOnlySpan<byte> consoleRandom, ReadOnlySpan<byte> bmcRandom,
        byte role, ReadOnlySpan<byte> userName)
    {
        Span<byte> buf = stackalloc byte[16 + 16 + 1 + 1 + 16];
        int n = 0;
        Append(buf, ref n, consoleRandom);
        Append(buf, ref n, bmcRandom);
        buf[n++] = role;
        buf[n++] = (byte)userName.Length;
        Append(buf, ref n, userName);
        return Hmac(alg, kg, buf[..n]);
    }

    /// <summary>§13.31 RAKP 4 integrity check value: HMAC_SIK(Rm, SIDc, GUIDc), truncated.</summary>
    public static byte[] Rakp4Icv(AuthenticationAlgorithm alg, ReadOnlySpan<byte> sik, ReadOnlySpan<byte> consoleRandom, uint bmcSessionId, ReadOnlySpan<byte> bmcGuid)
    {
        Span<byte> buf = stackalloc byte[16 + 4 + 16];
        int n = 0;
        Append(buf, ref n, consoleRandom);
        WriteUInt32(buf, ref n, bmcSessionId);
        Append(buf, ref n, bmcGuid);
        var full = Hmac(alg, sik, buf[..n]);
        return full.AsSpan(0, Math.Min(full.Length, Rakp4IcvLength(alg))).ToArray();
    }

    /// <summary>
    /// §13.32 additional keying material: K_n = HMAC_SIK(Const n), Const n = the byte n repeated 20 times — also for
    /// HMAC-SHA256 suites (ipmitool and FreeIPMI both use the 20-byte constants there).
    /// </summary>
    public static byte[] DeriveKey(AuthenticationAlgorithm alg, ReadOnlySpan<byte> sik, byte constant)
    {
        if (alg == AuthenticationAlgorithm.RakpNone)
        {
            return [];
        }
        Span<byte> c = stackalloc byte[20];
        c.Fill(constant);
        return Hmac(alg, sik, c);
    }

    /// <summary>Compares authentication codes in constant time.</summary>
    public static bool Equal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CryptographicOperations.FixedTimeEquals(a, b);

    private static void Append(Span<byte> buf, ref int n, ReadOnlySpan<byte> data)
    {
        data.CopyTo(buf[n..]);
        n += data.Length;
    }

    private static void WriteUInt32(Span<byte> buf, ref int n, uint value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buf[n..], value);
        n += 4;
    }
}
