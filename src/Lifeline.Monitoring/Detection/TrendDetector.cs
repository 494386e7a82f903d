using System.Collections.Concurrent;
using Lifeline.Drivers;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

/// <summary>
/// Finds trends that head for a failure before any threshold trips: fans falling steadily, temperatures rising at
/// constant load, correctable memory errors increasing, PSU redundancy lost, sensors that stopped updating. Each
/// <see cref="Prediction"/> states its evidence. Feed it every sensor poll and every stored event; it reports what
/// was raised and what cleared. Windows never span a power transition: after one, samples are ignored for
/// <see cref="DetectionOptions.SettleTime"/>. Safe to call concurrently (one lock per node; nothing slow inside).
/// </summary>
public sealed partial class TrendDetector
{
    private readonly ConcurrentDictionary<string, NodeTrendState> _nodes = new(StringComparer.Ordinal);

    public TrendDetector(DetectionOptions? options = null)
    {
        Options = options ?? new DetectionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.HistoryCapacity, Options.MinSamples);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MinSamples, 3);
    }

    public DetectionOptions Options { get; }

    /// <summary>One poll of one node. A gap (the poll failed) changes nothing.</summary>
    public DetectionResult Observe(SensorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.IsGap)
        {
            return DetectionResult.Empty;
        }
        var state = _nodes.GetOrAdd(snapshot.Node, _ => new NodeTrendState());
        lock (state)
        {
            var now = snapshot.Time;
            UpdatePower(state, snapshot);
            bool sampling = state.Power != NodePowerState.Off && now >= state.SettleUntil;
            foreach (var point in snapshot.Sensors)
            {
                var track = Track(state, point);
                track.Thresholds = point.Thresholds ?? track.Thresholds;
                track.Update(point.Value, point.Status);
                if (sampling && track.Window is { } window
                    && (window.LastTime is not { } last || now - last >= Options.SampleSpacing))
                {
                    window.Add(now, point.Value, point.Status);
                }
            }
            state.LastSnapshot = now;

            var changes = new Changes();
            var power = PowerFit(state, now);
            foreach (var point in snapshot.Sensors)
            {
                var track = state.Sensors[point.Sensor];
                if (IsFan(track))
                {
                    changes.Apply(state, TrendNames.FanFalling, point.Sensor, EvaluateFan(snapshot.Node, point.Sensor, track, state, power, now));
                }
                else if (IsTemperature(track))
                {
                    changes.Apply(state, TrendNames.TemperatureRising, point.Sensor, EvaluateTemperature(snapshot.Node, point.Sensor, track, state, power, now));
                }
                changes.Apply(state, TrendNames.SensorStale, point.Sensor, EvaluateStale(snapshot.Node, point, track, state, now));
            }
            EvaluatePsuSensors(snapshot, state, changes);
            foreach (var (subject, log) in state.Memory)
            {
                changes.Apply(state, TrendNames.MemoryErrorsRising, subject, EvaluateMemory(snapshot.Node, subject, log, now));
            }
            return changes.Result(state, snapshot.Node);
        }
    }

    /// <summary>
    /// One stored event: correctable memory errors feed the error-rate trend, PSU failures raise (and their
    /// deassertions clear) psu-redundancy-lost, power events start a settle period. Uses <see cref="MonitoredEvent.Kind"/>,
    /// or classifies the text when it is null.
    /// </summary>
    public DetectionResult Observe(MonitoredEvent monitoredEvent)
    {
        ArgumentNullException.ThrowIfNull(monitoredEvent);
        string? kind = monitoredEvent.Kind ?? EventClassifier.Classify(monitoredEvent.Sensor, monitoredEvent.Message, monitoredEvent.Raw);
        if (kind is null)
        {
            return DetectionResult.Empty;
        }
        var state = _nodes.GetOrAdd(monitoredEvent.Node, _ => new NodeTrendState());
        lock (state)
        {
            var changes = new Changes();
            var now = monitoredEvent.Time;
            bool deasserted = EventClassifier.IsDeassertion(monitoredEvent.Message);
            switch (kind)
            {
                case EventKinds.MemoryCorrectable or EventKinds.MemoryCorrectableLimit when !deasserted:
                {
                    string subject = MemorySubject(monitoredEvent.Sensor);
                    if (!state.Memory.TryGetValue(subject, out var log))
                    {
                        log = new MemoryErrorLog(Options.MemoryEventCapacity);
                        state.Memory[subject] = log;
                    }
                    if (kind == EventKinds.MemoryCorrectableLimit)
                    {
                        log.LimitReachedAt = now;
                    }
                    else
                    {
                        log.Add(now);
                    }
                    changes.Apply(state, TrendNames.MemoryErrorsRising, subject, EvaluateMemory(monitoredEvent.Node, subject, log, now));
                    break;
                }
                case EventKinds.PsuFailure or EventKinds.PsuRedundancyLost or EventKinds.PsuInputLost:
                {
                    string subject = monitoredEvent.Sensor ?? "power supply";
                    if (deasserted)
                    {
                        state.PsuEvents.Remove(subject);
                        changes.Apply(state, TrendNames.PsuRedundancyLost, subject, Verdict.Clear);
                    }
                    else
                    {
                        state.PsuEvents[subject] = (now, kind, monitoredEvent.Message);
                        changes.Apply(state, TrendNames.PsuRedundancyLost, subject, Verdict.Raise(PsuEventPrediction(monitoredEvent, subject, kind)));
                    }
                    break;
                }
                case EventKinds.PowerOff or EventKinds.PowerOn when !deasserted:
                    Transition(state, now);
                    break;
                default:
                    break;
            }
            return changes.Result(state, monitoredEvent.Node);
        }
    }

    /// <summary>The node's active predictions, worst first.</summary>
    public IReadOnlyList<Prediction> ActivePredictions(string node)
    {
        if (!_nodes.TryGetValue(node, out var state))
        {
            return [];
        }
        lock (state)
        {
            return Sorted(state.Active.Values);
        }
    }

    /// <summary>What the detector believes about the node's power (from its sensors and power events).</summary>
    public NodePowerState PowerState(string node)
    {
        if (!_nodes.TryGetValue(node, out var state))
        {
            return NodePowerState.Unknown;
        }
        lock (state)
        {
            return state.Power;
        }
    }

    /// <summary>Forgets a node (removed from the inventory); returns its predictions that were active.</summary>
    public IReadOnlyList<Prediction> Forget(string node) =>
        _nodes.TryRemove(node, out var state) ? Sorted(state.Active.Values) : [];

    private static List<Prediction> Sorted(IEnumerable<Prediction> predictions) =>
        predictions.OrderByDescending(p => p.Severity).ThenBy(p => p.Trend, StringComparer.Ordinal)
            .ThenBy(p => p.Subject, StringComparer.Ordinal).ToList();

    private SensorTrack Track(NodeTrendState state, SensorPoint point)
    {
        if (!state.Sensors.TryGetValue(point.Sensor, out var track))
        {
            bool trend = IsFanType(point.Type) || IsTemperatureType(point.Type) || IsPowerSensor(point);
            track = new SensorTrack(point.Type, point.Unit, trend ? new SensorHistoryWindow(Options.HistoryCapacity) : null);
            state.Sensors[point.Sensor] = track;
        }
        return track;
    }

    private static string MemorySubject(string? sensor) => string.IsNullOrWhiteSpace(sensor) ? "memory" : sensor;

    private static bool IsFanType(string type) => type.Equals("Fan", StringComparison.OrdinalIgnoreCase);

    private static bool IsTemperatureType(string type) => type.Equals("Temperature", StringComparison.OrdinalIgnoreCase);

    private static bool IsFan(SensorTrack track) => IsFanType(track.Type) && track.Window is not null;

    private static bool IsTemperature(SensorTrack track) => IsTemperatureType(track.Type) && track.Window is not null;

    /// <summary>The node's power draw: a sensor in Watts ("Pwr Consumption", type Current or Power).</summary>
    internal static bool IsPowerSensor(SensorPoint point) =>
        point.Unit is { } unit && (unit.Equals("Watts", StringComparison.OrdinalIgnoreCase) || unit.Equals("W", StringComparison.Ordinal))
        && !point.Type.Contains("Supply", StringComparison.OrdinalIgnoreCase);

    /// <summary>The outcome of one evaluation: raise (or refresh) a prediction, clear it, or keep whatever is there (not enough data).</summary>
    private readonly record struct Verdict(Prediction? Prediction, bool ClearIt)
    {
        public static Verdict Keep => default;

        public static Verdict Clear => new(null, true);

        public static Verdict Raise(Prediction prediction) => new(prediction, false);
    }

    /// <summary>Collects raised and cleared predictions of one observation.</summary>
    private sealed class Changes
    {
        private readonly List<Prediction> _raised = [];
        private readonly List<Prediction> _cleared = [];

        public void Apply(NodeTrendState state, string trend, string subject, Verdict verdict)
        {
            var key = (trend, subject);
            if (verdict.Prediction is { } p)
            {
                if (!state.Active.TryGetValue(key, out var old) || old.Severity != p.Severity)
                {
                    _raised.Add(p);
                }
                state.Active[key] = p;
            }
            else if (verdict.ClearIt && state.Active.Remove(key, out var old))
            {
                _cleared.Add(old);
            }
        }

        public DetectionResult Result(NodeTrendState state, string node) =>
            new(_raised, _cleared, Sorted(state.Active.Values)) { Node = node };
    }
}
