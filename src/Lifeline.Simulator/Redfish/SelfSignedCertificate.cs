using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lifeline.Simulator.Redfish;

/// <summary>The face's TLS certificate: ECDSA P-256, self-signed at start, valid for localhost and the node addresses.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>Beyond this many node addresses the SAN lists only the loopback names (clients then pin the fingerprint).</summary>
    private const int MaxSanAddresses = 4096;

    public static X509Certificate2 Create(IEnumerable<IPAddress> addresses, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Lifeline simulated BMC, O=Lifeline", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var a in addresses.Distinct().Where(a => !a.Equals(IPAddress.Loopback)).Take(MaxSanAddresses))
        {
            san.AddIpAddress(a);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        var now = time.GetUtcNow();
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>"AB:CD:…" SHA-256 of the DER certificate, as browsers and <c>openssl x509 -fingerprint -sha256</c> print it.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
