using System.Net.Http.Headers;
using Lifeline.Redfish.Http;

namespace Lifeline.Redfish;

public sealed partial class RedfishClient
{
    /// <summary>
    /// Opens a long-lived GET (Server-Sent Events) and returns the response with its body unread. The request timeout
    /// covers the headers only; the caller's token ends the stream. Same origin, session and error rules as every request.
    /// </summary>
    internal async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken ct)
    {
        var uri = Resolve(path);
        for (var attempt = 0; ; attempt++)
        {
            string? token = null;
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (_options.Auth == RedfishAuthMode.Session)
            {
                token = await EnsureSessionAsync(ct).ConfigureAwait(false);
                request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
            }
            else if (_options.Auth == RedfishAuthMode.Basic)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_options.UserName}:{_options.Password}")));
            }
            HttpResponseMessage response;
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token))
            {
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw new RedfishException(RedfishError.Timeout, $"GET {uri.AbsolutePath}: the event stream did not open within {_options.RequestTimeout.TotalSeconds:0.#} s", e);
                }
                catch (HttpRequestException e)
                {
                    throw Transport(e, HttpMethod.Get, uri);
                }
            }
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status == 401 && token is not null && attempt == 0)
                {
                    Interlocked.CompareExchange(ref _token, null, token);
                    continue;
                }
                var body = await ReadBoundedAsync(response.Content, uri, ct).ConfigureAwait(false);
                throw ErrorBody.ToException("GET", uri, status, body.Span, mayHaveBeenDelivered: false);
            }
        }
    }
}
