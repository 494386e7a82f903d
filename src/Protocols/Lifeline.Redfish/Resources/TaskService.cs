namespace Lifeline.Redfish.Resources;

/// <summary>TaskService (TaskService.v1_2_1).</summary>
public sealed record TaskService : RedfishResource
{
    public bool? ServiceEnabled { get; init; }
    public ODataLink? Tasks { get; init; }
}
