using System.Globalization;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

// fan-falling and temperature-rising: a least-squares line over the window, its R², and the projected time until it
// crosses the threshold the BMC reports (or a configured default).
public sealed partial class TrendDetector
{
    private const double SteadyFraction = 0.25;

    private Verdict EvaluateFan(string node, string sensor, SensorTrack track, NodeTrendState state, WindowFit? power, DateTimeOffset now)
    {
        if (state.Power == NodePowerState.Off)
        {
            return Verdict.Keep;
        }
        if (WindowFit.Of(track.Window!, now - Options.FitWindow, Options.MinSamples, Options.MinFitSpan) is not { } fit)
        {
            return Verdict.Keep;
        }
        var t = track.Thresholds;
        (double threshold, string name) = t?.LowerCritical is double lc ? (lc, "lower critical")
            : t?.LowerNonRecoverable is double lnr ? (lnr, "lower non-recoverable")
            : (Options.DefaultFanLowerCritical, "default lower critical");
        bool active = state.Active.ContainsKey((TrendNames.FanFalling, sensor));
        double? minutes = fit.Slope < 0 ? Math.Max(0, (fit.Fitted - threshold) / -fit.Slope) : null;
        // A fan that slows because the load fell is not failing.
        bool loadFell = power is { } p && p.Change < -Options.PowerFlatFraction / 2 * Math.Abs(p.Mean);

        bool holds = active
            ? minutes is double m && fit.Line.RSquared >= Options.ClearRSquared && m <= 1.5 * Options.WarningHorizon.TotalMinutes && !loadFell
            : minutes is double n && -fit.Slope >= Options.MinFanSlope && fit.Line.RSquared >= Options.MinRSquared
                && fit.Steady(SteadyFraction) && n <= Options.WarningHorizon.TotalMinutes && !loadFell;
        if (!holds)
        {
            return Verdict.Clear;
        }
        double eta = minutes!.Value;
        var severity = eta <= Options.CriticalHorizon.TotalMinutes ? Severity.Critical : Severity.Warning;
        string unit = track.Unit ?? "RPM";
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{sensor} falling {-fit.Slope:0} {unit}/min (R² {fit.Line.RSquared:0.00}); {name} {threshold:0} {unit} in ~{eta:0} min");
        return Verdict.Raise(new Prediction(node, TrendNames.FanFalling, sensor, severity, summary,
            Evidence(fit, threshold, name, eta, unit), now));
    }

    private Verdict EvaluateTemperature(string node, string sensor, SensorTrack track, NodeTrendState state, WindowFit? power, DateTimeOffset now)
    {
        if (state.Power == NodePowerState.Off)
        {
            return Verdict.Keep;
        }
        if (WindowFit.Of(track.Window!, now - Options.FitWindow, Options.MinSamples, Options.MinFitSpan) is not { } fit)
        {
            return Verdict.Keep;
        }
        // Constant load: the rise is not explained by more work. Unknown load: demand a cleaner fit.
        bool? flat = power is { } pw ? IsFlat(pw) : null;
        double needR2 = flat is null ? Options.UnknownLoadRSquared : Options.MinRSquared;
        var t = track.Thresholds;
        (double? threshold, string? name) = t?.UpperCritical is double uc ? (uc, "upper critical")
            : t?.UpperNonRecoverable is double unr ? (unr, "upper non-recoverable")
            : t?.UpperNonCritical is double unc ? (unc, "upper non-critical")
            : ((double?)null, (string?)null);
        double? minutes = threshold is double thr && fit.Slope > 0 ? Math.Max(0, (thr - fit.Fitted) / fit.Slope) : null;
        bool active = state.Active.ContainsKey((TrendNames.TemperatureRising, sensor));

        bool near = minutes is double m ? m <= Options.WarningHorizon.TotalMinutes : fit.Slope >= Options.TemperatureSlopeWithoutThreshold;
        bool holds = active
            ? fit.Slope > 0 && fit.Line.RSquared >= Options.ClearRSquared && flat != false
                && (minutes is double am ? am <= 1.5 * Options.WarningHorizon.TotalMinutes : fit.Slope >= Options.TemperatureSlopeWithoutThreshold / 2)
            : flat != false && fit.Slope >= Options.MinTemperatureSlope && fit.Line.RSquared >= needR2 && fit.Steady(SteadyFraction) && near;
        if (!holds)
        {
            return Verdict.Clear;
        }
        var severity = minutes is double eta && eta <= Options.CriticalHorizon.TotalMinutes ? Severity.Critical : Severity.Warning;
        string unit = track.Unit ?? "degrees C";
        string load = flat is null ? "load unknown" : "load constant";
        string summary = minutes is double e && threshold is double th
            ? string.Create(CultureInfo.InvariantCulture,
                $"{sensor} rising {fit.Slope:0.00} {unit}/min at {load} (R² {fit.Line.RSquared:0.00}); {name} {th:0.#} in ~{e:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{sensor} rising {fit.Slope:0.00} {unit}/min at {load} (R² {fit.Line.RSquared:0.00})");
        return Verdict.Raise(new Prediction(node, TrendNames.TemperatureRising, sensor, severity, summary,
            Evidence(fit, threshold, name, minutes, unit), now));
    }

    private static PredictionEvidence Evidence(WindowFit fit, double? threshold, string? thresholdName, double? minutes, string? unit) =>
        new(TimeSpan.FromMinutes(Math.Round(fit.SpanMinutes, 3)), fit.Samples, Math.Round(fit.Slope, 4), Math.Round(fit.Line.RSquared, 4),
            fit.Last, threshold, thresholdName, minutes is double m ? TimeSpan.FromMinutes(Math.Round(m, 1)) : null, unit);
}
