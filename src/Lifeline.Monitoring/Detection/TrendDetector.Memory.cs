using System.Globalization;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

// memory-errors-rising: correctable ECC errors counted in successive windows (default three of one hour each). Raised
// when the counts grow towards now by MemoryGrowthFactor per window, the oldest window has errors too and the latest has at least
// MemoryMinEvents (warning), or when
// the rate reaches MemoryRateLimit or the BMC says it stopped logging them (critical): an uncorrectable error or a
// disabled DIMM tends to follow.
public sealed partial class TrendDetector
{
    private Verdict EvaluateMemory(string node, string subject, MemoryErrorLog log, DateTimeOffset now)
    {
        int windows = Math.Max(2, Options.MemoryWindows);
        Span<int> counts = stackalloc int[windows]; // counts[0] = the latest window
        for (int k = 0; k < windows; k++)
        {
            counts[k] = log.CountBetween(now - ((k + 1) * Options.MemoryWindow), now - (k * Options.MemoryWindow));
        }
        double hours = Options.MemoryWindow.TotalHours;
        double rate = counts[0] / hours;
        // Every window must have errors: the onset of a steady rate (0 → n) is not an increase.
        bool increasing = counts[0] >= Options.MemoryMinEvents && counts[windows - 1] > 0;
        for (int k = 0; k + 1 < windows && increasing; k++)
        {
            increasing = counts[k] > counts[k + 1] && counts[k] >= Options.MemoryGrowthFactor * counts[k + 1];
        }
        bool limit = log.LimitReachedAt is { } at && now - at < Options.MemoryWindow;
        bool over = rate >= Options.MemoryRateLimit || limit;
        if (!increasing && !over)
        {
            // Hysteresis: stay raised while errors keep coming at the minimum.
            return counts[0] >= Options.MemoryMinEvents ? Verdict.Keep : Verdict.Clear;
        }
        // Slope: change of the hourly rate per hour across the windows; projected time until the rate limit.
        double slope = (counts[0] - counts[windows - 1]) / hours / ((windows - 1) * hours);
        double? eta = over ? 0 : slope > 0 ? (Options.MemoryRateLimit - rate) / slope * 60 : null;
        var severity = over ? Severity.Critical : Severity.Warning;
        var series = new List<string>(windows);
        for (int k = windows - 1; k >= 0; k--)
        {
            series.Add(counts[k].ToString(CultureInfo.InvariantCulture));
        }
        string why = limit ? "the BMC stopped logging them (limit reached)"
            : over ? string.Create(CultureInfo.InvariantCulture, $"rate {rate:0.#}/h at or over {Options.MemoryRateLimit:0.#}/h")
            : string.Create(CultureInfo.InvariantCulture, $"limit {Options.MemoryRateLimit:0.#}/h in ~{eta:0} min");
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{subject}: correctable memory errors rising ({string.Join(" → ", series)} per {hours:0.##} h); {why}");
        int total = 0;
        foreach (int c in counts)
        {
            total += c;
        }
        return Verdict.Raise(new Prediction(node, TrendNames.MemoryErrorsRising, subject, severity, summary,
            new PredictionEvidence(windows * Options.MemoryWindow, total, Math.Round(slope, 3), null, rate, Options.MemoryRateLimit,
                "correctable errors per hour", eta is double e ? TimeSpan.FromMinutes(Math.Round(e, 1)) : null, "errors/h"), now));
    }
}
