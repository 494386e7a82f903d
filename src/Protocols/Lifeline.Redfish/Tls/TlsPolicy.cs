using System.Security.Cryptography.X509Certificates;

namespace Lifeline.Redfish.Tls;

/// <summary>How the client decides to trust a BMC's certificate.</summary>
public enum TlsTrustMode
{
    /// <summary>The platform's CA store (or <see cref="TlsPolicy.CustomRoots"/>) must validate the chain and the name. The default.</summary>
    CertificateAuthority,
    /// <summary>Record the fingerprint on first contact; refuse a different one until re-trusted.</summary>
    TrustOnFirstUse,
    /// <summary>Accept only the one fingerprint given (--pin SHA256).</summary>
    Pinned,
    /// <summary>Accept any certificate (--insecure). Logged as a warning on every client created.</summary>
    Insecure,
}

/// <summary>The TLS trust decision for one client. Plain HTTP is not a TLS policy: it needs <c>redfish+http://</c>.</summary>
public sealed record TlsPolicy
{
    public TlsTrustMode Mode { get; init; } = TlsTrustMode.CertificateAuthority;

    /// <summary>Extra trust anchors for <see cref="TlsTrustMode.CertificateAuthority"/> (--ca FILE); the system store when null.</summary>
    public X509Certificate2Collection? CustomRoots { get; init; }

    /// <summary>The store used by <see cref="TlsTrustMode.TrustOnFirstUse"/>.</summary>
    public ICertificatePinStore? PinStore { get; init; }

    /// <summary>The fingerprint for <see cref="TlsTrustMode.Pinned"/>.</summary>
    public string? PinnedFingerprint { get; init; }

    public static TlsPolicy CertificateAuthority(X509Certificate2Collection? roots = null) => new() { Mode = TlsTrustMode.CertificateAuthority, CustomRoots = roots };

    public static TlsPolicy TrustOnFirstUse(ICertificatePinStore store) => new() { Mode = TlsTrustMode.TrustOnFirstUse, PinStore = store };

    public static TlsPolicy Pin(string sha256Fingerprint) => new() { Mode = TlsTrustMode.Pinned, PinnedFingerprint = CertificateFingerprint.Normalize(sha256Fingerprint) };

    public static TlsPolicy Insecure() => new() { Mode = TlsTrustMode.Insecure };
}
