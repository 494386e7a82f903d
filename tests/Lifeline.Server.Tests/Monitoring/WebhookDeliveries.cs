using System.Text.Json;
using Lifeline.Monitoring.Tests.Notifications;

namespace Lifeline.Server.Tests.Monitoring;

/// <summary>What the scenarios read from the shared <see cref="WebhookReceiver"/>: the deliveries it accepted, as alert payloads.</summary>
internal static class WebhookDeliveries
{
    /// <summary>Accepted requests (2xx), oldest first: the payload and the headers.</summary>
    public static List<(JsonElement Body, IReadOnlyDictionary<string, string> Headers)> Delivered(this WebhookReceiver receiver) =>
        [.. receiver.Requests.Where(r => r.Status is >= 200 and < 300).Select(r => (JsonDocument.Parse(r.Body).RootElement.Clone(), r.Headers))];

    /// <summary>Requests refused while the receiver was down.</summary>
    public static int Refused(this WebhookReceiver receiver) => receiver.Requests.Count(r => r.Status >= 500);

    /// <summary>The alerts delivered so far: (transition, rule, node, subject, alert id).</summary>
    public static List<(string Transition, string Rule, string Node, string? Subject, long Id)> Alerts(this WebhookReceiver receiver) =>
    [
        .. receiver.Delivered().Select(d => (
            d.Body.GetProperty("transition").GetString()!,
            d.Body.GetProperty("alert").GetProperty("rule").GetString()!,
            d.Body.GetProperty("alert").GetProperty("node").GetString()!,
            d.Body.GetProperty("alert").TryGetProperty("subject", out var s) ? s.GetString() : null,
            d.Body.GetProperty("alert").GetProperty("id").GetInt64())),
    ];
}
