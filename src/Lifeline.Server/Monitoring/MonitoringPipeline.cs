using Microsoft.Extensions.DependencyInjection;
using Lifeline.Server.Hosting;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Configuration;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Monitoring;

/// <summary>
/// What happens to what a poll learns: sensor readings (or a gap when the poll failed) are batched into history and
/// handed to the detectors and alert rules; reachability changes of either path become events; events are stored
/// once (deduplicated against their cursor) and evaluated.
/// </summary>
internal sealed partial class MonitoringPipeline
{
    private readonly IMonitoredNodes _nodes;
    private readonly IMonitoringStore _store;
    private readonly MonitorStates _states;
    private readonly SampleWriter _writer;
    private readonly PrimaryPathProbe _probe;
    private readonly MonitoringSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<MonitoringPipeline> _logger;
    private readonly TrendDetector _detector;
    private readonly AlertEngine _engine;
    private readonly MonitoringInstruments _instruments;

    public MonitoringPipeline(IMonitoredNodes nodes, IMonitoringStore store, MonitorStates states, SampleWriter writer, PrimaryPathProbe probe,
        TrendDetector detector, AlertEngine engine, MonitoringInstruments instruments, MonitoringSettings settings, [FromKeyedServices(ServiceClock.Key)] TimeProvider time,
        ILogger<MonitoringPipeline> logger)
    {
        _instruments = instruments;
        _detector = detector;
        _engine = engine;
        _nodes = nodes;
        _store = store;
        _states = states;
        _writer = writer;
        _probe = probe;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <summary>The pipeline's own background work (batched writes), until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _writer.RunAsync(TimeSpan.FromSeconds(5), cancellationToken);

    /// <summary>Forgets nodes that left this server's share or the inventory.</summary>
    public void Retain(IEnumerable<string> nodes)
    {
        var keep = nodes.ToHashSet(StringComparer.Ordinal);
        foreach (var state in _states.Snapshot().Where(s => !keep.Contains(s.Node)))
        {
            _states.Remove(state.Node);
            ForgetCursor(state.Node);
            _detector.Forget(state.Node);
        }
    }

    public async Task PollSensorsAsync(string node, CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        var outcome = await _nodes.ReadSensorsAsync(node, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var took = _time.GetElapsedTime(started);
        SensorSnapshot snapshot;
        if (outcome.Result is SensorsResult sensors)
        {
            snapshot = new SensorSnapshot(node, now, [.. sensors.Sensors.Select(SensorPoint.From)]);
        }
        else
        {
            var error = outcome.Error ?? new NodeError(NodeCategories.Internal, "no result", "see the server log");
            if (error.Category is NodeCategories.UnknownNode or NodeCategories.NotConfigured or NodeCategories.Cancelled)
            {
                return; // nothing was asked of a BMC: no data point, no gap
            }
            snapshot = new SensorSnapshot(node, now, [], $"{error.Category}: {error.Message}");
        }
        _writer.Enqueue(snapshot);
        _instruments.Poll("sensors", !snapshot.IsGap, took);
        bool? bmcUp = outcome.Error is { } failure ? !NodeCategories.IsUnreachable(failure.Category) : true;
        var (before, _) = _states.Update(node, s => s with
        {
            Sensors = snapshot.IsGap ? s.Sensors : snapshot,
            BmcUp = bmcUp,
            LastError = snapshot.Gap,
            LastPollAt = now,
            SensorPollDuration = took,
            SensorPolls = s.SensorPolls + 1,
            SensorPollErrors = s.SensorPollErrors + (snapshot.IsGap ? 1 : 0),
        });
        await ObserveSensorsAsync(snapshot, cancellationToken).ConfigureAwait(false);
        if (before.BmcUp != bmcUp)
        {
            await ReachabilityChangedAsync(node, "bmc", bmcUp.Value, snapshot.Gap ?? "the BMC answered", before.BmcUp is null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ProbePrimaryAsync(string node, string address, CancellationToken cancellationToken)
    {
        var result = await _probe.ProbeAsync(address, _settings.PrimaryPort, _settings.PrimaryTimeout, cancellationToken).ConfigureAwait(false);
        var (before, _) = _states.Update(node, s => s with { PrimaryUp = result.Up, PrimaryDetail = result.Detail });
        if (before.PrimaryUp != result.Up)
        {
            await ReachabilityChangedAsync(node, "primary", result.Up, result.Detail, before.PrimaryUp is null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A path went up or down: an event (the first observation only when it is down) and the alert rules.</summary>
    private async Task ReachabilityChangedAsync(string node, string path, bool up, string detail, bool first, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!(first && up))
        {
            string what = path == "bmc" ? "management path (BMC)" : "primary path (in-band)";
            var bmcUp = _states.Get(node).BmcUp;
            string message = up ? $"{what} answers again: {detail}"
                : path == "primary" && bmcUp == true ? $"{what} lost while the BMC still answers: {detail}"
                : $"{what} lost: {detail}";
            var severity = up ? Severity.Info : Severity.Critical;
            var e = new NewEvent(node, now, severity, EventSources.Monitor, message, path,
                $"reachability:{path}:{(up ? "up" : "down")}:{now.UtcTicks}", Kind: up ? $"{path}-up" : $"{path}-lost");
            await StoreEventsAsync([e], null, cancellationToken).ConfigureAwait(false);
        }
        await ObserveReachabilityAsync(node, path, up, detail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores events (those not seen before) with their cursor and evaluates the new ones.</summary>
    private async Task<IReadOnlyList<MonitoredEvent>> StoreEventsAsync(IReadOnlyList<NewEvent> events, EventCursor? cursor, CancellationToken cancellationToken)
    {
        var stored = await _store.AppendEventsAsync(events, cursor, cancellationToken).ConfigureAwait(false);
        foreach (var group in stored.GroupBy(e => e.Source, StringComparer.Ordinal))
        {
            _instruments.EventsStored(group.Key, group.Count());
        }
        if (stored.Count > 0)
        {
            await ObserveEventsAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        return stored;
    }
}
