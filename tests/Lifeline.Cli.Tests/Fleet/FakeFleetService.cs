using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Tests.Fleet;

/// <summary>
/// The fleet service's API as an in-memory HTTP handler: answers are registered per method and path (query ignored
/// unless the route has one), every request is recorded with its token and body, and operation streams can be fed
/// line by line (and left stalled) through <see cref="OpenStream"/>.
/// </summary>
internal sealed class FakeFleetService : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public const string Url = "http://fleet.test:8600";

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (relative to /api/v1/, e.g. "nodes" or "ops/power").</summary>
    public FakeFleetService On(string method, string path, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _routes[$"{method} {path}"] = answer;
        return this;
    }

    public FakeFleetService On(string method, string path, Func<RecordedRequest, HttpResponseMessage> answer) =>
        On(method, path, (r, _) => Task.FromResult(answer(r)));

    public FakeFleetService OnJson(string method, string path, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        On(method, path, _ => Json(body, status));

    /// <summary>Streams these lines (NDJSON) in one go for <c>POST ops/{verb}</c>.</summary>
    public FakeFleetService OnOps(string verb, params object[] lines) =>
        On("POST", $"ops/{verb}", _ =>
        {
            var text = string.Concat(lines.Select(l => JsonSerializer.Serialize(l, FleetJson.Options) + "\n"));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/x-ndjson") };
        });

    /// <summary>A stream for <c>POST ops/{verb}</c> that the test feeds with <see cref="OpenStream.WriteLineAsync"/>.</summary>
    public OpenStream OnOpsStream(string verb)
    {
        var stream = new OpenStream();
        On("POST", $"ops/{verb}", _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(stream.Reader) { Headers = { ContentType = new("application/x-ndjson") } },
        });
        return stream;
    }

    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), FleetJson.Options), Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string detail, string next, Dictionary<string, object>? extra = null)
    {
        var body = new Dictionary<string, object> { ["type"] = "about:blank", ["title"] = title, ["status"] = (int)status, ["detail"] = detail, ["next"] = next };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }

        return new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/problem+json") };
    }

    /// <summary>One operation line as the service writes it.</summary>
    public static object Ok(string node, object result) => new { node, ok = true, error = (object?)null, result };

    public static object Failed(string node, string category, string message, string? next) =>
        new { node, ok = false, error = new { category, message, next }, result = (object?)null };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var uri = request.RequestUri!;
        Assert.StartsWith($"{Url}/api/v1/", uri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        string path = uri.AbsolutePath["/api/v1/".Length..];
        var recorded = new RecordedRequest(request.Method.Method, path, Uri.UnescapeDataString(uri.Query.TrimStart('?')), request.Headers.Authorization?.Parameter, body,
            request.Headers.Accept.ToString(), request.Content?.Headers.ContentType?.MediaType);
        Requests.Enqueue(recorded);
        string key = $"{request.Method.Method} {path}";
        if (!_routes.TryGetValue(key, out var answer))
        {
            return Problem(HttpStatusCode.NotFound, "Not found", $"the fake service has no route {key}", "register it in the test");
        }

        return await answer(recorded, cancellationToken);
    }

    /// <summary>
    /// A response body the test writes into; it ends only when <see cref="CompleteAsync"/> is called.
    /// <see cref="CaughtUpAsync"/> completes once the reader has taken every byte written and asks for more, which
    /// for a line reader means every line written so far has been handed on.
    /// </summary>
    internal sealed class OpenStream
    {
        private readonly Pipe _pipe = new();
        private readonly object _gate = new();
        private long _written;
        private long _delivered;
        private TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OpenStream()
        {
            Reader = new WatchedStream(this, _pipe.Reader.AsStream());
        }

        public Stream Reader { get; }

        public Task WriteLineAsync(object line) => WriteRawAsync(JsonSerializer.Serialize(line, FleetJson.Options) + "\n");

        public async Task WriteRawAsync(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            lock (_gate)
            {
                _written += bytes.Length;
                _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            await _pipe.Writer.WriteAsync(bytes);
            await _pipe.Writer.FlushAsync();
        }

        /// <summary>Completes when the reader has consumed everything written and waits for more.</summary>
        public Task CaughtUpAsync()
        {
            lock (_gate)
            {
                return _caughtUp.Task;
            }
        }

        public Task CompleteAsync() => _pipe.Writer.CompleteAsync().AsTask();

        public Task FailAsync(Exception error) => _pipe.Writer.CompleteAsync(error).AsTask();

        private void Reading()
        {
            lock (_gate)
            {
                if (_delivered >= _written)
                {
                    _caughtUp.TrySetResult();
                }
            }
        }

        private void Delivered(int count)
        {
            lock (_gate)
            {
                _delivered += count;
            }
        }

        private sealed class WatchedStream(OpenStream owner, Stream inner) : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                owner.Reading();
                int read = await inner.ReadAsync(buffer, cancellationToken);
                owner.Delivered(read);
                return read;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}

/// <summary>A request as the fake service saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Token, string Body, string Accept, string? ContentType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
