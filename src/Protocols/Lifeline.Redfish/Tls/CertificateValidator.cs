using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Lifeline.Redfish.Tls;

/// <summary>
/// The certificate decision of one client, kept out of the handler so tests can drive it with generated certificates.
/// A refusal leaves its reason in <see cref="LastRefusal"/> so the transport error can name both fingerprints.
/// </summary>
internal sealed class CertificateValidator
{
    private readonly TlsPolicy _policy;
    private readonly string _hostPort;

    public CertificateValidator(TlsPolicy policy, string hostPort)
    {
        _policy = policy;
        _hostPort = hostPort;
    }

    /// <summary>Why the last certificate was refused (null when none was).</summary>
    public string? LastRefusal { get; private set; }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return Refuse("the BMC presented no certificate");
        }
        var seen = CertificateFingerprint.Of(certificate);
        switch (_policy.Mode)
        {
            case TlsTrustMode.Insecure:
                return true;
            case TlsTrustMode.Pinned:
                return seen == _policy.PinnedFingerprint
                    ? true
                    : Refuse($"the certificate of {_hostPort} has SHA-256 {seen}, not the pinned {_policy.PinnedFingerprint}");
            case TlsTrustMode.TrustOnFirstUse:
                var store = _policy.PinStore ?? throw new InvalidOperationException("TrustOnFirstUse needs a PinStore");
                var pinned = store.Get(_hostPort);
                if (pinned is null)
                {
                    store.Set(_hostPort, seen);
                    return true;
                }
                return pinned == seen
                    ? true
                    : Refuse($"the certificate of {_hostPort} changed: pinned SHA-256 {pinned}, now presented {seen}; "
                        + "re-trust it only after checking the BMC (it may have been replaced, or someone is in between)");
            default:
                if (_policy.CustomRoots is { Count: > 0 } roots)
                {
                    if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                    {
                        return Refuse($"the certificate of {_hostPort} does not name that host");
                    }
                    using var custom = new X509Chain();
                    custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    custom.ChainPolicy.CustomTrustStore.AddRange(roots);
                    custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return custom.Build(new X509Certificate2(certificate))
                        ? true
                        : Refuse($"the certificate of {_hostPort} (SHA-256 {seen}) does not chain to the given CA");
                }
                return errors == SslPolicyErrors.None
                    ? true
                    : Refuse($"the certificate of {_hostPort} (SHA-256 {seen}) failed CA validation ({errors})");
        }
    }

    private bool Refuse(string why)
    {
        LastRefusal = why;
        return false;
    }
}
