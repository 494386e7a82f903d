using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Lifeline.Redfish.Tests.Fakes;

/// <summary>One request as the fake service saw it.</summary>
public sealed record SeenRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string Path => Uri.AbsolutePath;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// An in-memory Redfish service for unit tests: static JSON per path plus handlers for special answers. Answers
/// synchronously so a test knows that, when a client call returns an incomplete task, the client is waiting on time.
/// </summary>
public sealed class FakeRedfishHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, string> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<SeenRequest, HttpResponseMessage?>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SeenRequest> _seen = new();

    public const string Origin = "https://bmc.example:443";

    public IReadOnlyList<SeenRequest> Seen => _seen.ToArray();

    public IEnumerable<SeenRequest> SeenWith(string method, string path) => Seen.Where(r => r.Method == method && r.Path == path);

    /// <summary>Sessions created / deleted so far, and the token the service currently accepts (null: any token).</summary>
    public int SessionsCreated { get; private set; }

    public string? ValidToken { get; set; }

    public bool RequireAuth { get; set; } = true;

    public FakeRedfishHandler()
    {
        Json("/redfish/v1", """
            {"@odata.id": "/redfish/v1", "@odata.type": "#ServiceRoot.v1_17_0.ServiceRoot", "Id": "RootService", "RedfishVersion": "1.17.0",
             "Systems": {"@odata.id": "/redfish/v1/Systems"}, "UpdateService": {"@odata.id": "/redfish/v1/UpdateService"},
             "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}}}
            """);
        Route("POST /redfish/v1/SessionService/Sessions", r =>
        {
            if (r.Body is null || !r.Body.Contains("\"Password\":\"secret\"", StringComparison.Ordinal))
            {
                return Error(HttpStatusCode.Unauthorized, "Base.1.8.NoValidSession", "Invalid credentials.");
            }
            SessionsCreated++;
            ValidToken = "token-" + SessionsCreated;
            var response = JsonResponse(HttpStatusCode.Created, $$"""{"@odata.id": "/redfish/v1/SessionService/Sessions/{{SessionsCreated}}", "Id": "{{SessionsCreated}}"}""");
            response.Headers.Add("X-Auth-Token", ValidToken);
            response.Headers.Location = new Uri($"/redfish/v1/SessionService/Sessions/{SessionsCreated}", UriKind.Relative);
            return response;
        });
    }

    public void Json(string path, string json) => _resources[path.TrimEnd('/')] = json;

    /// <summary>A special answer for "METHOD /path"; returning null falls through to the static resources.</summary>
    public void Route(string methodAndPath, Func<SeenRequest, HttpResponseMessage?> handler) => _routes[methodAndPath] = handler;

    public static HttpResponseMessage JsonResponse(HttpStatusCode status, string json, string? etag = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (etag is not null)
        {
            response.Headers.TryAddWithoutValidation("ETag", etag);
        }
        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string messageId, string message, string resolution = "Retry.") =>
        JsonResponse(status, $$$"""
            {"error": {"code": "{{{messageId}}}", "message": "{{{message}}}",
              "@Message.ExtendedInfo": [{"MessageId": "{{{messageId}}}", "Message": "{{{message}}}", "Resolution": "{{{resolution}}}", "Severity": "Warning"}]}}
            """);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers)
        {
            headers[h.Key] = string.Join(",", h.Value);
        }
        string? body = null;
        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                headers[h.Key] = string.Join(",", h.Value);
            }
            body = request.Content.ReadAsStringAsync(cancellationToken).GetAwaiter().GetResult();
        }
        var seen = new SeenRequest(request.Method.Method, request.RequestUri!, headers, body);
        _seen.Enqueue(seen);
        return Task.FromResult(Answer(seen));
    }

    private HttpResponseMessage Answer(SeenRequest r)
    {
        var path = r.Path.TrimEnd('/');
        var key = r.Method + " " + path;
        if (_routes.TryGetValue(key, out var special) && special(r) is { } answer)
        {
            return answer;
        }
        var open = path == "/redfish/v1" || key == "POST /redfish/v1/SessionService/Sessions";
        if (RequireAuth && !open)
        {
            var token = r.Header("X-Auth-Token");
            var basic = r.Header("Authorization");
            var ok = (token is not null && token == ValidToken) || basic == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:secret"));
            if (!ok)
            {
                return Error(HttpStatusCode.Unauthorized, "Base.1.8.NoValidSession", "No valid session.");
            }
        }
        if (r.Method == "DELETE" && path.StartsWith("/redfish/v1/SessionService/Sessions/", StringComparison.Ordinal))
        {
            ValidToken = null;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
        if (r.Method == "GET" && _resources.TryGetValue(path + r.Uri.Query, out var json))
        {
            return JsonResponse(HttpStatusCode.OK, json, "W/\"" + ((uint)json.GetHashCode()).ToString("x8") + "\"");
        }
        if (r.Method == "GET" && _resources.TryGetValue(path, out json) && r.Uri.Query.Length == 0)
        {
            return JsonResponse(HttpStatusCode.OK, json, "W/\"" + ((uint)json.GetHashCode()).ToString("x8") + "\"");
        }
        return Error(HttpStatusCode.NotFound, "Base.1.8.ResourceMissingAtURI", $"The resource at {path} was not found.");
    }

    public RedfishClient Client(RedfishAuthMode auth = RedfishAuthMode.Session, TimeProvider? time = null, string password = "secret",
        Func<RedfishClientOptions, RedfishClientOptions>? tweak = null)
    {
        var options = new RedfishClientOptions
        {
            Endpoint = RedfishEndpoint.Parse("redfish://admin@bmc.example"),
            UserName = "admin",
            Password = password,
            Auth = auth,
            TimeProvider = time ?? TimeProvider.System,
        };
        return new RedfishClient(tweak is null ? options : tweak(options), this);
    }
}
