using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;
using Xunit.Abstractions;

namespace Lifeline.Monitoring.Tests.Detection;

public sealed class TrendDetectorFanTests(ITestOutputHelper output)
{
    [Fact]
    public void AFanFallingTowardsItsLowerCriticalIsPredictedWellBeforeItCrossesLowerNonCritical()
    {
        var node = new SyntheticNode { Fan1 = m => 8000 - (100 * m) };
        var detector = new TrendDetector();
        double? predictedAt = null, warningCrossedAt = null, criticalCrossedAt = null, criticalPredictionAt = null;
        Prediction? first = null;
        for (int minute = 0; minute <= 80; minute++)
        {
            var snapshot = node.At(minute);
            var result = detector.Observe(snapshot);
            var fan = snapshot.Sensors.Single(s => s.Sensor == "Fan1");
            if (result.Raised.FirstOrDefault(p => p.Trend == TrendNames.FanFalling) is { } p)
            {
                Assert.Equal("Fan1", p.Subject);
                if (predictedAt is null)
                {
                    predictedAt = minute;
                    first = p;
                }
                if (p.Severity == Severity.Critical && criticalPredictionAt is null)
                {
                    criticalPredictionAt = minute;
                }
            }
            warningCrossedAt ??= fan.Value < 1500 ? minute : null;
            criticalCrossedAt ??= fan.Value < 1000 ? minute : null;
        }

        Assert.NotNull(predictedAt);
        Assert.NotNull(warningCrossedAt);
        Assert.NotNull(criticalCrossedAt);
        double lead = warningCrossedAt!.Value - predictedAt!.Value;
        output.WriteLine($"fan-falling raised at minute {predictedAt}, lower non-critical crossed at {warningCrossedAt}, lower critical at {criticalCrossedAt}: lead {lead} min before the first threshold event, {criticalCrossedAt - predictedAt} min before critical; critical prediction at {criticalPredictionAt}");
        output.WriteLine(first!.Summary);
        Assert.True(lead >= 10, $"the prediction came only {lead} min before the lower non-critical crossing");
        Assert.Equal(Severity.Warning, first.Severity);
        Assert.Equal(1000, first.Evidence.Threshold);
        Assert.Equal("lower critical", first.Evidence.ThresholdName);
        Assert.InRange(first.Evidence.Slope!.Value, -110, -90);
        Assert.True(first.Evidence.RSquared >= 0.8);
        Assert.NotNull(first.Evidence.TimeToThreshold);
        // projected crossing ≈ the real one (8000 - 100 m = 1000 at m = 70)
        Assert.InRange(predictedAt.Value + first.Evidence.TimeToThreshold!.Value.TotalMinutes, 65, 75);
        Assert.NotNull(criticalPredictionAt);
        Assert.True(criticalPredictionAt < criticalCrossedAt, "the critical prediction comes before the critical crossing");
    }

    [Fact]
    public void AFlatNoisyFanRaisesNothing()
    {
        var node = new SyntheticNode();
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 240; minute++)
        {
            var result = detector.Observe(node.At(minute));
            Assert.Empty(result.Raised);
        }
        Assert.Empty(detector.ActivePredictions(node.Name));
    }

    [Fact]
    public void AFanWithoutThresholdsProjectsToTheConfiguredDefault()
    {
        var node = new SyntheticNode { Fan1 = m => 6000 - (80 * m), FanThresholds = new(null, null, null, null, null, null) };
        var detector = new TrendDetector(new DetectionOptions { DefaultFanLowerCritical = 800 });
        Prediction? raised = null;
        for (int minute = 0; minute <= 30 && raised is null; minute++)
        {
            raised = detector.Observe(node.At(minute)).Raised.FirstOrDefault(p => p.Subject == "Fan1");
        }
        Assert.NotNull(raised);
        Assert.Equal(800, raised!.Evidence.Threshold);
        Assert.Equal("default lower critical", raised.Evidence.ThresholdName);
    }

    [Fact]
    public void AFanPredictionClearsWhenTheFanIsReplaced()
    {
        var node = new SyntheticNode { Fan1 = m => m < 40 ? 8000 - (100 * m) : 8000 };
        var detector = new TrendDetector();
        bool raised = false;
        Prediction? cleared = null;
        for (int minute = 0; minute <= 60; minute++)
        {
            var result = detector.Observe(node.At(minute));
            raised |= result.Raised.Any(p => p.Trend == TrendNames.FanFalling);
            cleared ??= result.Cleared.FirstOrDefault(p => p.Trend == TrendNames.FanFalling);
            if (cleared is not null)
            {
                output.WriteLine($"cleared at minute {minute}");
                break;
            }
        }
        Assert.True(raised);
        Assert.NotNull(cleared);
        Assert.DoesNotContain(detector.ActivePredictions(node.Name), p => p.Trend == TrendNames.FanFalling);
    }

    [Fact]
    public void AFanThatSlowsBecauseTheLoadFellIsNotFailing()
    {
        // Load falls from 420 W to 220 W over 40 minutes and the fans follow it down.
        var node = new SyntheticNode
        {
            Power = m => Math.Max(220, 420 - (5 * m)),
            Fan1 = m => Math.Max(5000, 9000 - (100 * m)),
            FanThresholds = new(null, 3000, 3500, null, null, null),
        };
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 90; minute++)
        {
            Assert.DoesNotContain(detector.Observe(node.At(minute)).Raised, p => p.Trend == TrendNames.FanFalling);
        }
    }

    [Fact]
    public void ADayOfFlatQuantisedReadingsRaisesNothing()
    {
        // The simulator's resolutions make a noisy temperature repeat itself often: that is not a stale sensor.
        var detector = new TrendDetector();
        foreach (var node in Enumerable.Range(0, 5).Select(i => new SyntheticNode($"q{i}", seed: i) { Quantized = true, CpuTemp = _ => 48.3 + (0.2 * i) }))
        {
            for (int minute = 0; minute <= 24 * 60; minute++)
            {
                var result = detector.Observe(node.At(minute));
                Assert.True(result.Raised.Count == 0, $"{node.Name} minute {minute}: {string.Join("; ", result.Raised.Select(p => p.Summary))}");
            }
        }
    }

    [Fact]
    public void AQuantisedFallingFanIsStillPredictedEarly()
    {
        var node = new SyntheticNode { Quantized = true, Fan1 = m => 8000 - (100 * m) };
        var detector = new TrendDetector();
        int? predictedAt = null;
        for (int minute = 0; minute <= 70 && predictedAt is null; minute++)
        {
            if (detector.Observe(node.At(minute)).Raised.Any(p => p.Trend == TrendNames.FanFalling))
            {
                predictedAt = minute;
            }
        }
        output.WriteLine($"quantised fan predicted at minute {predictedAt}");
        Assert.True(predictedAt <= 15);
    }
}
