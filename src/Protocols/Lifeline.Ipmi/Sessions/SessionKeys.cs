using System.Security.Cryptography;

namespace Lifeline.Ipmi.Sessions;

/// <summary>
/// The negotiated algorithms and derived keys of one RMCP+ session: integrity (§13.28.4) and confidentiality (§13.29)
/// of session packets. Thread-safe: integrity is stateless; AES use is serialised.
/// </summary>
public sealed class SessionKeys : IDisposable
{
    private readonly byte[] _k1;
    private readonly Aes? _aes;
    private readonly Lock _aesLock = new();

    public SessionKeys(CipherSuite suite, byte[] sik)
    {
        Suite = suite;
        Sik = sik;
        _k1 = RakpCrypto.DeriveKey(suite.Authentication, sik, 0x01);
        var k2 = RakpCrypto.DeriveKey(suite.Authentication, sik, 0x02);
        if (suite.Confidentiality == ConfidentialityAlgorithm.AesCbc128)
        {
            _aes = Aes.Create();
            _aes.Key = k2.AsSpan(0, 16).ToArray();
        }
        else if (suite.Confidentiality != ConfidentialityAlgorithm.None)
        {
            throw new IpmiException(IpmiError.NoCipherSuite, $"confidentiality algorithm {suite.Confidentiality} is not implemented");
        }
        if (suite.Integrity == IntegrityAlgorithm.Md5_128)
        {
            throw new IpmiException(IpmiError.NoCipherSuite, "integrity algorithm MD5-128 is not implemented");
        }
    }

    /// <summary>Keys for an unauthenticated session (suite 0) or the pre-session phase.</summary>
    public static SessionKeys None { get; } = new(CipherSuite.Suite0, []);

    public CipherSuite Suite { get; }
    internal byte[] Sik { get; }

    public bool Authenticates => Suite.Integrity != IntegrityAlgorithm.None;
    public bool Encrypts => Suite.Confidentiality != ConfidentialityAlgorithm.None;

    /// <summary>AuthCode length appended to authenticated packets.</summary>
    public int IntegrityLength => Suite.Integrity switch
    {
        IntegrityAlgorithm.HmacSha1_96 => 12,
        IntegrityAlgorithm.HmacMd5_128 => 16,
        IntegrityAlgorithm.HmacSha256_128 => 16,
        _ => 0,
    };

    /// <summary>Computes the AuthCode over <paramref name="data"/> into <paramref name="destination"/> (IntegrityLength bytes).</summary>
    public void ComputeIntegrity(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        int n = Suite.Integrity switch
        {
            IntegrityAlgorithm.HmacSha1_96 => HMACSHA1.HashData(_k1, data, full),
            IntegrityAlgorithm.HmacMd5_128 => HMACMD5.HashData(_k1, data, full),
            IntegrityAlgorithm.HmacSha256_128 => HMACSHA256.HashData(_k1, data, full),
            _ => 0,
        };
        full[..Math.Min(n, IntegrityLength)].CopyTo(destination);
    }

    public bool VerifyIntegrity(ReadOnlySpan<byte> data, ReadOnlySpan<byte> authCode)
    {
        Span<byte> expected = stackalloc byte[IntegrityLength];
        ComputeIntegrity(data, expected);
        return authCode.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, authCode);
    }

    /// <summary>Ciphertext length for <paramref name="plainLength"/> bytes: IV + data + pad + pad-length, rounded to 16 (§13.29).</summary>
    public static int EncryptedLength(int plainLength) => 16 + (((plainLength + 1 + 15) / 16) * 16);

    /// <summary>§13.29 AES-CBC-128: IV(16) | E(data | 01 02 … N | N). Returns the number of bytes written.</summary>
    public int Encrypt(ReadOnlySpan<byte> plain, Span<byte> destination)
    {
        int bodyLen = EncryptedLength(plain.Length) - 16;
        int pad = bodyLen - plain.Length - 1;
        var iv = destination[..16];
        SecureRandom.Fill(iv);
        Span<byte> block = bodyLen <= 512 ? stackalloc byte[bodyLen] : new byte[bodyLen];
        plain.CopyTo(block);
        for (int i = 0; i < pad; i++)
        {
            block[plain.Length + i] = (byte)(i + 1);
        }
        block[^1] = (byte)pad;
        lock (_aesLock)
        {
            _aes!.EncryptCbc(block, iv, destination.Slice(16, bodyLen), PaddingMode.None);
        }
        return 16 + bodyLen;
    }

    /// <summary>Decrypts an AES-CBC-128 payload; returns null when it is not a valid ciphertext or its pad is wrong.</summary>
    public byte[]? Decrypt(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 32 || (payload.Length - 16) % 16 != 0)
        {
            return null;
        }
        byte[] plain;
        lock (_aesLock)
        {
            plain = _aes!.DecryptCbc(payload[16..], payload[..16], PaddingMode.None);
        }
        int pad = plain[^1];
        if (pad + 1 > plain.Length)
        {
            return null;
        }
        // The pad bytes are 01h, 02h, …; some BMCs fill differently, so only the length is binding.
        return plain.AsSpan(0, plain.Length - 1 - pad).ToArray();
    }

    public void Dispose() => _aes?.Dispose();
}
