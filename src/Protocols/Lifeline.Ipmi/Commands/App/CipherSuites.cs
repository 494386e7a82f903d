using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

/// <summary>RMCP+ authentication algorithm numbers (IPMI v2.0 §13.28, Table 13-17).</summary>
public enum AuthenticationAlgorithm : byte
{
    RakpNone = 0x00,
    RakpHmacSha1 = 0x01,
    RakpHmacMd5 = 0x02,
    RakpHmacSha256 = 0x03,
}

/// <summary>RMCP+ integrity algorithm numbers (IPMI v2.0 §13.28, Table 13-18).</summary>
public enum IntegrityAlgorithm : byte
{
    None = 0x00,
    HmacSha1_96 = 0x01,
    HmacMd5_128 = 0x02,
    Md5_128 = 0x03,
    HmacSha256_128 = 0x04,
}

/// <summary>RMCP+ confidentiality algorithm numbers (IPMI v2.0 §13.28, Table 13-19).</summary>
public enum ConfidentialityAlgorithm : byte
{
    None = 0x00,
    AesCbc128 = 0x01,
    XRc4_128 = 0x02,
    XRc4_40 = 0x03,
}

/// <summary>One cipher suite as a BMC lists it: its id and the algorithm of each kind (OEM suites carry their IANA).</summary>
public sealed record CipherSuite(
    byte Id,
    AuthenticationAlgorithm Authentication,
    IntegrityAlgorithm Integrity,
    ConfidentialityAlgorithm Confidentiality,
    uint? OemIana = null)
{
    public override string ToString() =>
        $"suite {Id}: {Authentication}/{Integrity}/{Confidentiality}{(OemIana is { } iana ? $" (OEM {iana})" : "")}";
}

// IPMI v2.0 §22.15 Cipher Suite Records, as returned by Get Channel Cipher Suites when
// listing "by cipher suite":
//   standard record: C0h, cipher suite id, algorithm bytes...
//   OEM record:      C1h, cipher suite id, OEM IANA (3 bytes, LSB first), algorithm bytes...
//   algorithm byte:  [7:6] tag 00b = authentication, 01b = integrity, 10b = confidentiality; [5:0] algorithm number
// A record ends where the next start byte (C0h/C1h) begins. Some BMCs list several integrity or confidentiality
// algorithms for one suite: the first of each kind is the suite's.
public static class CipherSuiteRecords
{
    private const byte StandardRecord = 0xC0;
    private const byte OemRecord = 0xC1;

    /// <summary>Parses the concatenated record data of all Get Channel Cipher Suites chunks.</summary>
    public static IReadOnlyList<CipherSuite> Parse(ReadOnlySpan<byte> data)
    {
        var suites = new List<CipherSuite>();
        var r = new IpmiReader(data);
        while (!r.End)
        {
            byte start = r.ReadByte();
            if (start is not (StandardRecord or OemRecord))
            {
                throw IpmiException.Malformed($"cipher suite record starts with {start:X2}h at offset {r.Position - 1}, expected C0h or C1h");
            }
            byte id = r.ReadByte();
            uint? iana = start == OemRecord ? r.ReadUInt24() : null;
            byte? auth = null, integrity = null, confidentiality = null;
            while (!r.End && (r.Rest[0] & 0xC0) != 0xC0)
            {
                byte alg = r.ReadByte();
                byte number = (byte)(alg & 0x3F);
                switch (alg >> 6)
                {
                    case 0:
                        auth ??= number;
                        break;
                    case 1:
                        integrity ??= number;
                        break;
                    default:
                        confidentiality ??= number;
                        break;
                }
            }
            if (auth is null || integrity is null || confidentiality is null)
            {
                throw IpmiException.Malformed($"cipher suite {id} lacks an authentication, integrity or confidentiality algorithm");
            }
            suites.Add(new CipherSuite(id, (AuthenticationAlgorithm)auth.Value, (IntegrityAlgorithm)integrity.Value,
                (ConfidentialityAlgorithm)confidentiality.Value, iana));
        }
        return suites;
    }

    /// <summary>Server side: encodes suites as records (the caller cuts them into 16-byte chunks).</summary>
    public static byte[] Encode(IEnumerable<CipherSuite> suites)
    {
        var w = new IpmiWriter();
        foreach (var s in suites)
        {
            if (s.OemIana is { } iana)
            {
                w.Byte(OemRecord).Byte(s.Id).UInt24(iana & 0xFFFFFF);
            }
            else
            {
                w.Byte(StandardRecord).Byte(s.Id);
            }
            w.Byte((byte)((byte)s.Authentication & 0x3F))
             .Byte((byte)(0x40 | ((byte)s.Integrity & 0x3F)))
             .Byte((byte)(0x80 | ((byte)s.Confidentiality & 0x3F)));
        }
        return w.ToArray();
    }
}
