namespace Lifeline.Redfish.Resources;

/// <summary>Task (Task.v1_7_4): a long-running operation (named RedfishTask to stay clear of System.Threading.Tasks.Task).</summary>
public sealed record RedfishTask : RedfishResource
{
    public TaskState? TaskState { get; init; }
    public Health? TaskStatus { get; init; }
    public int? PercentComplete { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public string? TaskMonitor { get; init; }
    public IReadOnlyList<RedfishMessage>? Messages { get; init; }
}
