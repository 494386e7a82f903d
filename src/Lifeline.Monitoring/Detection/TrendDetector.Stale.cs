using System.Globalization;
using Lifeline.Drivers;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

// sensor-stale: a reading frozen for longer than its usual noise makes likely, or a sensor that stopped reading while
// the BMC still answers and the node is on.
public sealed partial class TrendDetector
{
    private Verdict EvaluateStale(string node, SensorPoint point, SensorTrack track, NodeTrendState state, DateTimeOffset now)
    {
        if (state.Power != NodePowerState.On)
        {
            // Off: main-power sensors stop reading or read zero; that is not a fault.
            return Verdict.Clear;
        }
        if (point.Value is null)
        {
            if (point.Status == SensorStatus.Unavailable && track.HadValue)
            {
                string text = $"{point.Sensor} stopped reading (unavailable) while the BMC answers and the node is on; last value {track.LastValue.ToString("0.##", CultureInfo.InvariantCulture)}";
                return Verdict.Raise(new Prediction(node, TrendNames.SensorStale, point.Sensor, Severity.Warning, text,
                    new PredictionEvidence(TimeSpan.Zero, 0, null, null, track.LastValue, null, "unavailable", null, point.Unit), now));
            }
            return Verdict.Keep;
        }
        double p = track.ChangeProbability;
        int run = track.Unchanged;
        if (run < Options.StalePolls || p < Options.StaleMinChangeProbability || track.Polls < 2 * Options.StalePolls)
        {
            return run == 0 ? Verdict.Clear : Verdict.Keep;
        }
        // The change rate is an estimate: be conservative about how unlikely the run is.
        double chance = Math.Pow(1 - (0.75 * p), run);
        if (chance > Options.StaleChance)
        {
            return Verdict.Keep;
        }
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{point.Sensor} has read exactly {point.Value:0.##} for {run} polls; it normally changes in {p:P0} of polls (chance {chance:0.#e0})");
        return Verdict.Raise(new Prediction(node, TrendNames.SensorStale, point.Sensor, Severity.Warning, summary,
            new PredictionEvidence(TimeSpan.Zero, run, 0, null, point.Value, null, "unchanged", null, point.Unit), now));
    }
}
