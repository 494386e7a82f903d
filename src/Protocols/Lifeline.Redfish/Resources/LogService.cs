namespace Lifeline.Redfish.Resources;

/// <summary>LogService (LogService.v1_7_0).</summary>
public sealed record LogService : RedfishResource
{
    public bool? ServiceEnabled { get; init; }
    public long? MaxNumberOfRecords { get; init; }
    public string? OverWritePolicy { get; init; }
    public string? LogEntryType { get; init; }
    public string? DateTime { get; init; }
    public ODataLink? Entries { get; init; }
}
