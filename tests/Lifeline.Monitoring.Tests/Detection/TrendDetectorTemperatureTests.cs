using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;
using Xunit.Abstractions;

namespace Lifeline.Monitoring.Tests.Detection;

public sealed class TrendDetectorTemperatureTests(ITestOutputHelper output)
{
    [Fact]
    public void ATemperatureRisingAtConstantLoadIsPredictedBeforeItsUpperNonCriticalCrossing()
    {
        var node = new SyntheticNode { CpuTemp = m => 50 + (0.4 * m) };
        var detector = new TrendDetector();
        double? predictedAt = null, crossedAt = null;
        Prediction? first = null;
        for (int minute = 0; minute <= 100; minute++)
        {
            var snapshot = node.At(minute);
            if (detector.Observe(snapshot).Raised.FirstOrDefault(p => p.Trend == TrendNames.TemperatureRising) is { } p && first is null)
            {
                first = p;
                predictedAt = minute;
            }
            crossedAt ??= snapshot.Sensors.Single(s => s.Sensor == "CPU1 Temp").Value > 84 ? minute : null;
        }
        Assert.NotNull(first);
        Assert.NotNull(crossedAt);
        double lead = crossedAt!.Value - predictedAt!.Value;
        output.WriteLine($"temperature-rising raised at minute {predictedAt}, upper non-critical crossed at {crossedAt}: lead {lead} min. {first!.Summary}");
        Assert.True(lead >= 10, $"lead only {lead} min");
        Assert.Equal("CPU1 Temp", first.Subject);
        Assert.Equal("upper critical", first.Evidence.ThresholdName);
        Assert.InRange(first.Evidence.Slope!.Value, 0.3, 0.5);
        Assert.Contains("load constant", first.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemperatureThatRisesBecausePowerRoseRaisesNothing()
    {
        var node = new SyntheticNode
        {
            Power = m => 220 + (5 * Math.Min(m, 60)),
            CpuTemp = m => 50 + (0.4 * Math.Min(m, 60)),
        };
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 120; minute++)
        {
            Assert.DoesNotContain(detector.Observe(node.At(minute)).Raised, p => p.Trend == TrendNames.TemperatureRising);
        }
    }

    [Fact]
    public void ALoadStepDoesNotLookLikeATrend()
    {
        var node = new SyntheticNode
        {
            Power = m => m < 30 ? 220 : 400,
            CpuTemp = m => m < 30 ? 50 : 62 - (12 * Math.Exp(-(m - 30) / 0.5)),
        };
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 120; minute++)
        {
            Assert.Empty(detector.Observe(node.At(minute)).Raised);
        }
    }

    [Fact]
    public void WithoutAPowerSensorATemperatureTrendNeedsAStrongerFit()
    {
        var steady = new SyntheticNode { Power = null, CpuTemp = m => 50 + (0.5 * m) };
        var detector = new TrendDetector();
        Prediction? raised = null;
        for (int minute = 0; minute <= 40 && raised is null; minute++)
        {
            raised = detector.Observe(steady.At(minute)).Raised.FirstOrDefault(p => p.Trend == TrendNames.TemperatureRising);
        }
        Assert.NotNull(raised);
        Assert.Contains("load unknown", raised!.Summary, StringComparison.Ordinal);
        Assert.True(raised.Evidence.RSquared >= new DetectionOptions().UnknownLoadRSquared);
    }

    [Fact]
    public void ATemperaturePredictionClearsWhenTheTemperatureLevelsOff()
    {
        var node = new SyntheticNode { CpuTemp = m => 50 + (0.4 * Math.Min(m, 20)) };
        var detector = new TrendDetector();
        bool raised = false, cleared = false;
        for (int minute = 0; minute <= 80; minute++)
        {
            var result = detector.Observe(node.At(minute));
            raised |= result.Raised.Any(p => p.Trend == TrendNames.TemperatureRising);
            cleared |= result.Cleared.Any(p => p.Trend == TrendNames.TemperatureRising);
        }
        Assert.True(raised);
        Assert.True(cleared);
        Assert.Empty(detector.ActivePredictions(node.Name));
    }
}
