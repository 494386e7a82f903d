using System.Text.Json.Nodes;
using Lifeline.Redfish.Http;
using Lifeline.Redfish.Json;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish;

// Session authentication (DSP0266 v1.20 clause "Session management"):
//   POST <ServiceRoot.Links.Sessions> {"UserName": ..., "Password": ...}
//   → 201 Created, X-Auth-Token: <token>, Location: <session URI>
//   every request: X-Auth-Token; logout: DELETE <session URI>.
// One session per client, created on first need and reused: BMCs allow few sessions (often 4–16) and leaked ones lock
// users out until they time out.
public sealed partial class RedfishClient
{
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private string? _token;
    private Uri? _sessionUri;
    private ServiceRoot? _root;

    /// <summary>The session resource, once logged in (null with Basic auth or before first use).</summary>
    public Uri? SessionUri => _sessionUri;

    /// <summary>GET /redfish/v1/ (open without credentials, per DSP0266); cached for the life of the client.</summary>
    public async Task<ServiceRoot> GetServiceRootAsync(CancellationToken ct = default)
    {
        if (_root is { } cached)
        {
            return cached;
        }
        var response = await SendAsync(HttpMethod.Get, "/redfish/v1/", null, null, Send.NoAuth, ct).ConfigureAwait(false);
        var root = RedfishJson.Deserialize<ServiceRoot>(response.Body.Span, "GET /redfish/v1/");
        root.ETag = response.ETag ?? root.ETag;
        _root = root;
        return root;
    }

    /// <summary>Logs in now (otherwise the first request does); a wrong password surfaces here as Unauthorized.</summary>
    public async Task LoginAsync(CancellationToken ct = default)
    {
        if (_options.Auth == RedfishAuthMode.Session)
        {
            await EnsureSessionAsync(ct).ConfigureAwait(false);
        }
    }

    private async ValueTask<string> EnsureSessionAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _token);
        if (current is not null)
        {
            return current;
        }
        await _sessionLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is not null)
            {
                return _token;
            }
            if (_options.UserName is null || _options.Password is null)
            {
                throw new RedfishException(RedfishError.InvalidRequest, $"{_options.Endpoint}: session login needs a user name and a password");
            }
            var root = await GetServiceRootAsync(ct).ConfigureAwait(false);
            var sessions = root.Links?.Sessions?.ODataId ?? "/redfish/v1/SessionService/Sessions";
            var body = new JsonObject { ["UserName"] = _options.UserName, ["Password"] = _options.Password };
            RedfishResponse response;
            try
            {
                response = await SendAsync(HttpMethod.Post, sessions, () => JsonBody(body), null, Send.NoAuth, ct).ConfigureAwait(false);
            }
            catch (RedfishException e) when (e.StatusCode is 400 or 401 or 403)
            {
                throw new RedfishException(RedfishError.Unauthorized,
                    $"{_options.Endpoint}: the BMC refused the login of '{_options.UserName}' (HTTP {e.StatusCode} {e.MessageId})", e)
                { StatusCode = e.StatusCode, MessageId = e.MessageId, ExtendedInfo = e.ExtendedInfo };
            }
            var token = response.AuthToken;
            if (string.IsNullOrEmpty(token))
            {
                throw RedfishException.Malformed($"POST {sessions}: session created without an X-Auth-Token header");
            }
            var location = response.Location;
            if (location is null && response.Json() is { } json && json.TryGetProperty("@odata.id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                location = id.GetString();
            }
            _sessionUri = location is null ? null : Resolve(location, response.Uri);
            Volatile.Write(ref _token, token);
            Log.SessionOpened(_log, _options.UserName, _sessionUri?.AbsolutePath);
            return token;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    private async Task LogoutAsync()
    {
        var token = Interlocked.Exchange(ref _token, null);
        var session = _sessionUri;
        if (token is null || session is null)
        {
            return;
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, session);
            request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
            using var cts = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
            using var response = await _http.SendAsync(request, cts.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                Log.SessionClosed(_log, session.AbsolutePath);
            }
            else
            {
                Log.LogoutFailed(_log, session.AbsolutePath, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            Log.LogoutFailed(_log, session.AbsolutePath, e.Message);
        }
        _sessionUri = null;
    }

    internal static HttpContent JsonBody(JsonNode body) =>
        new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
