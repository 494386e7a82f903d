using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// POSTs the payload JSON, exactly as queued, to a URL, signed with HMAC-SHA256 (<see cref="WebhookSignature"/>).
/// Headers: <c>X-Lifeline-Event: alert</c>, <c>X-Lifeline-Delivery</c> (the outbox id, the same on every retry),
/// <c>X-Lifeline-Timestamp</c> (Unix seconds), <c>X-Lifeline-Signature</c>. Any 2xx is delivered; anything else, a
/// timeout or a refused connection throws, and the dispatcher retries (honouring <c>Retry-After</c> on 429/503).
/// </summary>
public sealed class WebhookChannel : INotificationChannel
{
    private readonly ChannelSettings _settings;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Uri _url;

    /// <param name="name">The channel name.</param>
    /// <param name="settings">Validated settings.</param>
    /// <param name="http">The client to send with (its own timeout is not used; <see cref="ChannelSettings.Timeout"/> is).</param>
    /// <param name="time">The clock for the timestamp and the timeout.</param>
    public WebhookChannel(string name, ChannelSettings settings, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        _settings = settings;
        _http = http;
        _time = time;
        _url = new Uri(settings.Url ?? throw new ArgumentException($"channel {name} has no Url", nameof(settings)));
    }

    public string Name { get; }

    public async Task DeliverAsync(AlertPayload payload, string payloadJson, long deliveryId, CancellationToken cancellationToken)
    {
        string key = SecretSource.Read(_settings.Secret, _settings.SecretEnvironmentVariable, _settings.SecretFile)
            ?? throw new NotificationDeliveryException($"channel {Name} has no HMAC key configured");
        long timestamp = _time.GetUtcNow().ToUnixTimeSeconds();

        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new StringContent(payloadJson, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        foreach (var (header, value) in _settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        request.Headers.Add("X-Lifeline-Event", "alert");
        request.Headers.Add("X-Lifeline-Delivery", deliveryId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Lifeline-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Lifeline-Signature", WebhookSignature.Compute(key, timestamp, payloadJson));

        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"POST {Redacted(_url)}: no answer within {_settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            throw new NotificationDeliveryException($"POST {Redacted(_url)}: {Describe(e)}", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            int status = (int)response.StatusCode;
            string hint = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "; check the receiver's key and the channel's Secret/Headers",
                HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed => "; check the channel's Url",
                _ => "",
            };
            throw new NotificationDeliveryException($"POST {Redacted(_url)}: HTTP {status} {response.ReasonPhrase}{hint}")
            {
                RetryAfter = RetryAfter(response, _time.GetUtcNow()),
            };
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date && date > now ? date - now : null;
    }

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "cannot connect (" + (e.InnerException?.Message ?? e.Message) + ")",
        HttpRequestError.NameResolutionError => "host name does not resolve",
        HttpRequestError.SecureConnectionError => "TLS handshake failed (" + (e.InnerException?.Message ?? e.Message) + ")",
        _ => e.Message,
    };

    /// <summary>The URL without user info or query (either may hold a token).</summary>
    private static string Redacted(Uri url) => url.GetLeftPart(UriPartial.Path);
}
