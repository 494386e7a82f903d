using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lifeline.Redfish;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Tls;

namespace Lifeline.Drivers.Redfish;

/// <summary>
/// The Redfish implementation of the CLI's verbs (redfish:// and redfish+http:// targets). Every call opens one
/// <see cref="RedfishBmc"/> (one connection pool, one session), does the verb, and disposes it — which deletes the
/// session, so no command leaves sessions behind on a BMC (they have small session limits).
/// </summary>
public sealed partial class RedfishBmcBackend : IBmcBackend
{
    private readonly ConcurrentDictionary<string, ICertificatePinStore> _pinStores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, X509Certificate2Collection> _roots = new(StringComparer.Ordinal);

    /// <summary>Opens a client for one target (no request is sent until the first verb).</summary>
    internal RedfishBmc Connect(BmcTarget target, ConnectionSettings connection, TimeSpan? minimumRequestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(connection);
        if (!target.IsRedfish)
        {
            throw new BmcFailureException("internal", $"{target} is not a Redfish target", "this is a bug in lifeline; report it");
        }

        var scheme = target.Scheme == BmcScheme.RedfishHttp ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        var endpoint = new RedfishEndpoint(new UriBuilder(scheme, target.Host, target.Port).Uri, target.User);

        // An HTTP request is not resent on silence the way an IPMI datagram is, so one request may wait as long as an
        // IPMI exchange with all its retries: --timeout × (--retries + 1).
        var timeout = connection.Timeout * (connection.Retries + 1);
        if (minimumRequestTimeout is { } minimum && minimum > timeout)
        {
            timeout = minimum;
        }

        return RedfishBmc.Connect(new RedfishClientOptions
        {
            Endpoint = endpoint,
            UserName = target.User,
            Password = Encoding.UTF8.GetString(connection.Password.Bytes),
            Auth = RedfishAuthMode.Session,
            Tls = PolicyFor(connection.Tls),
            RequestTimeout = timeout,
            ConnectTimeout = connection.Timeout * (connection.Retries + 1),
            MaxRetries = Math.Min(connection.Retries, 4),
        });
    }

    /// <summary>Runs <paramref name="verb"/> on a fresh client and always disposes it (session logout).</summary>
    private async Task<T> WithBmcAsync<T>(BmcTarget target, ConnectionSettings connection, Func<RedfishBmc, Task<T>> verb,
        TimeSpan? minimumRequestTimeout = null)
    {
        var bmc = Connect(target, connection, minimumRequestTimeout);
        await using (bmc.ConfigureAwait(false))
        {
            return await verb(bmc).ConfigureAwait(false);
        }
    }

    internal TlsPolicy PolicyFor(TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return tls.Trust switch
        {
            TlsTrust.Insecure => TlsPolicy.Insecure(),
            TlsTrust.Pinned => TlsPolicy.Pin(tls.Pin ?? throw new ArgumentException("a pinned TLS policy needs a fingerprint", nameof(tls))),
            TlsTrust.CertificateAuthority when tls.CaFile is { } file => TlsPolicy.CertificateAuthority(_roots.GetOrAdd(file, LoadRoots)),
            TlsTrust.CertificateAuthority => TlsPolicy.CertificateAuthority(),
            _ => TlsPolicy.TrustOnFirstUse(_pinStores.GetOrAdd(tls.PinStorePath ?? TlsSettings.DefaultPinStorePath(null, null), OpenPinStore)),
        };
    }

    private static X509Certificate2Collection LoadRoots(string file)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new BmcFailureException("bad-ca-file", $"--ca {file}: cannot read PEM certificates ({e.Message})", "pass a PEM file of CA certificates");
        }

        if (roots.Count == 0)
        {
            throw new BmcFailureException("bad-ca-file", $"--ca {file}: no PEM certificate in the file", "pass a PEM file of CA certificates");
        }

        return roots;
    }

    private static ICertificatePinStore OpenPinStore(string path)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        return new FileCertificatePinStore(path);
    }

    /// <summary>A changed certificate under trust-on-first-use: say how to re-trust it.</summary>
    public NodeError? DescribeFailure(Exception exception)
    {
        if (exception is RedfishException { Error: RedfishError.UntrustedCertificate } e)
        {
            return new NodeError("untrusted-certificate", FailureClassifier.OneLine(e.Message),
                "check the BMC's certificate out of band; if the change is expected, delete its HOST:PORT line from " +
                "known_bmcs ($XDG_CONFIG_HOME/lifeline or ~/.config/lifeline) to re-trust it, or pass --pin NEW_SHA256 or --ca FILE");
        }

        return null;
    }

    internal static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum => FailureClassifier.ToKebab(value.ToString());
}
