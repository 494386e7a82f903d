using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>Bios (Bios.v1_2_1): current attributes; changes go to the settings object named by <c>@Redfish.Settings</c>
/// (DSP0266 v1.20 clause "Settings resource") and apply at the next reset.</summary>
public sealed record Bios : RedfishResource
{
    public string? AttributeRegistry { get; init; }
    public Dictionary<string, JsonElement>? Attributes { get; init; }

    [JsonPropertyName("@Redfish.Settings")] public SettingsAnnotation? Settings { get; init; }
}

/// <summary>The <c>@Redfish.Settings</c> annotation (Settings.v1_4_0).</summary>
public sealed record SettingsAnnotation
{
    public ODataLink? SettingsObject { get; init; }
    public string? Time { get; init; }
    public string? ETag { get; init; }
    public IReadOnlyList<string>? SupportedApplyTimes { get; init; }
    public IReadOnlyList<RedfishMessage>? Messages { get; init; }
}
