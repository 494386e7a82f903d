using Lifeline.Fleet.Operations;
using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Server.Monitoring;

// Where what the pipeline learns meets the trend detector and the alert rules.
internal sealed partial class MonitoringPipeline
{
    private async ValueTask ObserveSensorsAsync(SensorSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!snapshot.IsGap)
        {
            var detected = _detector.Observe(snapshot);
            if (detected.HasChanges)
            {
                await _engine.ObserveAsync(detected, cancellationToken).ConfigureAwait(false);
            }
        }
        await _engine.ObserveAsync(snapshot, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ObserveEventsAsync(IReadOnlyList<MonitoredEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            var detected = _detector.Observe(e);
            if (detected.HasChanges)
            {
                await _engine.ObserveAsync(detected, cancellationToken).ConfigureAwait(false);
            }
            await _engine.ObserveAsync(e, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ObserveReachabilityAsync(string node, string path, bool up, string detail, CancellationToken cancellationToken)
    {
        var state = _states.Get(node);
        if (state.BmcUp is { } bmcUp)
        {
            await _engine.ObserveReachabilityAsync(new Reachability(node, bmcUp, state.PrimaryUp, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A console pattern hit: stored as an event (the console log keeps the bytes) and given to the rules.</summary>
    public async Task ObserveConsoleAsync(string node, string pattern, string severity, string line, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var level = severity.ToLowerInvariant() switch
        {
            "critical" => Severity.Critical,
            "warning" => Severity.Warning,
            _ => Severity.Info,
        };
        var e = new NewEvent(node, time, level, EventSources.Console, $"{pattern}: {line}", null,
            $"console:{pattern}:{time.UtcTicks}:{RefreshShare.StableHash(line):x8}", Kind: $"console-{pattern}");
        await _store.AppendEventsAsync([e], null, cancellationToken).ConfigureAwait(false);
        await _engine.ObserveConsoleAsync(new ConsoleHit(node, pattern, line, time), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The detector's current predictions of a node.</summary>
    public IReadOnlyList<Prediction> Predictions(string node) => _detector.ActivePredictions(node);
}
