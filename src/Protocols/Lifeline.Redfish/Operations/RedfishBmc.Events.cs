using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Lifeline.Redfish.Json;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

// EventService (EventService.v1_10_2): subscriptions (EventDestination.v1_15_0) and Server-Sent Events
// (DSP0266 v1.20 clause "Server-sent events"; the framing is the WHATWG HTML EventSource format).
public sealed partial class RedfishBmc
{
    private const int MaxSseLine = 1024 * 1024;

    public async Task<EventService> GetEventServiceAsync(CancellationToken ct = default)
    {
        var root = await Client.GetServiceRootAsync(ct).ConfigureAwait(false);
        return await RequireAsync<EventService>(root.EventService, "EventService", ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<EventDestination>> ListSubscriptionsAsync(CancellationToken ct = default)
    {
        var service = await GetEventServiceAsync(ct).ConfigureAwait(false);
        return await ListAsync<EventDestination>(service.Subscriptions, ct).ConfigureAwait(false);
    }

    /// <summary>Creates a push subscription to <paramref name="destination"/>; returns the new subscription's URI.</summary>
    public async Task<string> CreateSubscriptionAsync(Uri destination, string? context = null, IReadOnlyList<string>? eventTypes = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var service = await GetEventServiceAsync(ct).ConfigureAwait(false);
        var collection = service.Subscriptions?.ODataId ?? throw new RedfishException(RedfishError.NotSupported, "the EventService has no Subscriptions");
        var body = new JsonObject { ["Destination"] = destination.AbsoluteUri, ["Protocol"] = "Redfish" };
        if (context is not null)
        {
            body["Context"] = context;
        }
        if (eventTypes is { Count: > 0 })
        {
            body["EventTypes"] = new JsonArray(eventTypes.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }
        var response = await Client.SendAsync(HttpMethod.Post, collection, () => RedfishClient.JsonBody(body), null, RedfishClient.Send.None, ct)
            .ConfigureAwait(false);
        var location = response.Location
            ?? (response.Json() is { } j && j.TryGetProperty("@odata.id", out var id) ? id.GetString() : null)
            ?? throw RedfishException.Malformed($"POST {collection}: subscription created without a Location");
        return Client.Resolve(location).AbsolutePath;
    }

    public Task DeleteSubscriptionAsync(string subscriptionUri, CancellationToken ct = default) => Client.DeleteAsync(subscriptionUri, ct);

    /// <summary>
    /// Makes sure a subscription to <paramref name="destination"/> (with this context) exists, creating it when it is
    /// missing. BMCs forget subscriptions when they reboot; calling this after a reboot (or periodically) detects the
    /// loss and re-creates the subscription. Returns its URI and whether it had to be created.
    /// </summary>
    public async Task<(string Uri, bool Created)> EnsureSubscriptionAsync(Uri destination, string? context = null, IReadOnlyList<string>? eventTypes = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var existing in await ListSubscriptionsAsync(ct).ConfigureAwait(false))
        {
            if (Uri.TryCreate(existing.Destination, UriKind.Absolute, out var d) && d == destination
                && (context is null || existing.Context == context) && existing.ODataId is { } id)
            {
                return (id, false);
            }
        }
        return (await CreateSubscriptionAsync(destination, context, eventTypes, ct).ConfigureAwait(false), true);
    }

    /// <summary>
    /// Reads the service's SSE stream (<c>ServerSentEventUri</c>, optionally with a <c>$filter</c>) as events until
    /// <paramref name="ct"/> is cancelled or the service closes the stream. Lines longer than 1 MiB are refused.
    /// </summary>
    public async IAsyncEnumerable<RedfishEvent> ReadServerSentEventsAsync(string? filter = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var service = await GetEventServiceAsync(ct).ConfigureAwait(false);
        var uri = service.ServerSentEventUri ?? throw new RedfishException(RedfishError.NotSupported, "the EventService offers no ServerSentEventUri");
        if (filter is not null)
        {
            uri += (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "$filter=" + Uri.EscapeDataString(filter);
        }
        using var response = await Client.OpenStreamAsync(uri, ct).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new StringBuilder();
        while (true)
        {
            var line = await ReadLineBoundedAsync(reader, ct).ConfigureAwait(false);
            if (line is null)
            {
                yield break;
            }
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    var text = data.ToString();
                    data.Clear();
                    yield return RedfishJson.Deserialize<RedfishEvent>(Encoding.UTF8.GetBytes(text), $"SSE {uri}");
                }
                continue;
            }
            if (line.StartsWith(':'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "data")
            {
                if (data.Length + value.Length > MaxSseLine)
                {
                    throw RedfishException.Malformed($"SSE {uri}: an event larger than {MaxSseLine} bytes");
                }
                if (data.Length > 0)
                {
                    data.Append('\n');
                }
                data.Append(value);
            }
        }
    }

    private static async Task<string?> ReadLineBoundedAsync(StreamReader reader, CancellationToken ct)
    {
        var sb = new StringBuilder();
        var one = new char[1];
        while (true)
        {
            var n = await reader.ReadAsync(one.AsMemory(), ct).ConfigureAwait(false);
            if (n == 0)
            {
                return sb.Length > 0 ? sb.ToString() : null;
            }
            if (one[0] == '\n')
            {
                return sb.ToString().TrimEnd('\r');
            }
            if (sb.Length >= MaxSseLine)
            {
                throw RedfishException.Malformed("SSE line longer than 1 MiB");
            }
            sb.Append(one[0]);
        }
    }
}
