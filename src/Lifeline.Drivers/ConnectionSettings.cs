
namespace Lifeline.Drivers;

/// <summary>Session privilege to request (IPMI v2.0 §13.17 Table 13-17 values).</summary>
public enum PrivilegeLevel : byte
{
    User = 0x02,
    Operator = 0x03,
    Administrator = 0x04,
}

/// <summary>
/// How to reach and log in to every BMC of one command; the same for all targets. Printing it never shows the
/// password or K_g (<see cref="Secret"/> prints as <c>[redacted]</c>).
/// </summary>
/// <param name="CipherSuite">
/// RMCP+ cipher suite id (IPMI v2.0 §22.15.2: 0, 1, 2, 3, 17), or null for auto: the strongest suite the BMC offers
/// among 17 and 3 (then 2, 1), never 0 unless <paramref name="AllowSuite0"/>.
/// </param>
/// <param name="AllowSuite0">Permit cipher suite 0 (no authentication, no integrity, no confidentiality).</param>
/// <param name="Privilege">The privilege level to request for the session.</param>
/// <param name="Password">The BMC password (from LIFELINE_BMC_PASSWORD or the prompt).</param>
/// <param name="Kg">The BMC key K_g, when the BMC is set to two-key login; null means "use the password" (the default).</param>
/// <param name="Timeout">How long to wait for one answer before retransmitting (<c>--timeout</c>).</param>
/// <param name="Retries">How many times to retransmit an unanswered request (<c>--retries</c>).</param>
public sealed record ConnectionSettings(
    int? CipherSuite,
    bool AllowSuite0,
    PrivilegeLevel Privilege,
    Secret Password,
    Secret? Kg,
    TimeSpan Timeout,
    int Retries)
{
    /// <summary>How Redfish certificates are trusted (<c>--insecure</c>, <c>--pin</c>, <c>--ca</c>; trust-on-first-use by default).</summary>
    public TlsSettings Tls { get; init; } = new(TlsTrust.TrustOnFirstUse);
}

/// <summary>Settings of the credential-less RMCP presence ping (<c>discover</c>).</summary>
/// <param name="Timeout">How long to wait for a pong before retrying.</param>
/// <param name="Retries">How many pings to resend to a silent address.</param>
public sealed record DiscoverSettings(TimeSpan Timeout, int Retries);

/// <summary>How a Redfish (HTTPS) BMC's certificate is trusted; IPMI ignores it.</summary>
public enum TlsTrust
{
    /// <summary>The default: the first certificate seen for HOST:PORT is recorded in <see cref="TlsSettings.PinStorePath"/>; a different one later is refused.</summary>
    TrustOnFirstUse,
    /// <summary><c>--pin SHA256</c>: only the certificate with that fingerprint.</summary>
    Pinned,
    /// <summary><c>--ca FILE</c>: a chain to the PEM roots in the file.</summary>
    CertificateAuthority,
    /// <summary><c>--insecure</c>: any certificate (warned about loudly).</summary>
    Insecure,
}

/// <summary>The TLS choice of one command, the same for every Redfish target.</summary>
/// <param name="Trust">Which policy.</param>
/// <param name="Pin">The SHA-256 fingerprint for <see cref="TlsTrust.Pinned"/> (hex, colons allowed).</param>
/// <param name="CaFile">The PEM file for <see cref="TlsTrust.CertificateAuthority"/>.</param>
/// <param name="PinStorePath">The known-BMCs file for <see cref="TlsTrust.TrustOnFirstUse"/>.</param>
public sealed record TlsSettings(TlsTrust Trust, string? Pin = null, string? CaFile = null, string? PinStorePath = null)
{
    /// <summary>The file trust-on-first-use records fingerprints in: $XDG_CONFIG_HOME/lifeline/known_bmcs, else ~/.config/lifeline/known_bmcs.</summary>
    public static string DefaultPinStorePath(string? xdgConfigHome, string? home)
    {
        var config = !string.IsNullOrEmpty(xdgConfigHome)
            ? xdgConfigHome
            : Path.Combine(string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home, ".config");
        return Path.Combine(config, "lifeline", "known_bmcs");
    }
}
