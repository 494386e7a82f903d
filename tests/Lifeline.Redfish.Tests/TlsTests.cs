using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lifeline.Redfish.Tls;

namespace Lifeline.Redfish.Tests;

public sealed class TlsTests
{
    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    [Fact]
    public void TrustOnFirstUseRecordsTheFirstCertificateAndAcceptsItAgain()
    {
        using var cert = SelfSigned("bmc1");
        var store = new InMemoryCertificatePinStore();
        var validator = new CertificateValidator(TlsPolicy.TrustOnFirstUse(store), "bmc1:443");
        Assert.True(validator.Validate(cert, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal(CertificateFingerprint.Of(cert), store.Get("bmc1:443"));
        Assert.True(validator.Validate(cert, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void AChangedCertificateIsRefusedNamingBothFingerprintsUntilReTrusted()
    {
        using var first = SelfSigned("bmc1");
        using var second = SelfSigned("bmc1");
        var store = new InMemoryCertificatePinStore();
        var validator = new CertificateValidator(TlsPolicy.TrustOnFirstUse(store), "bmc1:443");
        Assert.True(validator.Validate(first, null, SslPolicyErrors.None));
        Assert.False(validator.Validate(second, null, SslPolicyErrors.None));
        Assert.Contains(CertificateFingerprint.Of(first), validator.LastRefusal, StringComparison.Ordinal);
        Assert.Contains(CertificateFingerprint.Of(second), validator.LastRefusal, StringComparison.Ordinal);
        store.Set("bmc1:443", CertificateFingerprint.Of(second));
        Assert.True(validator.Validate(second, null, SslPolicyErrors.None));
    }

    [Fact]
    public void PinsSurviveInTheFileStoreAndColonsAreAccepted()
    {
        var path = Path.Combine(Path.GetTempPath(), "lifeline-pins-" + Guid.NewGuid().ToString("N"), "pins.txt");
        try
        {
            new FileCertificatePinStore(path).Set("10.0.0.5:443", "ab:cd:ef");
            var reopened = new FileCertificatePinStore(path);
            Assert.Equal("ABCDEF", reopened.Get("10.0.0.5:443"));
            Assert.Null(reopened.Get("10.0.0.6:443"));
            reopened.Remove("10.0.0.5:443");
            Assert.Null(new FileCertificatePinStore(path).Get("10.0.0.5:443"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void CaValidationIsTheDefaultAndRefusesASelfSignedCertificate()
    {
        using var cert = SelfSigned("bmc1");
        var policy = new RedfishClientOptions { Endpoint = RedfishEndpoint.Parse("redfish://bmc1") }.Tls;
        Assert.Equal(TlsTrustMode.CertificateAuthority, policy.Mode);
        var validator = new CertificateValidator(policy, "bmc1:443");
        Assert.False(validator.Validate(cert, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("CA validation", validator.LastRefusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExplicitPinAcceptsOnlyThatCertificateAndInsecureAcceptsAny()
    {
        using var cert = SelfSigned("bmc1");
        using var other = SelfSigned("bmc1");
        var pinned = new CertificateValidator(TlsPolicy.Pin(CertificateFingerprint.Of(cert).ToLowerInvariant()), "bmc1:443");
        Assert.True(pinned.Validate(cert, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(pinned.Validate(other, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(new CertificateValidator(TlsPolicy.Insecure(), "bmc1:443").Validate(other, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }
}
