using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Fleet;

/// <summary>
/// Calls the fleet service's REST API (docs/api.md): JSON with <see cref="FleetJson.Options"/>, the bearer token on
/// every call, a time limit per call (for operation streams: until the answer starts), cancellation, and every
/// failure turned into a <see cref="FleetRequestException"/> that says what to do next. The token never appears in a
/// message.
/// </summary>
public sealed class FleetClient : IDisposable
{
    private const string NdjsonType = "application/x-ndjson";

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <param name="root">The service root (<see cref="ServiceUrl.Parse"/>).</param>
    /// <param name="token">The API token, or null (only <c>auth/login</c> works then).</param>
    /// <param name="handler">The HTTP handler; not disposed with the client.</param>
    /// <param name="timeout">How long one call may take (for streams: until the answer starts).</param>
    /// <param name="timeProvider">The clock of the time limit.</param>
    public FleetClient(Uri root, string? token, HttpMessageHandler handler, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(handler);
        Root = root;
        _timeout = timeout;
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = new Uri(root, ServiceUrl.ApiPath),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("lifeline", typeof(FleetClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The service root.</summary>
    public Uri Root { get; }

    /// <summary>GET → the JSON answer as <typeparamref name="T"/>.</summary>
    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>Sends <paramref name="body"/> (JSON, or nothing when null) → the JSON answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        string text = await SendForTextAsync(method, path, body is null ? null : Json(body), cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(text, path);
    }

    /// <summary>Sends <paramref name="body"/> and ignores the answer's body (204 and the like).</summary>
    public Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendForTextAsync(method, path, body is null ? null : Json(body), cancellationToken);

    /// <summary>GET → the answer as text (inventory export).</summary>
    public Task<string> GetTextAsync(string path, CancellationToken cancellationToken) =>
        SendForTextAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>POSTs <paramref name="text"/> with <paramref name="mediaType"/> → the JSON answer (inventory import).</summary>
    public async Task<T> PostTextAsync<T>(string path, string text, string mediaType, CancellationToken cancellationToken)
    {
        string answer = await SendForTextAsync(HttpMethod.Post, path, new StringContent(text, Encoding.UTF8, mediaType), cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(answer, path);
    }

    /// <summary>
    /// <c>POST /ops/{verb}</c>: yields each node's line as soon as the service sends it. The time limit covers the
    /// start of the answer only: a long operation over many nodes runs as long as its nodes need (Ctrl-C stops it).
    /// </summary>
    /// <exception cref="FleetRequestException">The call failed before the stream started, or the stream broke.</exception>
    public IAsyncEnumerable<FleetLine> StreamAsync(string verb, object body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ReadLinesAsync<FleetLine>(HttpMethod.Post, $"ops/{Uri.EscapeDataString(verb)}", Json(body), cancellationToken);
    }

    /// <summary>
    /// <c>GET</c> an NDJSON stream (<c>monitoring/events?follow=true</c>): yields each line as JSON as soon as it is
    /// complete, until the service ends the stream or <paramref name="cancellationToken"/> fires. The time limit
    /// covers the start of the answer only.
    /// </summary>
    /// <exception cref="FleetRequestException">The call failed before the stream started, or the stream broke (<see cref="FleetRequestException.Status"/> is null then).</exception>
    public IAsyncEnumerable<JsonElement> GetLinesAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadLinesAsync<JsonElement>(HttpMethod.Get, path, content: null, cancellationToken);
    }

    /// <summary>One NDJSON answer, line by line; a failure before or during the stream is a <see cref="FleetRequestException"/>.</summary>
    private async IAsyncEnumerable<T> ReadLinesAsync<T>(HttpMethod method, string path, HttpContent? content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(NdjsonType));
        using var response = await StartAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        Stream stream;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Broken(e);
        }

        await using (stream.ConfigureAwait(false))
        {
            var lines = NdjsonReader.ReadAsync<T>(stream, FleetJson.Options, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (lines.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (!await lines.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or FormatException && !cancellationToken.IsCancellationRequested)
                    {
                        throw Broken(e);
                    }

                    yield return lines.Current;
                }
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private FleetRequestException Broken(Exception e) => e is FormatException
        ? new FleetRequestException($"the service at {ServiceUrl.Show(Root)} sent an answer this lifeline cannot read: {e.Message}",
            "use a lifeline command of the same version as the service", ExitCodes.SomeFailed, null, e)
        : new FleetRequestException($"the connection to {ServiceUrl.Show(Root)} broke during the answer: {e.Message}",
            "run the command again; nodes already shown above did finish", ExitCodes.SomeFailed, null, e);

    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, body.GetType(), FleetJson.Options), Encoding.UTF8, "application/json");

    private T Deserialize<T>(string text, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, FleetJson.Options)
                ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new FleetRequestException(
                $"the service at {ServiceUrl.Show(Root)} answered {path} with something this lifeline cannot read: {e.Message}",
                "use a lifeline command of the same version as the service", ExitCodes.SomeFailed, null, e);
        }
    }

    private async Task<string> SendForTextAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var response = await StartAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken, timeout, linked).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Broken(e);
        }
    }

    /// <summary>Sends the request and checks the status; the time limit runs until the answer's headers (or body, for <see cref="HttpCompletionOption.ResponseContentRead"/>) are in.</summary>
    private async Task<HttpResponseMessage> StartAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        return await StartAsync(request, completion, cancellationToken, timeout, linked).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> StartAsync(
        HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken, CancellationTokenSource timeout, CancellationTokenSource linked)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string? body = null;
            try
            {
                body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The status says enough.
            }

            // HttpClient has made the request URI absolute by now.
            bool isLogin = request.RequestUri is { IsAbsoluteUri: true } uri && uri.AbsolutePath.EndsWith("/auth/login", StringComparison.Ordinal);
            throw ProblemDetails.ToException(response.StatusCode, body, Root, isLogin);
        }
    }

    private FleetRequestException TimedOut() => new(
        $"no answer from the service at {ServiceUrl.Show(Root)} within {_timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
        "check that the service is running and not overloaded, or allow more time with --timeout SECONDS", ExitCodes.Usage);

    private FleetRequestException Unreachable(HttpRequestException e)
    {
        string shown = ServiceUrl.Show(Root);
        var socket = e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
        if (socket?.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new FleetRequestException($"cannot connect to {shown}: connection refused",
                $"is the service running at {shown}? Start it (lifeline serve), or log in to the right URL (lifeline login URL)", ExitCodes.Usage, null, e);
        }

        if (e.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return new FleetRequestException($"cannot resolve the host of {shown}: {e.Message}",
                "check the URL (lifeline login URL, or LIFELINE_URL)", ExitCodes.Usage, null, e);
        }

        return new FleetRequestException($"cannot reach the service at {shown}: {e.Message}",
            $"is the service running at {shown}? Check the URL and the network", ExitCodes.Usage, null, e);
    }
}
