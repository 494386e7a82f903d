using Lifeline.Drivers;

namespace Lifeline.Fleet.Hosting;

/// <summary>
/// Settings of the node grains, fleet operations and state refresher (configuration section <c>Fleet</c> by
/// convention). Every node uses the same connection defaults; the credential comes from the store.
/// </summary>
public sealed class FleetOptions
{
    /// <summary>Where the service keeps its files: the TLS known-BMCs file and the SDR cache live below it.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The deadline of a short operation on one node (power, boot, identify, BMC info, SEL clear), waiting included.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The deadline of a long read on one node (sensors, health, event log, inventory), waiting included.</summary>
    public TimeSpan LongOperationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often every node's reachability and power are checked in the background; zero turns it off.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Each refresh sweep starts up to this fraction of <see cref="RefreshInterval"/> early or late (0–0.5).</summary>
    public double RefreshJitter { get; set; } = 0.1;

    /// <summary>The most nodes one fleet operation (or refresh sweep) works on at once.</summary>
    public int FanOut { get; set; } = 1000;

    /// <summary>
    /// Operations in flight on one BMC at once: reads share these slots, a mutating operation takes them all (so it
    /// never interleaves with anything on that BMC). 1 serialises everything.
    /// </summary>
    public int MaxRequestsPerBmc { get; set; } = 2;

    /// <summary>After a BMC refused the credential, background refreshes leave it alone this long (BMCs lock accounts out).</summary>
    public TimeSpan AuthenticationRetryInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An idle node grain (no operation, no refresh) is deactivated after this, closing its sessions.</summary>
    public TimeSpan NodeIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>IPMI: the longest wait for one answer before retransmitting.</summary>
    public TimeSpan IpmiTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>IPMI: retransmissions of an unanswered request (Redfish: one request waits timeout × (retries + 1)).</summary>
    public int IpmiRetries { get; set; } = 3;

    /// <summary>RMCP+ cipher suite, or null for auto (17, then 3, 2, 1; never 0).</summary>
    public int? IpmiCipherSuite { get; set; }

    /// <summary>Send a harmless request on an idle warm IPMI session this often so the BMC keeps it; zero turns it off.</summary>
    public TimeSpan IpmiKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Local UDP sockets shared by every IPMI session of the process.</summary>
    public int IpmiSocketCount { get; set; } = Math.Clamp(Environment.ProcessorCount * 4, 4, 32);

    /// <summary>How Redfish certificates are trusted; trust-on-first-use records them in <see cref="KnownBmcsPath"/>.</summary>
    public TlsTrust RedfishTlsTrust { get; set; } = TlsTrust.TrustOnFirstUse;

    /// <summary>The SHA-256 fingerprint every Redfish BMC must present, for <see cref="TlsTrust.Pinned"/>.</summary>
    public string? RedfishTlsPin { get; set; }

    /// <summary>A PEM file of CA certificates, for <see cref="TlsTrust.CertificateAuthority"/>.</summary>
    public string? RedfishCaFile { get; set; }

    /// <summary>The trust-on-first-use file; <c>DATA/known_bmcs</c> when null.</summary>
    public string? KnownBmcsPath { get; set; }

    /// <summary>The deadline of <paramref name="kind"/> on one node.</summary>
    public TimeSpan TimeoutFor(Operations.OperationKind kind) => kind switch
    {
        Operations.OperationKind.Sensors or Operations.OperationKind.Health or Operations.OperationKind.EventsList
            or Operations.OperationKind.EventsSince or Operations.OperationKind.Inventory => LongOperationTimeout,
        _ => OperationTimeout,
    };

    /// <summary>The data directory, or <c>lifeline-data</c> in the working directory when unset.</summary>
    public string ResolveDataDirectory() => Path.GetFullPath(string.IsNullOrWhiteSpace(DataDirectory) ? "lifeline-data" : DataDirectory);

    /// <summary>The known-BMCs file trust-on-first-use writes.</summary>
    public string ResolveKnownBmcsPath() => KnownBmcsPath is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(ResolveDataDirectory(), "known_bmcs");

    /// <summary>The TLS choice every Redfish node gets.</summary>
    /// <summary>How the service connects to a BMC with this password: Operator privilege, the configured IPMI suite, timeouts and TLS trust.</summary>
    public ConnectionSettings ConnectionSettingsFor(Secret password) =>
        new(IpmiCipherSuite, AllowSuite0: false, PrivilegeLevel.Operator, password, Kg: null, IpmiTimeout, IpmiRetries) { Tls = TlsSettings() };

    public TlsSettings TlsSettings() => new(RedfishTlsTrust, RedfishTlsPin, RedfishCaFile, ResolveKnownBmcsPath());

    /// <summary>Problems with the values, one line each (empty when valid): what is wrong and what to set instead.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Fleet:{name} must be positive (it is {value})");
            }
        }
        Positive(OperationTimeout, nameof(OperationTimeout));
        Positive(LongOperationTimeout, nameof(LongOperationTimeout));
        Positive(IpmiTimeout, nameof(IpmiTimeout));
        Positive(NodeIdleTimeout, nameof(NodeIdleTimeout));
        if (RefreshInterval < TimeSpan.Zero)
        {
            errors.Add($"Fleet:RefreshInterval must be zero (off) or positive (it is {RefreshInterval})");
        }
        if (RefreshInterval > TimeSpan.Zero && NodeIdleTimeout <= RefreshInterval)
        {
            errors.Add($"Fleet:NodeIdleTimeout ({NodeIdleTimeout}) must be longer than Fleet:RefreshInterval ({RefreshInterval}), or warm sessions are closed between refreshes");
        }
        if (RefreshJitter is < 0 or > 0.5)
        {
            errors.Add($"Fleet:RefreshJitter must be between 0 and 0.5 (it is {RefreshJitter})");
        }
        if (FanOut is < 1 or > 100_000)
        {
            errors.Add($"Fleet:FanOut must be 1 to 100000 (it is {FanOut})");
        }
        if (MaxRequestsPerBmc is < 1 or > 16)
        {
            errors.Add($"Fleet:MaxRequestsPerBmc must be 1 to 16 (it is {MaxRequestsPerBmc})");
        }
        if (IpmiRetries is < 0 or > 10)
        {
            errors.Add($"Fleet:IpmiRetries must be 0 to 10 (it is {IpmiRetries})");
        }
        if (IpmiSocketCount is < 1 or > 1024)
        {
            errors.Add($"Fleet:IpmiSocketCount must be 1 to 1024 (it is {IpmiSocketCount})");
        }
        if (IpmiCipherSuite is int suite && suite is not (1 or 2 or 3 or 17))
        {
            errors.Add($"Fleet:IpmiCipherSuite must be 1, 2, 3, 17 or unset for auto (it is {suite})");
        }
        if (RedfishTlsTrust == TlsTrust.Pinned && string.IsNullOrWhiteSpace(RedfishTlsPin))
        {
            errors.Add("Fleet:RedfishTlsTrust is Pinned but Fleet:RedfishTlsPin is empty: set the SHA-256 fingerprint");
        }
        if (RedfishTlsTrust == TlsTrust.CertificateAuthority && string.IsNullOrWhiteSpace(RedfishCaFile))
        {
            errors.Add("Fleet:RedfishTlsTrust is CertificateAuthority but Fleet:RedfishCaFile is empty: set the PEM file");
        }
        return errors;
    }
}
