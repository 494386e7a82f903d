using System.Net.Http.Headers;
using System.Text.Json;
using Lifeline.Redfish.Json;

namespace Lifeline.Redfish.Http;

/// <summary>A successful (2xx) answer, its body read in full (bounded by <see cref="RedfishClientOptions.MaxResponseBytes"/>).</summary>
public sealed class RedfishResponse
{
    internal RedfishResponse(string method, Uri uri, int statusCode, HttpResponseHeaders headers, ReadOnlyMemory<byte> body)
    {
        Method = method;
        Uri = uri;
        StatusCode = statusCode;
        Body = body;
        ETag = headers.ETag?.ToString() ?? (headers.TryGetValues("ETag", out var e) ? e.FirstOrDefault() : null);
        Location = headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsoluteUri : l.OriginalString) : null;
        RetryAfter = headers.RetryAfter;
        AuthToken = headers.TryGetValues("X-Auth-Token", out var t) ? t.FirstOrDefault() : null;
    }

    public string Method { get; }
    public Uri Uri { get; }
    public int StatusCode { get; }
    public ReadOnlyMemory<byte> Body { get; }
    public string? ETag { get; }
    public string? Location { get; }
    public RetryConditionHeaderValue? RetryAfter { get; }
    internal string? AuthToken { get; }

    /// <summary>The body as one JSON object, or null when the body is empty (204, or a bare 202).</summary>
    public JsonElement? Json() => Body.IsEmpty ? null : RedfishJson.ParseObject(Body.Span, $"{Method} {Uri.AbsolutePath}");

    public override string ToString() => $"{Method} {Uri.AbsolutePath} → {StatusCode}";
}
