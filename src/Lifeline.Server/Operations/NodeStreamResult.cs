using System.Reflection;
using System.Text.Json;
using Lifeline.Fleet.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Lifeline.Server.Operations;

/// <summary>
/// Streams <see cref="NodeLine"/>s as they arrive: NDJSON (<c>application/x-ndjson</c>, one object per line) by default,
/// server-sent events (<c>data: {...}</c> blocks) when the request accepts <c>text/event-stream</c>. Each line is flushed
/// on its own so a slow BMC never holds back the others.
/// </summary>
internal sealed class NodeStreamResult(IAsyncEnumerable<NodeLine> lines) : IResult, IEndpointMetadataProvider
{
    public const string NdjsonType = "application/x-ndjson";
    public const string SseType = "text/event-stream";

    private static readonly byte[] SsePrefix = "data: "u8.ToArray();
    private static readonly byte[] SseEnd = "\n\n"u8.ToArray();
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static bool WantsSse(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(SseType, StringComparison.OrdinalIgnoreCase));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        bool sse = WantsSse(httpContext.Request);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = sse ? SseType : NdjsonType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var ct = httpContext.RequestAborted;
        try
        {
            await response.StartAsync(ct).ConfigureAwait(false);
            await WriteAsync(response, sse, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away; the runner has recorded what was done
        }
    }

    private async Task WriteAsync(HttpResponse response, bool sse, CancellationToken ct)
    {
        // Flush only when the next line is not ready yet: a line still reaches the client as soon as nothing follows
        // it, and a burst (thousands of warm BMCs answering together) goes out in large writes, not one per node.
        var lineEnumerator = lines.GetAsyncEnumerator(ct);
        await using (lineEnumerator.ConfigureAwait(false))
        {
            var next = lineEnumerator.MoveNextAsync();
            while (true)
            {
                if (!next.IsCompleted)
                {
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
                if (!await next.ConfigureAwait(false))
                {
                    break;
                }
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(lineEnumerator.Current, FleetJson.Options);
                if (sse)
                {
                    await response.Body.WriteAsync(SsePrefix, ct).ConfigureAwait(false);
                    await response.Body.WriteAsync(json, ct).ConfigureAwait(false);
                    await response.Body.WriteAsync(SseEnd, ct).ConfigureAwait(false);
                }
                else
                {
                    await response.Body.WriteAsync(json, ct).ConfigureAwait(false);
                    await response.Body.WriteAsync(NewLine, ct).ConfigureAwait(false);
                }
                next = lineEnumerator.MoveNextAsync();
            }
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(NodeLine), [NdjsonType, SseType]));
    }
}
