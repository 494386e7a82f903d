using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Redfish.Http;
using Lifeline.Redfish.Json;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tasks;

namespace Lifeline.Redfish;

/// <summary>The result of a modifying request: done at once (200/204), or a task that was monitored to its end (202).</summary>
public sealed record RedfishOutcome(int StatusCode, JsonElement? Body, string? ETag, TaskResult? Task);

// GET / PATCH / POST / DELETE (DSP0266 v1.20 clauses "GET (read requests)", "PATCH (update)", "POST (create / action)",
// "DELETE"). A 202 Accepted is an asynchronous operation: Location names a task monitor that is polled to the end.
public sealed partial class RedfishClient
{
    /// <summary>GET a resource as <typeparamref name="T"/>; the HTTP ETag is kept for a later If-Match.</summary>
    public async Task<T> GetAsync<T>(string path, CancellationToken ct = default)
        where T : RedfishResource
    {
        var response = await SendAsync(HttpMethod.Get, path, null, null, Send.None, ct).ConfigureAwait(false);
        var value = RedfishJson.Deserialize<T>(response.Body.Span, $"GET {response.Uri.AbsolutePath}");
        value.ETag = response.ETag ?? value.ETag;
        return value;
    }

    /// <summary>GET a resource as the typed class its <c>@odata.type</c> names (a generic resource when unknown).</summary>
    public async Task<RedfishResource> GetResourceAsync(string path, CancellationToken ct = default)
    {
        var response = await SendAsync(HttpMethod.Get, path, null, null, Send.None, ct).ConfigureAwait(false);
        var value = RedfishJson.DeserializeByType(response.Body.Span, $"GET {response.Uri.AbsolutePath}");
        value.ETag = response.ETag ?? value.ETag;
        return value;
    }

    /// <summary>GET the raw answer (JSON or not, e.g. $metadata).</summary>
    public Task<RedfishResponse> GetRawAsync(string path, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, path, null, null, Send.None, ct);

    /// <summary>
    /// PATCH with If-Match (DSP0266 v1.20 clause "ETags"): <paramref name="etag"/> from the GET this change is based on;
    /// when null, the resource is read first so a concurrent change is refused (412) rather than overwritten.
    /// </summary>
    public async Task<RedfishOutcome> PatchAsync(string path, JsonObject changes, string? etag = null,
        IProgress<TaskProgress>? progress = null, CancellationToken ct = default)
    {
        if (etag is null)
        {
            var current = await SendAsync(HttpMethod.Get, path, null, null, Send.None, ct).ConfigureAwait(false);
            etag = current.ETag ?? OdataEtag(current);
        }
        var response = await SendAsync(HttpMethod.Patch, path, () => JsonBody(changes), etag, Send.None, ct).ConfigureAwait(false);
        return await FinishAsync(response, progress, ct).ConfigureAwait(false);
    }

    /// <summary>POST a JSON body (create a member, or an action target).</summary>
    public async Task<RedfishOutcome> PostAsync(string path, JsonObject body, IProgress<TaskProgress>? progress = null,
        CancellationToken ct = default)
    {
        var response = await SendAsync(HttpMethod.Post, path, () => JsonBody(body), null, Send.None, ct).ConfigureAwait(false);
        return await FinishAsync(response, progress, ct).ConfigureAwait(false);
    }

    /// <summary>POST any content (firmware push); the content factory is called again on a retry.</summary>
    public async Task<RedfishOutcome> PostContentAsync(string path, Func<HttpContent> content, IProgress<TaskProgress>? progress = null,
        CancellationToken ct = default)
    {
        var response = await SendAsync(HttpMethod.Post, path, content, null, Send.NoRetry, ct).ConfigureAwait(false);
        return await FinishAsync(response, progress, ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string path, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Delete, path, null, null, Send.None, ct).ConfigureAwait(false);

    private async Task<RedfishOutcome> FinishAsync(RedfishResponse response, IProgress<TaskProgress>? progress, CancellationToken ct)
    {
        if (response.StatusCode != 202)
        {
            return new RedfishOutcome(response.StatusCode, response.Json(), response.ETag, null);
        }
        var task = await WaitForTaskAsync(response, progress, ct).ConfigureAwait(false);
        return new RedfishOutcome(response.StatusCode, task.FinalBody, null, task);
    }

    private static string? OdataEtag(RedfishResponse r)
    {
        var json = r.Json();
        return json is { } j && j.TryGetProperty("@odata.etag", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }
}
