using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;
using Xunit.Abstractions;

namespace Lifeline.Monitoring.Tests.Detection;

public sealed class TrendDetectorEventTests(ITestOutputHelper output)
{
    private static long s_id;

    private static MonitoredEvent Event(DateTimeOffset time, string sensor, string message, string? kind = null, Severity severity = Severity.Warning) =>
        new(Interlocked.Increment(ref s_id), "n1", time, severity, EventSources.Sel, message, sensor, $"k{s_id}", null, kind, time);

    [Fact]
    public void ADimmWhoseCorrectableErrorRateDoublesEachHourIsPredictedHoursBeforeTheUncorrectableError()
    {
        // Hour h has 2^h correctable errors, evenly spread; the uncorrectable error follows at hour 6.
        var detector = new TrendDetector();
        var start = SyntheticNode.Start;
        var times = new List<DateTimeOffset>();
        for (int hour = 0; hour < 6; hour++)
        {
            int n = 1 << hour;
            for (int i = 0; i < n; i++)
            {
                times.Add(start.AddHours(hour + ((i + 0.5) / n)));
            }
        }
        var uncorrectableAt = start.AddHours(6);
        DateTimeOffset? predictedAt = null, criticalAt = null;
        Prediction? first = null;
        foreach (var t in times)
        {
            var result = detector.Observe(Event(t, "Memory DIMM A", "Correctable ECC | Asserted", EventKinds.MemoryCorrectable));
            if (result.Raised.FirstOrDefault(p => p.Trend == TrendNames.MemoryErrorsRising) is { } p)
            {
                if (first is null)
                {
                    first = p;
                    predictedAt = t;
                }
                if (p.Severity == Severity.Critical)
                {
                    criticalAt ??= t;
                }
            }
        }
        Assert.NotNull(first);
        var lead = uncorrectableAt - predictedAt!.Value;
        output.WriteLine($"memory-errors-rising raised at +{(predictedAt.Value - start).TotalMinutes:0} min, critical at +{(criticalAt!.Value - start).TotalMinutes:0} min, uncorrectable at +{(uncorrectableAt - start).TotalMinutes:0} min: lead {lead.TotalMinutes:0} min. {first!.Summary}");
        Assert.True(lead >= TimeSpan.FromHours(1));
        Assert.Equal("Memory DIMM A", first.Subject);
        Assert.Equal(Severity.Warning, first.Severity);
        Assert.NotNull(first.Evidence.TimeToThreshold);
        Assert.True(criticalAt < uncorrectableAt);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void ASteadyCorrectableErrorRateBelowTheLimitRaisesNothing(int perHour)
    {
        var detector = new TrendDetector();
        for (int i = 0; i < perHour * 10; i++)
        {
            var t = SyntheticNode.Start.AddHours((i + 0.5) / perHour);
            Assert.Empty(detector.Observe(Event(t, "Memory DIMM B", "Correctable ECC | Asserted")).Raised);
        }
    }

    [Fact]
    public void TheLoggingLimitEventRaisesACriticalMemoryPredictionThatClearsAfterQuietHours()
    {
        var detector = new TrendDetector();
        var t = SyntheticNode.Start;
        var result = detector.Observe(Event(t, "Memory DIMM C", "Correctable ECC logging limit reached | Asserted"));
        var p = Assert.Single(result.Raised);
        Assert.Equal(Severity.Critical, p.Severity);
        // A poll two hours later, no new errors: the rate is zero, the prediction clears.
        var node = new SyntheticNode();
        var later = node.At(120);
        var cleared = detector.Observe(later).Cleared;
        Assert.Contains(cleared, c => c.Trend == TrendNames.MemoryErrorsRising && c.Subject == "Memory DIMM C");
    }

    [Fact]
    public void AFailedPowerSupplySensorRaisesRedundancyLostAndClearsWhenItIsReplaced()
    {
        var node = new SyntheticNode { Psu1 = m => m is >= 5 and < 10 ? "Presence detected, Failure detected" : "Presence detected" };
        var detector = new TrendDetector();
        Prediction? raised = null, cleared = null;
        for (int minute = 0; minute <= 12; minute++)
        {
            var result = detector.Observe(node.At(minute));
            raised ??= result.Raised.FirstOrDefault(p => p.Trend == TrendNames.PsuRedundancyLost);
            cleared ??= result.Cleared.FirstOrDefault(p => p.Trend == TrendNames.PsuRedundancyLost);
            if (minute == 5)
            {
                Assert.NotNull(raised);
            }
        }
        Assert.Equal("PSU1 Status", raised!.Subject);
        Assert.Equal(Severity.Warning, raised.Severity);
        Assert.Contains("1 of 2 supplies healthy", raised.Summary, StringComparison.Ordinal);
        Assert.NotNull(cleared);
    }

    [Fact]
    public void BothSuppliesFailingIsCritical()
    {
        var node = new SyntheticNode { Psu1 = _ => "Failure detected", Psu2 = _ => "Power Supply AC lost" };
        var result = new TrendDetector().Observe(node.At(0));
        Assert.Equal(2, result.Raised.Count(p => p.Trend == TrendNames.PsuRedundancyLost && p.Severity == Severity.Critical));
    }

    [Fact]
    public void APsuFailureEventRaisesAndItsDeassertionClears()
    {
        var detector = new TrendDetector();
        var t = SyntheticNode.Start;
        var raised = detector.Observe(Event(t, "Power Supply PSU2 Status", "Failure detected | Asserted", EventKinds.PsuFailure, Severity.Critical));
        var p = Assert.Single(raised.Raised);
        Assert.Equal(TrendNames.PsuRedundancyLost, p.Trend);
        Assert.Equal("Power Supply PSU2 Status", p.Subject);
        var cleared = detector.Observe(Event(t.AddMinutes(5), "Power Supply PSU2 Status", "Failure detected | Deasserted", EventKinds.PsuFailure));
        Assert.Single(cleared.Cleared);
        Assert.Empty(detector.ActivePredictions("n1"));
    }

    [Fact]
    public void AnEventRaisedPsuPredictionClearsWhenTheSensorReadsHealthyLater()
    {
        var detector = new TrendDetector();
        detector.Observe(Event(SyntheticNode.Start, "Power Supply PSU1 Status", "Failure detected | Asserted", EventKinds.PsuFailure));
        var result = detector.Observe(new SyntheticNode().At(3));
        Assert.Contains(result.Cleared, c => c.Subject == "Power Supply PSU1 Status");
    }

    [Fact]
    public void AFrozenNoisySensorIsStaleAndClearsWhenItMovesAgain()
    {
        var node = new SyntheticNode();
        var detector = new TrendDetector();
        Prediction? stale = null;
        bool cleared = false;
        int frozenFrom = 40;
        double frozen = 0;
        for (int minute = 0; minute <= 80; minute++)
        {
            var snapshot = node.At(minute);
            if (minute == frozenFrom)
            {
                frozen = snapshot.Sensors.Single(s => s.Sensor == "Fan2").Value!.Value;
            }
            if (minute is >= 40 and < 70)
            {
                snapshot = snapshot with
                {
                    Sensors = snapshot.Sensors.Select(s => s.Sensor == "Fan2" ? s with { Value = frozen } : s).ToList(),
                };
            }
            var result = detector.Observe(snapshot);
            if (result.Raised.FirstOrDefault(p => p.Trend == TrendNames.SensorStale) is { } p)
            {
                stale ??= p;
                output.WriteLine($"stale at minute {minute}: {p.Summary}");
            }
            cleared |= result.Cleared.Any(p => p.Trend == TrendNames.SensorStale && p.Subject == "Fan2");
        }
        Assert.NotNull(stale);
        Assert.Equal("Fan2", stale!.Subject);
        Assert.True(cleared);
    }

    [Fact]
    public void AFlatSensorThatNeverChangesIsNotStale()
    {
        var node = new SyntheticNode { Rail = _ => 12 };
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 100; minute++)
        {
            var snapshot = node.At(minute);
            snapshot = snapshot with
            {
                Sensors = snapshot.Sensors.Select(s => s.Sensor == "12V" ? s with { Value = 12.0 } : s).ToList(),
            };
            Assert.DoesNotContain(detector.Observe(snapshot).Raised, p => p.Trend == TrendNames.SensorStale);
        }
    }

    [Fact]
    public void ASensorThatStopsReadingWhileTheNodeIsOnIsStale()
    {
        var node = new SyntheticNode { CpuTemp = m => m < 10 ? 50 : null };
        var detector = new TrendDetector();
        Prediction? stale = null;
        for (int minute = 0; minute <= 12; minute++)
        {
            stale ??= detector.Observe(node.At(minute)).Raised.FirstOrDefault(p => p.Trend == TrendNames.SensorStale);
        }
        Assert.NotNull(stale);
        Assert.Equal("CPU1 Temp", stale!.Subject);
        Assert.Contains("unavailable", stale.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AGapChangesNothing()
    {
        var detector = new TrendDetector();
        var result = detector.Observe(new SensorSnapshot("n1", SyntheticNode.Start, [], "timeout: BMC did not answer"));
        Assert.Same(DetectionResult.Empty, result);
        Assert.Equal(NodePowerState.Unknown, detector.PowerState("n1"));
    }

    [Fact]
    public void UnavailableSensorsAtPowerOffAreNotStale()
    {
        var node = new SyntheticNode
        {
            Power = m => m < 10 ? 220 : 9,
            CpuTemp = m => m < 10 ? 50 : null,
            Fan1 = m => m < 10 ? 8000 : null,
            Fan2 = m => m < 10 ? 8000 : null,
        };
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 20; minute++)
        {
            Assert.Empty(detector.Observe(node.At(minute)).Raised);
        }
    }
}
