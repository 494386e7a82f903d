using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Lifeline.Simulator.Model;
using Microsoft.AspNetCore.Http;

namespace Lifeline.Simulator.Redfish;

// EventService.v1_10_0, EventDestination.v1_13_0 and Event.v1_8_0 (DSP0266 1.20 §12.5 "Eventing"): push
// subscriptions (POST to Subscriptions; delivered only to loopback destinations) and the SSE stream
// (§12.5.3, text/event-stream at ServerSentEventUri). Events are power-state changes and new SEL records of the
// model, however they came about (this face, IPMI, the model's own deadlines).
public sealed partial class RedfishNode
{
    private const string EventUri = Root + "/EventService";
    private const int MaxSubscriptions = 20;
    private readonly Dictionary<string, EventSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly List<Channel<string>> _sseListeners = [];
    private readonly Lock _watchLock = new();
    private int _nextSubscriptionId;
    private long _nextEventId;
    private ITimer? _eventTimer;
    private RedfishPowerState? _lastPower;
    private ushort _lastSelId;
    private bool _watching;

    /// <summary>Shared by every node for push delivery (loopback only; TLS not verified: listeners are test tools).</summary>
    internal static HttpClient EventClient { get; } = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseProxy = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    private sealed record EventSubscription(string Id, Uri Destination, string? Context, string Protocol, string[] EventTypes);

    /// <summary>Push deliveries attempted (for tests and the CLI).</summary>
    public long EventsDelivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    private JsonObject EventService() => new()
    {
        ["@odata.id"] = EventUri,
        ["@odata.type"] = "#EventService.v1_10_0.EventService",
        ["Id"] = "EventService",
        ["Name"] = "Event Service",
        ["ServiceEnabled"] = true,
        ["DeliveryRetryAttempts"] = 1,
        ["DeliveryRetryIntervalSeconds"] = 5,
        ["EventFormatTypes"] = new JsonArray("Event"),
        ["RegistryPrefixes"] = new JsonArray("ResourceEvent", "Base"),
        ["ResourceTypes"] = new JsonArray("ComputerSystem", "LogService"),
        ["ServerSentEventUri"] = EventUri + "/SSE",
        ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        ["Subscriptions"] = RedfishJson.Link(EventUri + "/Subscriptions"),
        ["Actions"] = new JsonObject
        {
            ["#EventService.SubmitTestEvent"] = new JsonObject { ["target"] = EventUri + "/Actions/EventService.SubmitTestEvent" },
        },
    };

    private JsonObject SubscriptionCollection()
    {
        lock (_gate)
        {
            return RedfishJson.Collection(EventUri + "/Subscriptions", "#EventDestinationCollection.EventDestinationCollection",
                "Event Subscriptions", _subscriptions.Keys.Order(StringComparer.Ordinal).Select(k => $"{EventUri}/Subscriptions/{k}"));
        }
    }

    private JsonObject? Subscription(string id)
    {
        EventSubscription? s;
        lock (_gate)
        {
            s = _subscriptions.GetValueOrDefault(id);
        }
        return s is null ? null : new JsonObject
        {
            ["@odata.id"] = $"{EventUri}/Subscriptions/{id}",
            ["@odata.type"] = "#EventDestination.v1_13_0.EventDestination",
            ["Id"] = id,
            ["Name"] = "Event Subscription",
            ["Destination"] = s.Destination.ToString(),
            ["Context"] = s.Context,
            ["Protocol"] = s.Protocol,
            ["EventFormatType"] = "Event",
            ["SubscriptionType"] = "RedfishEvent",
            ["EventTypes"] = RedfishJson.Strings(s.EventTypes),
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        };
    }

    /// <summary>True for http(s) URLs whose host is a loopback address or "localhost": the only places the
    /// simulator sends anything.</summary>
    internal static bool IsLoopbackDestination(Uri uri) =>
        uri.Scheme is "http" or "https"
        && (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private RedfishResponse CreateSubscription(RedfishRequest r)
    {
        var body = r.BodyObject;
        if (body["Destination"] is not JsonValue dv || !dv.TryGetValue(out string? destination))
        {
            return BaseMessages.PropertyMissing("Destination");
        }
        if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return BaseMessages.Error(400, "PropertyValueFormatError",
                $"The value '{destination}' for the property Destination is not a format that the property can accept.",
                "Correct the value for the property in the request body and resubmit the request if the operation failed.", destination, "Destination");
        }
        if (!IsLoopbackDestination(uri))
        {
            // The simulator never sends traffic off the host: only loopback listeners may subscribe.
            return BaseMessages.PropertyValueIncorrect("Destination", destination);
        }
        string protocol = body["Protocol"] is JsonValue pv && pv.TryGetValue(out string? p) ? p : "Redfish";
        if (protocol != "Redfish")
        {
            return BaseMessages.PropertyValueNotInList("Protocol", protocol);
        }
        string? context = body["Context"] is JsonValue cv && cv.TryGetValue(out string? c) ? c : null;
        string[] types = body["EventTypes"] is JsonArray ta
            ? ta.Select(t => t?.GetValue<string>() ?? "").Where(t => t.Length > 0).ToArray()
            : ["Alert", "ResourceUpdated"];
        string id;
        lock (_gate)
        {
            if (_subscriptions.Count >= MaxSubscriptions)
            {
                return BaseMessages.ResourceExhaustion(EventUri + "/Subscriptions");
            }
            id = (++_nextSubscriptionId).ToString(CultureInfo.InvariantCulture);
            _subscriptions[id] = new EventSubscription(id, uri, context, protocol, types);
            StartWatching();
        }
        return RedfishResponse.Created(Subscription(id)!, $"{EventUri}/Subscriptions/{id}");
    }

    private RedfishResponse DeleteSubscription(string id)
    {
        lock (_gate)
        {
            _subscriptions.Remove(id);
            StopWatchingIfIdle();
        }
        return RedfishResponse.NoContent();
    }

    private RedfishResponse SubmitTestEvent(RedfishRequest r)
    {
        string message = r.BodyObject["Message"] is JsonValue mv && mv.TryGetValue(out string? m) ? m : "Test event";
        Publish([EventRecord("Alert", "Base.1.16.0.Success", message, Health.OK, Root)]);
        return RedfishResponse.NoContent();
    }

    private async Task StreamEventsAsync(RedfishRequest r)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _sseListeners.Add(channel);
            StartWatching();
        }
        var http = r.Http;
        try
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync(": Lifeline simulated BMC event stream\n\n", http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            await foreach (var message in channel.Reader.ReadAllAsync(http.RequestAborted).ConfigureAwait(false))
            {
                await http.Response.WriteAsync(message, http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _sseListeners.Remove(channel);
                StopWatchingIfIdle();
            }
        }
        if (!http.RequestAborted.IsCancellationRequested && !Model.IsBmcAvailable)
        {
            http.Abort(); // the BMC went down under the stream
        }
    }

    /// <summary>Number of open SSE streams (tests wait for theirs before acting).</summary>
    public int EventStreamCount
    {
        get
        {
            lock (_gate)
            {
                return _sseListeners.Count;
            }
        }
    }

    private void StartWatching()
    {
        if (_watching)
        {
            return;
        }
        _watching = true;
        lock (_watchLock)
        {
            _lastPower = PowerStateOf(Model.PowerState);
            var sel = Model.GetSelEntries();
            _lastSelId = sel.Length == 0 ? (ushort)0 : sel[^1].RecordId;
        }
        _eventTimer = _time.CreateTimer(_ => CheckForEvents(), null, _options.EventPollInterval, _options.EventPollInterval);
    }

    private void StopWatchingIfIdle()
    {
        if (_subscriptions.Count == 0 && _sseListeners.Count == 0)
        {
            StopEventTimer();
        }
    }

    private void StopEventTimer()
    {
        _eventTimer?.Dispose();
        _eventTimer = null;
        _watching = false;
    }

    /// <summary>Compares the model with what was last announced and publishes the differences.</summary>
    internal void CheckForEvents()
    {
        if (!Volatile.Read(ref _watching))
        {
            return;
        }
        List<JsonObject> events = [];
        lock (_watchLock)
        {
            var power = PowerStateOf(Model.PowerState);
            if (_lastPower != power)
            {
                _lastPower = power;
                events.Add(EventRecord("ResourceUpdated", "ResourceEvent.1.3.0.ResourceChanged",
                    $"The power state of {Model.Name} changed to {power}.", Health.OK, SystemUri, ("PowerState", power.ToString())));
            }
            foreach (var e in Model.GetSelEntriesAfter(_lastSelId))
            {
                _lastSelId = e.RecordId;
                var entry = LogEntry(e);
                events.Add(EventRecord("Alert", "ResourceEvent.1.3.0.ResourceCreated", entry["Message"]!.GetValue<string>(),
                    SeverityOf(e), entry["@odata.id"]!.GetValue<string>()));
            }
        }
        if (events.Count > 0)
        {
            Publish(events);
        }
    }

    private JsonObject EventRecord(string type, string messageId, string message, Health severity, string origin,
        params (string Name, string Value)[] extra)
    {
        var record = new JsonObject
        {
            ["EventType"] = type,
            ["EventId"] = Interlocked.Increment(ref _nextEventId).ToString(CultureInfo.InvariantCulture),
            ["EventTimestamp"] = RedfishJson.Time(_time.GetUtcNow()),
            ["MessageId"] = messageId,
            ["Message"] = message,
            ["MessageSeverity"] = severity.ToString(),
            ["Severity"] = severity.ToString(),
            ["OriginOfCondition"] = RedfishJson.Link(origin),
        };
        if (extra.Length > 0)
        {
            record["MessageArgs"] = new JsonArray(extra.Select(x => (JsonNode)JsonValue.Create(x.Value)!).ToArray());
        }
        return record;
    }

    private void Publish(List<JsonObject> records)
    {
        string id = records[^1]["EventId"]!.GetValue<string>();
        EventSubscription[] subscriptions;
        Channel<string>[] listeners;
        lock (_gate)
        {
            subscriptions = _subscriptions.Values.ToArray();
            listeners = _sseListeners.ToArray();
        }
        if (listeners.Length > 0)
        {
            string data = EventBody(id, null, records).ToJsonString();
            string message = $"id: {id}\ndata: {data}\n\n";
            foreach (var l in listeners)
            {
                l.Writer.TryWrite(message);
            }
        }
        foreach (var s in subscriptions)
        {
            var body = EventBody(id, s.Context, records).ToJsonString();
            _ = DeliverAsync(s.Destination, body);
        }
    }

    private static JsonObject EventBody(string id, string? context, List<JsonObject> records) => new()
    {
        ["@odata.type"] = "#Event.v1_8_0.Event",
        ["Id"] = id,
        ["Name"] = "Event Array",
        ["Context"] = context,
        ["Events"] = new JsonArray(records.Select(r => (JsonNode)r.DeepClone()).ToArray()),
    };

    private async Task DeliverAsync(Uri destination, string body)
    {
        if (!IsLoopbackDestination(destination))
        {
            return; // checked at subscription time; checked again so nothing ever leaves the host
        }
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await EventClient.PostAsync(destination, content).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }
}
