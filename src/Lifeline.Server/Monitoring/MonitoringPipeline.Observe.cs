using Lifeline.Monitoring.Model;

namespace Lifeline.Server.Monitoring;

// Where what the pipeline learns meets the detectors and the alert rules.
internal sealed partial class MonitoringPipeline
{
    private ValueTask ObserveSensorsAsync(SensorSnapshot snapshot, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private ValueTask ObserveEventsAsync(IReadOnlyList<MonitoredEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private ValueTask ObserveReachabilityAsync(string node, string path, bool up, string detail, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public Task PollEventsAsync(string node, CancellationToken cancellationToken) => Task.CompletedTask;
}
