using Lifeline.Redfish.Http;
using Lifeline.Redfish.Tasks;

namespace Lifeline.Redfish;

public sealed partial class RedfishClient
{
    /// <summary>Monitors the task a 202 Accepted started until it completes (or throws TaskFailed / Timeout).</summary>
    public Task<TaskResult> WaitForTaskAsync(RedfishResponse accepted, IProgress<TaskProgress>? progress = null, CancellationToken ct = default) =>
        TaskMonitor.WaitAsync(this, accepted, progress, ct);
}
