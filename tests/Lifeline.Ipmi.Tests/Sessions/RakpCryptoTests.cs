using System.Text;
using Lifeline.Ipmi.Sessions;

namespace Lifeline.Ipmi.Tests.Sessions;

/// <summary>
/// RAKP codes and session keys against values computed independently with Python's hmac/hashlib and OpenSSL
/// (IPMI v2.0 §13.31–13.32; inputs: K_uid "password", user "admin", SIDm 11223344h, SIDc 55667788h,
/// Rm = 00..0F, Rc = 10..1F, GUIDc = 20..2F, role 14h).
/// </summary>
public sealed class RakpCryptoTests
{
    private static readonly byte[] Kuid = Encoding.ASCII.GetBytes("password");
    private static readonly byte[] User = Encoding.ASCII.GetBytes("admin");
    private static readonly byte[] Rm = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] Rc = Enumerable.Range(16, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] Guid = Enumerable.Range(32, 16).Select(i => (byte)i).ToArray();
    private const uint SidM = 0x11223344;
    private const uint SidC = 0x55667788;
    private const byte Role = 0x14;

    [Theory]
    [InlineData(AuthenticationAlgorithm.RakpHmacSha1, "2e7fd8a738d32c333efbda301c8586c399efde2b", "4402012e214da511895a399bd77d5396e7998a4d")]
    [InlineData(AuthenticationAlgorithm.RakpHmacSha256, "745e52259d2e4dbcabfd78edc43348de04be340f218253b94668e3b3799411f0", "e6f17841e92f8c11cbc4fd1cafcc9c21e3d814e713e13e9ee640103b50c0ef15")]
    public void Rakp2AndRakp3CodesMatchIndependentValues(AuthenticationAlgorithm alg, string rakp2, string rakp3)
    {
        Assert.Equal(rakp2, Convert.ToHexStringLower(RakpCrypto.Rakp2AuthCode(alg, Kuid, SidM, SidC, Rm, Rc, Guid, Role, User)));
        Assert.Equal(rakp3, Convert.ToHexStringLower(RakpCrypto.Rakp3AuthCode(alg, Kuid, Rc, SidM, Role, User)));
    }

    [Theory]
    [InlineData(AuthenticationAlgorithm.RakpHmacSha1, "122c77c4b11ccd93251cbae6c34a9cb6310da154", "c2046b16cbbd0ccff6e6", 12,
        "e4472be78f9a81fa68297aab696a7be8c97fc9f8", "2b6552012a2517cb3b5713901d757a6efc7d8301")]
    [InlineData(AuthenticationAlgorithm.RakpHmacSha256, "e5935f7199865ad961063477b0662684e2ce9b1da8f2b8d41c5ce127d37e9bcf", "b67f9b97c9b2cefb65aeebe0633c96d2", 16,
        "dc4fe73d075306f6897115dd63257385e845c10404fa1d73991790c6a101bec2", "2a4f969ea6dfa83066f36674fdc2fea289fa1a21da90303e9b5269b54ec5adb5")]
    public void SikRakp4AndKeysMatchIndependentValues(AuthenticationAlgorithm alg, string sik, string icvPrefix, int icvLength, string k1, string k2)
    {
        var s = RakpCrypto.SessionIntegrityKey(alg, Kuid, Rm, Rc, Role, User);
        Assert.Equal(sik, Convert.ToHexStringLower(s));
        var icv = RakpCrypto.Rakp4Icv(alg, s, Rm, SidC, Guid);
        Assert.Equal(icvLength, icv.Length);
        Assert.StartsWith(icvPrefix, Convert.ToHexStringLower(icv), StringComparison.Ordinal);
        Assert.Equal(k1, Convert.ToHexStringLower(RakpCrypto.DeriveKey(alg, s, 0x01)));
        Assert.Equal(k2, Convert.ToHexStringLower(RakpCrypto.DeriveKey(alg, s, 0x02)));
    }

    [Fact]
    public void AesPayloadProducedByOpenSslDecrypts()
    {
        // openssl enc -aes-128-cbc -K <K2[0..16)> -iv 000102…0f -nopad of "hello ipmi" + 01 02 03 04 05 + 05
        using var keys = new SessionKeys(CipherSuite.Suite3, Convert.FromHexString("122c77c4b11ccd93251cbae6c34a9cb6310da154"));
        var payload = Convert.FromHexString("000102030405060708090a0b0c0d0e0f" + "c54aca1ea63be73eb9439d3afc40d996");
        Assert.Equal("hello ipmi", Encoding.ASCII.GetString(keys.Decrypt(payload)!));
    }

    [Fact]
    public void EncryptThenDecryptRoundTripsEveryLength()
    {
        using var keys = new SessionKeys(CipherSuite.Suite17, new byte[32]);
        for (int len = 0; len < 70; len++)
        {
            var plain = Enumerable.Range(0, len).Select(i => (byte)(i * 7)).ToArray();
            var buffer = new byte[SessionKeys.EncryptedLength(len)];
            Assert.Equal(buffer.Length, keys.Encrypt(plain, buffer));
            Assert.Equal(0, (buffer.Length - 16) % 16);
            Assert.Equal(plain, keys.Decrypt(buffer));
        }
    }

    [Fact]
    public void TamperedAuthenticatedPacketIsRejected()
    {
        using var keys = new SessionKeys(CipherSuite.Suite3, new byte[20]);
        var buffer = new byte[SessionPacket.MaxDatagram];
        int n = SessionPacket.WriteRmcpPlus(buffer, PayloadType.Ipmi, 0x1234, 7, new byte[] { 1, 2, 3, 4, 5, 6, 7 }, keys, protect: true);
        var packet = buffer.AsSpan(0, n).ToArray();
        Assert.True(SessionPacket.TryReadHeader(packet, out var header, out _));
        Assert.True(header.Authenticated && header.Encrypted);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7 }, SessionPacket.TryOpenPayload(packet, header, keys, out _));
        // auth type … next header is a multiple of 4 (§13.28.4)
        Assert.Equal(0, (n - 4 - keys.IntegrityLength) % 4);
        for (int i = 4; i < n; i++)
        {
            var bad = (byte[])packet.Clone();
            bad[i] ^= 0x40;
            if (SessionPacket.TryReadHeader(bad, out var h2, out _))
            {
                Assert.Null(SessionPacket.TryOpenPayload(bad, h2, keys, out _));
            }
        }
    }
}
