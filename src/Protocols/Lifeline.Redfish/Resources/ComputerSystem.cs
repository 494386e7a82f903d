using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Redfish.Resources;

/// <summary>ComputerSystem (ComputerSystem.v1_22_0): the host — power, boot override, summaries, links to parts.</summary>
public sealed record ComputerSystem : RedfishResource
{
    public PowerState? PowerState { get; init; }
    public BootSettings? Boot { get; init; }
    public SystemType? SystemType { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? SKU { get; init; }
    public string? SerialNumber { get; init; }
    public string? PartNumber { get; init; }
    public string? UUID { get; init; }
    public string? HostName { get; init; }
    public string? BiosVersion { get; init; }
    public string? IndicatorLED { get; init; }
    public ProcessorSummary? ProcessorSummary { get; init; }
    public MemorySummary? MemorySummary { get; init; }
    public SerialConsole? SerialConsole { get; init; }
    public ODataLink? Processors { get; init; }
    public ODataLink? Memory { get; init; }
    public ODataLink? Storage { get; init; }
    public ODataLink? SimpleStorage { get; init; }
    public ODataLink? EthernetInterfaces { get; init; }
    public ODataLink? LogServices { get; init; }
    public ODataLink? Bios { get; init; }
    public ODataLink? VirtualMedia { get; init; }
    public ComputerSystemLinks? Links { get; init; }
}

/// <summary>ComputerSystem.Boot: the one-shot or persistent boot override.</summary>
public sealed record BootSettings
{
    public BootSource? BootSourceOverrideTarget { get; init; }

    [JsonPropertyName("BootSourceOverrideTarget@Redfish.AllowableValues")]
    public IReadOnlyList<BootSource>? BootSourceOverrideTargetAllowableValues { get; init; }

    public BootSourceOverrideEnabled? BootSourceOverrideEnabled { get; init; }
    public BootSourceOverrideMode? BootSourceOverrideMode { get; init; }

    [JsonPropertyName("BootSourceOverrideMode@Redfish.AllowableValues")]
    public IReadOnlyList<BootSourceOverrideMode>? BootSourceOverrideModeAllowableValues { get; init; }

    public string? UefiTargetBootSourceOverride { get; init; }
    public IReadOnlyList<string>? BootOrder { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record ProcessorSummary
{
    public int? Count { get; init; }
    public int? CoreCount { get; init; }
    public int? LogicalProcessorCount { get; init; }
    public string? Model { get; init; }
    public ResourceStatus? Status { get; init; }
}

public sealed record MemorySummary
{
    public double? TotalSystemMemoryGiB { get; init; }
    public ResourceStatus? Status { get; init; }
}

/// <summary>ComputerSystem.SerialConsole / Manager.SerialConsole (v1_13_0 host serial console protocols).</summary>
public sealed record SerialConsole
{
    public int? MaxConcurrentSessions { get; init; }
    public bool? ServiceEnabled { get; init; }
    public SerialConsoleProtocol? IPMI { get; init; }
    public SerialConsoleProtocol? SSH { get; init; }
    public SerialConsoleProtocol? Telnet { get; init; }
    public IReadOnlyList<string>? ConnectTypesSupported { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record SerialConsoleProtocol
{
    public bool? ServiceEnabled { get; init; }
    public int? Port { get; init; }
    public string? HotKeySequenceDisplay { get; init; }
    public string? ConsoleEntryCommand { get; init; }
    public bool? SharedWithManagerCLI { get; init; }
}

public sealed record ComputerSystemLinks
{
    public IReadOnlyList<ODataLink>? Chassis { get; init; }
    public IReadOnlyList<ODataLink>? ManagedBy { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
