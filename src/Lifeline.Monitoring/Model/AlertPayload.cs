using System.Text.Json;

namespace Lifeline.Monitoring.Model;

/// <summary>
/// What every channel is told about an alert change; the webhook body is exactly this as JSON
/// (<see cref="MonitoringJson"/>), the other channels format their text from it.
/// </summary>
/// <param name="Version">The payload format version (1).</param>
/// <param name="Transition">What happened.</param>
/// <param name="Time">When it happened (service clock).</param>
/// <param name="Alert">The alert after the change.</param>
/// <param name="Service">The name of the Lifeline service that sent it (<c>Lifeline:Monitoring:ServiceName</c>).</param>
public sealed record AlertPayload(int Version, AlertTransition Transition, DateTimeOffset Time, Alert Alert, string Service)
{
    public const int CurrentVersion = 1;

    public static AlertPayload Create(Alert alert, AlertTransition transition, DateTimeOffset time, string service) =>
        new(CurrentVersion, transition, time, alert, service);

    public string ToJson() => JsonSerializer.Serialize(this, MonitoringJson.Options);

    public static AlertPayload? FromJson(string json) => JsonSerializer.Deserialize<AlertPayload>(json, MonitoringJson.Options);
}
