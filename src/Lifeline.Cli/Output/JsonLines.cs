using Lifeline.Drivers;
using System.Text.Json.Serialization;
using Lifeline.Cli.Backend;

namespace Lifeline.Cli.Output;

// The shapes of `-o json`: one object per BMC per line. Every line has node, ok and error (null or
// {category, message, next}); the verb adds its own field, null when the node failed.

/// <summary>The fields every JSON line starts with.</summary>
public abstract class NodeLine
{
    [JsonPropertyOrder(-3)]
    public string Node { get; set; } = "";

    [JsonPropertyOrder(-2)]
    public bool Ok { get; set; }

    [JsonPropertyOrder(-1)]
    public ErrorJson? Error { get; set; }
}

public sealed class ErrorJson
{
    public required string Category { get; init; }

    public required string Message { get; init; }

    public string? Next { get; init; }
}

/// <summary><c>power</c>: <c>state</c> "on"/"off" (null when not read), <c>action</c> (null for status).</summary>
public sealed class PowerLine : NodeLine
{
    public string? State { get; set; }

    public string? Action { get; set; }
}

public sealed class BootJson
{
    public required string Device { get; init; }

    public bool Persistent { get; init; }

    public bool Efi { get; init; }
}

public sealed class BootLine : NodeLine
{
    public BootJson? Boot { get; set; }
}

public sealed class SensorJson
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public double? Value { get; init; }

    public string? Unit { get; init; }

    public required string Status { get; init; }

    public string? State { get; init; }
}

public sealed class SensorsLine : NodeLine
{
    public IReadOnlyList<SensorJson>? Sensors { get; set; }
}

public sealed class EventJson
{
    public int Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public required string Sensor { get; init; }

    public required string Message { get; init; }

    public required string Severity { get; init; }
}

public sealed class SelLine : NodeLine
{
    public IReadOnlyList<EventJson>? Events { get; set; }
}

public sealed class InventoryLine : NodeLine
{
    public InventoryResult? Inventory { get; set; }
}

public sealed class BmcInfoLine : NodeLine
{
    public BmcInfoResult? Bmc { get; set; }
}

public sealed class RawJson
{
    public int CompletionCode { get; init; }

    public required IReadOnlyList<int> Data { get; init; }
}

public sealed class RawLine : NodeLine
{
    public RawJson? Raw { get; set; }
}

public sealed class DiscoverLine : NodeLine
{
    public DiscoverResult? Presence { get; set; }
}

/// <summary><c>sel clear</c>, <c>bmc reset</c>, <c>identify</c>: <c>result</c> is a short statement.</summary>
public sealed class ActionLine : NodeLine
{
    public string? Result { get; set; }
}

/// <summary><c>firmware list</c>: <c>firmware</c> is a list of <c>{id, name, version, updateable}</c>.</summary>
public sealed class FirmwareLine : NodeLine
{
    public IReadOnlyList<FirmwareComponent>? Firmware { get; set; }
}

/// <summary><c>firmware update</c>: <c>update</c> is <c>{state, percent_complete, message, task}</c>.</summary>
public sealed class FirmwareUpdateLine : NodeLine
{
    public FirmwareUpdateResult? Update { get; set; }
}

/// <summary><c>bios get</c>: <c>bios</c> is <c>{attributes: {name: value}, pending: {name: value}}</c>.</summary>
public sealed class BiosLine : NodeLine
{
    public BiosResult? Bios { get; set; }
}

/// <summary><c>events watch</c>: one line per event; <c>event</c> is <c>{timestamp, severity, message_id, message, origin}</c>.</summary>
public sealed class EventLine : NodeLine
{
    public BmcEvent? Event { get; set; }
}

/// <summary>Fleet <c>health</c>: <c>health</c> ok/warning/critical and <c>reasons</c> (one line each).</summary>
public sealed class HealthLine : NodeLine
{
    public string? Health { get; set; }

    public IReadOnlyList<string>? Reasons { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(PowerLine))]
[JsonSerializable(typeof(BootLine))]
[JsonSerializable(typeof(SensorsLine))]
[JsonSerializable(typeof(SelLine))]
[JsonSerializable(typeof(InventoryLine))]
[JsonSerializable(typeof(BmcInfoLine))]
[JsonSerializable(typeof(RawLine))]
[JsonSerializable(typeof(DiscoverLine))]
[JsonSerializable(typeof(ActionLine))]
[JsonSerializable(typeof(FirmwareLine))]
[JsonSerializable(typeof(FirmwareUpdateLine))]
[JsonSerializable(typeof(BiosLine))]
[JsonSerializable(typeof(EventLine))]
[JsonSerializable(typeof(HealthLine))]
public sealed partial class LifelineJsonContext : JsonSerializerContext
{
}
