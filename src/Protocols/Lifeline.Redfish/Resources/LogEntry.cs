using System.Globalization;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>LogEntry (LogEntry.v1_16_0). <see cref="Created"/> stays text; <see cref="CreatedTime"/> parses it tolerantly
/// (BMCs send odd timestamps, e.g. the 1970 epoch before time sync).</summary>
public sealed record LogEntry : RedfishResource
{
    public LogEntryType? EntryType { get; init; }
    public Health? Severity { get; init; }
    public string? Created { get; init; }
    public string? EventTimestamp { get; init; }
    public string? Message { get; init; }
    public string? MessageId { get; init; }
    public IReadOnlyList<string>? MessageArgs { get; init; }
    public string? SensorType { get; init; }
    public string? EntryCode { get; init; }
    public string? OemRecordFormat { get; init; }

    [JsonIgnore]
    public DateTimeOffset? CreatedTime =>
        DateTimeOffset.TryParse(Created ?? EventTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
