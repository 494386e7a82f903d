using Lifeline.Drivers;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

// psu-redundancy-lost: a power supply sensor asserting failure / input lost / predictive failure, a redundancy sensor
// asserting "Redundancy Lost" (IPMI v2.0 Table 42-2 redundancy states, Table 42-3 Power Supply 08h), or such an event.
public sealed partial class TrendDetector
{
    private static readonly string[] FailureStates =
    [
        "Failure detected", "Predictive failure", "AC lost", "input lost", "out-of-range", "Redundancy Lost", "Redundancy Degraded",
        "Non-Redundant", "Fault",
    ];

    private void EvaluatePsuSensors(SensorSnapshot snapshot, NodeTrendState state, Changes changes)
    {
        List<SensorPoint>? psus = null;
        foreach (var s in snapshot.Sensors)
        {
            if (IsPsuSensor(s))
            {
                (psus ??= []).Add(s);
            }
        }
        if (psus is null)
        {
            return;
        }
        int failing = psus.Count(Failing);
        int supplies = psus.Count(s => s.Type.Contains("Supply", StringComparison.OrdinalIgnoreCase));
        foreach (var s in psus)
        {
            if (!Failing(s))
            {
                changes.Apply(state, TrendNames.PsuRedundancyLost, s.Sensor, Verdict.Clear);
                ClearPsuEvents(state, changes, s.Sensor, snapshot.Time);
                continue;
            }
            // Critical when no healthy supply is left to carry the node.
            var severity = supplies >= 2 && failing >= supplies ? Severity.Critical : Severity.Warning;
            string healthy = supplies >= 2 ? $" ({supplies - Math.Min(failing, supplies)} of {supplies} supplies healthy)" : "";
            string summary = $"{s.Sensor}: {s.State ?? s.Status.ToString()}; power redundancy lost{healthy}";
            changes.Apply(state, TrendNames.PsuRedundancyLost, s.Sensor, Verdict.Raise(new Prediction(snapshot.Node,
                TrendNames.PsuRedundancyLost, s.Sensor, severity, summary,
                new PredictionEvidence(TimeSpan.Zero, 1, null, null, s.Value, null, s.State, null, s.Unit), snapshot.Time)));
        }
    }

    /// <summary>An event-raised PSU prediction ends when the sensor it names reads healthy after the event.</summary>
    private static void ClearPsuEvents(NodeTrendState state, Changes changes, string sensor, DateTimeOffset now)
    {
        foreach (var (subject, (time, _, _)) in state.PsuEvents.ToList())
        {
            if (time < now && subject.Contains(sensor, StringComparison.OrdinalIgnoreCase))
            {
                state.PsuEvents.Remove(subject);
                changes.Apply(state, TrendNames.PsuRedundancyLost, subject, Verdict.Clear);
            }
        }
    }

    private static Prediction PsuEventPrediction(MonitoredEvent e, string subject, string kind) =>
        new(e.Node, TrendNames.PsuRedundancyLost, subject, e.Severity == Severity.Critical ? Severity.Critical : Severity.Warning,
            $"{subject}: {e.Message} ({kind}); power redundancy lost",
            new PredictionEvidence(TimeSpan.Zero, 1, null, null, null, null, kind, null, null), e.Time);

    private static bool IsPsuSensor(SensorPoint s) =>
        (s.Type.Contains("Power Supply", StringComparison.OrdinalIgnoreCase) || s.Type.Contains("Power Unit", StringComparison.OrdinalIgnoreCase)
            || s.Type.Contains("Redundancy", StringComparison.OrdinalIgnoreCase))
        && s.Value is null;

    private static bool Failing(SensorPoint s) =>
        s.Status is SensorStatus.Critical or SensorStatus.NonRecoverable
        || (s.State is { } state && FailureStates.Any(f => state.Contains(f, StringComparison.OrdinalIgnoreCase)));
}
