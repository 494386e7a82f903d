using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lifeline.Redfish.Tls;

/// <summary>SHA-256 over the DER certificate, upper-case hex without separators (colons are accepted on input).</summary>
public static class CertificateFingerprint
{
    public static string Of(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    public static string Normalize(string fingerprint) =>
        fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
