namespace Lifeline.Ipmi.Sessions;

/// <summary>
/// A cipher suite: the triple of algorithms negotiated by Open Session (IPMI v2.0 §22.15.2, Table 22-20).
/// </summary>
public sealed record CipherSuite(byte Id, AuthenticationAlgorithm Authentication, IntegrityAlgorithm Integrity, ConfidentialityAlgorithm Confidentiality)
{
    public static readonly CipherSuite Suite0 = new(0, AuthenticationAlgorithm.RakpNone, IntegrityAlgorithm.None, ConfidentialityAlgorithm.None);
    public static readonly CipherSuite Suite1 = new(1, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.None, ConfidentialityAlgorithm.None);
    public static readonly CipherSuite Suite2 = new(2, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.None);
    public static readonly CipherSuite Suite3 = new(3, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.AesCbc128);
    public static readonly CipherSuite Suite6 = new(6, AuthenticationAlgorithm.RakpHmacMd5, IntegrityAlgorithm.None, ConfidentialityAlgorithm.None);
    public static readonly CipherSuite Suite7 = new(7, AuthenticationAlgorithm.RakpHmacMd5, IntegrityAlgorithm.HmacMd5_128, ConfidentialityAlgorithm.None);
    public static readonly CipherSuite Suite8 = new(8, AuthenticationAlgorithm.RakpHmacMd5, IntegrityAlgorithm.HmacMd5_128, ConfidentialityAlgorithm.AesCbc128);
    public static readonly CipherSuite Suite15 = new(15, AuthenticationAlgorithm.RakpHmacSha256, IntegrityAlgorithm.None, ConfidentialityAlgorithm.None);
    public static readonly CipherSuite Suite16 = new(16, AuthenticationAlgorithm.RakpHmacSha256, IntegrityAlgorithm.HmacSha256_128, ConfidentialityAlgorithm.None);
    public static readonly CipherSuite Suite17 = new(17, AuthenticationAlgorithm.RakpHmacSha256, IntegrityAlgorithm.HmacSha256_128, ConfidentialityAlgorithm.AesCbc128);

    /// <summary>Suites this stack implements end to end (MD5-128 integrity and xRC4 are not implemented).</summary>
    public static IReadOnlyList<CipherSuite> Supported { get; } = [Suite0, Suite1, Suite2, Suite3, Suite6, Suite7, Suite8, Suite15, Suite16, Suite17];

    /// <summary>The order auto-selection tries: strongest first, never suite 0.</summary>
    public static IReadOnlyList<CipherSuite> AutoPreference { get; } = [Suite17, Suite3];

    public static CipherSuite? FromId(int id) => Supported.FirstOrDefault(s => s.Id == id);

    /// <summary>Finds the suite made of these three algorithms, if it is one we implement.</summary>
    public static CipherSuite? FromAlgorithms(AuthenticationAlgorithm a, IntegrityAlgorithm i, ConfidentialityAlgorithm c) =>
        Supported.FirstOrDefault(s => s.Authentication == a && s.Integrity == i && s.Confidentiality == c);

    public bool IsInsecure => Authentication == AuthenticationAlgorithm.RakpNone;

    public override string ToString() => $"suite {Id} ({Authentication}/{Integrity}/{Confidentiality})";
}
