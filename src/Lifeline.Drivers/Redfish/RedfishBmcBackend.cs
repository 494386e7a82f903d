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
/// <remarks>
/// A warm backend (<see cref="CreateWarm"/>, one per BMC, owned by a fleet node grain) keeps its one client instead:
/// one connection pool and one Redfish session reused by every verb, logged in again by the client when the BMC
/// answers 401 (session expired), and logged out on dispose. The verb code is the same.
/// </remarks>
public sealed partial class RedfishBmcBackend : IBmcBackend, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, ICertificatePinStore> _pinStores;
    private readonly ConcurrentDictionary<string, X509Certificate2Collection> _roots;
    private readonly WarmClient? _warm;

    public RedfishBmcBackend()
    {
        _pinStores = new(StringComparer.Ordinal);
        _roots = new(StringComparer.Ordinal);
    }

    private RedfishBmcBackend(RedfishBmcBackend shared)
    {
        // trust-on-first-use stores and CA bundles are per file, shared by every node (one writer per known_bmcs file)
        _pinStores = shared._pinStores;
        _roots = shared._roots;
        _warm = new WarmClient();
    }

    /// <summary>True for a backend made by <see cref="CreateWarm"/>.</summary>
    public bool IsWarm => _warm is not null;

    /// <summary>
    /// A backend for ONE BMC that keeps one client (connection pool and session) between verbs and logs out on
    /// dispose. It shares this backend's TLS trust stores. Verbs may run concurrently on it.
    /// </summary>
    public RedfishBmcBackend CreateWarm() => new(this);

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

    /// <summary>
    /// Runs <paramref name="verb"/> on the warm client (when this backend is warm and the verb needs no longer request
    /// timeout), or on a fresh client that is always disposed (session logout).
    /// </summary>
    private async Task<T> WithBmcAsync<T>(BmcTarget target, ConnectionSettings connection, Func<RedfishBmc, Task<T>> verb,
        TimeSpan? minimumRequestTimeout = null)
    {
        if (_warm is { } warm && minimumRequestTimeout is null)
        {
            return await verb(warm.Get(this, target, connection)).ConfigureAwait(false);
        }
        var bmc = Connect(target, connection, minimumRequestTimeout);
        await using (bmc.ConfigureAwait(false))
        {
            return await verb(bmc).ConfigureAwait(false);
        }
    }

    /// <summary>Logs the warm session out (DELETE of the session resource); nothing to do for a per-verb backend.</summary>
    public ValueTask DisposeAsync() => _warm?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Containers that dispose synchronously (the CLI's): a per-verb backend holds nothing to dispose.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The one client of a warm backend: made on first use, replaced only when the target or settings change.</summary>
    private sealed class WarmClient : IAsyncDisposable
    {
        private readonly Lock _lock = new();
        private RedfishBmc? _bmc;
        private BmcTarget? _target;
        private ConnectionSettings? _settings;
        private bool _disposed;

        public RedfishBmc Get(RedfishBmcBackend owner, BmcTarget target, ConnectionSettings settings)
        {
            RedfishBmc? replaced = null;
            RedfishBmc bmc;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_bmc is not null && _target == target && ReferenceEquals(_settings, settings))
                {
                    return _bmc;
                }
                // No request is sent here: creating the client is cheap and the session is made on the first verb.
                replaced = _bmc;
                bmc = owner.Connect(target, settings);
                (_bmc, _target, _settings) = (bmc, target, settings);
            }
            if (replaced is not null)
            {
                _ = replaced.DisposeAsync().AsTask();
            }
            return bmc;
        }

        public async ValueTask DisposeAsync()
        {
            RedfishBmc? bmc;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }
                _disposed = true;
                bmc = _bmc;
                _bmc = null;
            }
            if (bmc is not null)
            {
                await bmc.DisposeAsync().ConfigureAwait(false);
            }
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
