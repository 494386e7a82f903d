using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using Lifeline.Redfish.Http;
using Lifeline.Redfish.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifeline.Redfish;

/// <summary>
/// One BMC's Redfish service: one keep-alive connection pool (few connections), one session, retries on 429/503 within
/// a budget, and the rule that nothing is ever sent to another origin than the BMC's — not a link, not a Location, not
/// a redirect (DSP0266 v1.20 clause "Security details"). Thread-safe; dispose to log out.
/// </summary>
public sealed partial class RedfishClient : IAsyncDisposable
{
    private readonly RedfishClientOptions _options;
    private readonly HttpClient _http;
    private readonly CertificateValidator? _validator;
    private readonly ILogger _log;
    private readonly Uri _origin;
    private readonly string _originText;
    private int _disposed;

    [Flags]
    internal enum Send
    {
        None = 0,
        NoAuth = 1,
        NoRelogin = 2,
        NoRetry = 4,
    }

    public RedfishClient(RedfishClientOptions options)
        : this(options, null)
    {
    }

    /// <summary>Uses <paramref name="handler"/> instead of a <see cref="SocketsHttpHandler"/> (tests, in-process services).</summary>
    public RedfishClient(RedfishClientOptions options, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = options.LoggerFactory?.CreateLogger("Lifeline.Redfish") ?? NullLogger.Instance;
        _origin = options.Endpoint.Origin;
        _originText = _origin.GetLeftPart(UriPartial.Authority);
        if (options.Endpoint.IsPlainHttp)
        {
            Log.PlainHttp(_log, options.Endpoint.ToString());
        }
        else
        {
            _validator = new CertificateValidator(options.Tls, options.Endpoint.HostPort);
            if (options.Tls.Mode == TlsTrustMode.Insecure)
            {
                Log.InsecureTls(_log, options.Endpoint.ToString());
            }
        }
        if (handler is null)
        {
            var sockets = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                MaxConnectionsPerServer = Math.Max(1, options.MaxConnectionsPerServer),
                ConnectTimeout = options.ConnectTimeout,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxResponseHeadersLength = 64,
            };
            if (_validator is not null)
            {
                var validator = _validator;
                sockets.SslOptions.RemoteCertificateValidationCallback = (_, cert, chain, errors) => validator.Validate(cert, chain, errors);
            }
            if (options.Tls.Mode is TlsTrustMode.Pinned or TlsTrustMode.TrustOnFirstUse or TlsTrustMode.Insecure)
            {
                // Trust comes from the fingerprint (or is waived), not from a chain: build the chain SslStream insists on
                // as cheaply as possible — no AIA downloads, no revocation lookups (each TLS handshake of a 1,000-BMC
                // fan-out pays for this).
                sockets.SslOptions.CertificateChainPolicy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
                {
                    DisableCertificateDownloads = true,
                    RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                };
            }
            handler = sockets;
        }
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public RedfishEndpoint Endpoint => _options.Endpoint;

    public RedfishClientOptions Options => _options;

    internal TimeProvider Time => _options.TimeProvider;

    /// <summary>
    /// Resolves a link read from the service (an <c>@odata.id</c>, a <c>Location</c>, an action target) against the BMC's
    /// origin and refuses any that points elsewhere: mockups and compromised BMCs carry links to outside addresses, and
    /// following one would send our session token there.
    /// </summary>
    public Uri Resolve(string reference, Uri? relativeTo = null)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 2048)
        {
            throw RedfishException.Malformed("empty or oversized link");
        }
        Uri? result;
        if (reference.StartsWith("//", StringComparison.Ordinal))
        {
            Uri.TryCreate(_origin.Scheme + ":" + reference, UriKind.Absolute, out result);
        }
        else if (reference[0] == '/')
        {
            Uri.TryCreate(_originText + reference, UriKind.Absolute, out result);
        }
        else if (reference.Contains("://", StringComparison.Ordinal))
        {
            Uri.TryCreate(reference, UriKind.Absolute, out result);
        }
        else
        {
            Uri.TryCreate(relativeTo ?? new Uri(_originText + "/redfish/v1/"), reference, out result);
        }
        if (result is null)
        {
            throw RedfishException.Malformed($"link '{Shorten(reference)}' is not a URI");
        }
        if (!string.Equals(result.Scheme, _origin.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(result.IdnHost, _origin.IdnHost, StringComparison.OrdinalIgnoreCase)
            || result.Port != _origin.Port
            || result.UserInfo.Length > 0)
        {
            throw RedfishException.Malformed($"link '{Shorten(reference)}' leaves the BMC ({_originText}); refusing to follow it");
        }
        return result;
    }

    internal async Task<RedfishResponse> SendAsync(HttpMethod method, string target, Func<HttpContent>? content, string? ifMatch,
        Send flags, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0 && (flags & Send.NoRelogin) == 0, this);
        var uri = Resolve(target);
        var sendMethod = method;
        var attempt = 0;
        var redirects = 0;
        var waited = TimeSpan.Zero;
        var reauthenticated = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            string? token = null;
            using var request = new HttpRequestMessage(sendMethod, uri);
            request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
            if ((flags & Send.NoAuth) == 0)
            {
                switch (_options.Auth)
                {
                    case RedfishAuthMode.Session:
                        token = await EnsureSessionAsync(ct).ConfigureAwait(false);
                        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
                        break;
                    case RedfishAuthMode.Basic:
                        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.UserName}:{_options.Password}")));
                        break;
                }
            }
            if (content is not null && sendMethod != HttpMethod.Get)
            {
                request.Content = content();
            }
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new RedfishException(RedfishError.Timeout,
                    $"{sendMethod} {uri.AbsolutePath}: no answer from {_originText} within {_options.RequestTimeout.TotalSeconds:0.#} s", e)
                { MayHaveBeenDelivered = sendMethod != HttpMethod.Get };
            }
            catch (HttpRequestException e)
            {
                throw Transport(e, sendMethod, uri);
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    // RFC 9110 §15.4: a redirect is followed only within the BMC's origin.
                    var location = response.Headers.Location
                        ?? throw RedfishException.Malformed($"{sendMethod} {uri.AbsolutePath}: redirect {status} without Location");
                    if (++redirects > 5)
                    {
                        throw RedfishException.Malformed($"{sendMethod} {uri.AbsolutePath}: more than 5 redirects");
                    }
                    uri = Resolve(location.IsAbsoluteUri ? location.AbsoluteUri : location.OriginalString, uri);
                    if (status == 303)
                    {
                        sendMethod = HttpMethod.Get;
                    }
                    continue;
                }
                if (status == 401 && token is not null && (flags & Send.NoRelogin) == 0 && !reauthenticated)
                {
                    // DSP0266 v1.20 clause "Session lifetime": a session the service timed out answers 401; log in once more.
                    reauthenticated = true;
                    Log.SessionExpired(_log, sendMethod.Method, uri.AbsolutePath);
                    Interlocked.CompareExchange(ref _token, null, token);
                    continue;
                }
                if (status is 429 or 503 && (flags & Send.NoRetry) == 0 && attempt < _options.MaxRetries)
                {
                    var delay = RetryPolicy.Delay(response.Headers.RetryAfter, attempt, _options.TimeProvider.GetUtcNow());
                    if (waited + delay <= _options.RetryBudget)
                    {
                        attempt++;
                        waited += delay;
                        Log.Retrying(_log, sendMethod.Method, uri.AbsolutePath, status, delay, attempt);
                        await Task.Delay(delay, _options.TimeProvider, ct).ConfigureAwait(false);
                        continue;
                    }
                }
                ReadOnlyMemory<byte> body;
                try
                {
                    body = await ReadBoundedAsync(response.Content, uri, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw new RedfishException(RedfishError.Timeout, $"{sendMethod} {uri.AbsolutePath}: the body did not arrive within {_options.RequestTimeout.TotalSeconds:0.#} s", e)
                    { MayHaveBeenDelivered = sendMethod != HttpMethod.Get };
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    throw new RedfishException(RedfishError.Unreachable, $"{sendMethod} {uri.AbsolutePath}: connection lost while reading the answer ({e.Message})", e)
                    { MayHaveBeenDelivered = sendMethod != HttpMethod.Get };
                }
                if (status is < 200 or > 299)
                {
                    throw ErrorBody.ToException(sendMethod.Method, uri, status, body.Span,
                        mayHaveBeenDelivered: sendMethod != HttpMethod.Get && status >= 500 && status != 503);
                }
                return new RedfishResponse(sendMethod.Method, uri, status, response.Headers, body);
            }
        }
    }

    /// <summary>Reads a body of at most <see cref="RedfishClientOptions.MaxResponseBytes"/>; more is refused, never buffered.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpContent content, Uri uri, CancellationToken ct)
    {
        var max = _options.MaxResponseBytes;
        if (content.Headers.ContentLength is { } declared && declared > max)
        {
            throw RedfishException.Malformed($"{uri.AbsolutePath}: body of {declared} bytes exceeds the {max}-byte limit");
        }
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > max)
            {
                throw RedfishException.Malformed($"{uri.AbsolutePath}: body exceeds the {max}-byte limit");
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private RedfishException Transport(HttpRequestException e, HttpMethod method, Uri uri)
    {
        var tlsFailure = e.HttpRequestError == HttpRequestError.SecureConnectionError || e.InnerException is AuthenticationException;
        var refusal = tlsFailure ? _validator?.LastRefusal : null;
        if (tlsFailure)
        {
            return new RedfishException(RedfishError.UntrustedCertificate,
                $"{_originText}: {refusal ?? "TLS handshake failed: " + e.InnerException?.Message}", e);
        }
        var notDelivered = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
        return new RedfishException(RedfishError.Unreachable, $"{method} {uri.AbsolutePath}: cannot reach {_originText} ({e.Message})", e)
        {
            MayHaveBeenDelivered = !notDelivered && method != HttpMethod.Get,
        };
    }

    private static string Shorten(string s) => s.Length > 120 ? s[..120] + "…" : s;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await LogoutAsync().ConfigureAwait(false);
        _http.Dispose();
        _sessionLock.Dispose();
    }
}
