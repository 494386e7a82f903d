using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Detection;

public sealed class TrendDetectorPowerTransitionTests
{
    // Off from minute 30 to 45: fans stop (or stop reading), the CPU cools towards 24 °C, power draw 9 W. At power-on the
    // fans run at full speed (12000 RPM) for two minutes, then settle; the CPU warms back.
    private static SyntheticNode PowerCycled(bool powerSensor, bool unavailableWhenOff)
    {
        static bool Off(double m) => m is >= 30 and < 45;
        return new SyntheticNode
        {
            Power = powerSensor ? m => Off(m) ? 9 : 220 : null,
            Fan1 = m => Off(m) ? (unavailableWhenOff ? null : 0) : m is >= 45 and < 47 ? 12000 : 8000,
            Fan2 = m => Off(m) ? (unavailableWhenOff ? null : 0) : m is >= 45 and < 47 ? 12000 : 8000,
            CpuTemp = m => Off(m) ? (unavailableWhenOff ? null : 24 + (26 * Math.Exp(-(m - 30) / 2)))
                : m >= 45 ? 50 - (26 * Math.Exp(-(m - 45) / 2)) : 50,
            Rail = m => Off(m) ? (unavailableWhenOff ? null : 0) : 12,
        };
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void PowerOffAndOnStepsRaiseNothing(bool powerSensor, bool unavailableWhenOff)
    {
        var node = PowerCycled(powerSensor, unavailableWhenOff);
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 150; minute++)
        {
            var result = detector.Observe(node.At(minute));
            Assert.True(result.Raised.Count == 0, $"minute {minute}: {string.Join("; ", result.Raised.Select(p => p.Summary))}");
        }
        Assert.Equal(NodePowerState.On, detector.PowerState(node.Name));
    }

    [Fact]
    public void APowerOffShowsAsOffAndAWindowDoesNotSpanIt()
    {
        var node = PowerCycled(powerSensor: true, unavailableWhenOff: false);
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 31; minute++)
        {
            detector.Observe(node.At(minute));
        }
        Assert.Equal(NodePowerState.Off, detector.PowerState(node.Name));
    }

    [Fact]
    public void APowerEventStartsASettlePeriod()
    {
        var node = new SyntheticNode { Fan1 = m => 8000 - (100 * m) };
        var detector = new TrendDetector();
        for (int minute = 0; minute <= 6; minute++)
        {
            detector.Observe(node.At(minute));
        }
        var powerOn = new MonitoredEvent(1, node.Name, SyntheticNode.Start.AddMinutes(6.5), Severity.Info, EventSources.Sel,
            "Initiated by power up | Asserted", "System Boot/Restart System Boot", "k", null, EventKinds.PowerOn, SyntheticNode.Start.AddMinutes(6.5));
        detector.Observe(powerOn);
        // The window restarted: the settle time (5 min) plus 8 samples over 8 min must pass before a fit.
        for (int minute = 7; minute <= 18; minute++)
        {
            Assert.Empty(detector.Observe(node.At(minute)).Raised);
        }
        bool raised = false;
        for (int minute = 19; minute <= 30; minute++)
        {
            raised |= detector.Observe(node.At(minute)).Raised.Any(p => p.Trend == TrendNames.FanFalling);
        }
        Assert.True(raised);
    }
}
