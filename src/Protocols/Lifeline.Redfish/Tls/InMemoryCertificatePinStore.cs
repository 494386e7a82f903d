using System.Collections.Concurrent;

namespace Lifeline.Redfish.Tls;

/// <summary>Pins kept for the life of the process (tests, one-shot CLI runs with --pin).</summary>
public sealed class InMemoryCertificatePinStore : ICertificatePinStore
{
    private readonly ConcurrentDictionary<string, string> _pins = new(StringComparer.OrdinalIgnoreCase);

    public string? Get(string hostPort) => _pins.TryGetValue(hostPort, out var v) ? v : null;

    public void Set(string hostPort, string sha256Fingerprint) => _pins[hostPort] = CertificateFingerprint.Normalize(sha256Fingerprint);

    public void Remove(string hostPort) => _pins.TryRemove(hostPort, out _);
}
