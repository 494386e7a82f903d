namespace Lifeline.Redfish.Tls;

/// <summary>
/// Where trust-on-first-use remembers each BMC's certificate: one SHA-256 fingerprint (upper-case hex, no separators)
/// per "host:port". Calls are synchronous because TLS validation callbacks are.
/// </summary>
public interface ICertificatePinStore
{
    /// <summary>The pinned fingerprint for <paramref name="hostPort"/>, or null on first contact.</summary>
    string? Get(string hostPort);

    /// <summary>Records (or, to re-trust a changed certificate, replaces) the fingerprint for <paramref name="hostPort"/>.</summary>
    void Set(string hostPort, string sha256Fingerprint);

    /// <summary>Forgets a host so its next certificate is trusted on first use again.</summary>
    void Remove(string hostPort);
}
