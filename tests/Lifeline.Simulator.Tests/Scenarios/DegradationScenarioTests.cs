using Lifeline.Simulator.Model;
using Lifeline.Simulator.Tests.Redfish;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Scenarios;

/// <summary>The model's slow-failure scenarios on a fake clock: fan wear, failing DIMMs, stale sensors, PSU redundancy, SEL floods.</summary>
public sealed class DegradationScenarioTests
{
    private const byte Fan3 = SensorNumbers.Fan1 + 2;
    private static readonly TimeSpan Scan = BmcOptions.Default.SensorScanInterval;

    // Table 42-2: 00h lower non-critical going low, 02h lower critical going low
    private static SelEntry[] Assertions(BmcModel node, byte sensor, byte offset) =>
        Events(node, sensor).Where(e => e.Direction == EventDirection.Assertion && e.Offset == offset).ToArray();

    [Fact]
    public void ADegradingFanCrossesLowerNonCriticalThenLowerCriticalAndTheSelLogsEachAtTheScanSlotWhereTheReadingGotThere()
    {
        var clock = Clock();
        var node = On(clock);
        clock.Advance(TimeSpan.FromMinutes(2)); // fans settle after POST
        var start = clock.GetUtcNow();
        node.DegradeFan(3, rpmPerMinute: 600);

        DateTimeOffset? nonCritical = null, critical = null;
        for (var t = TimeSpan.Zero; t < TimeSpan.FromMinutes(30) && critical is null; t += Scan)
        {
            clock.Advance(Scan);
            double rpm = node.ReadSensor(Fan3).Value;
            nonCritical ??= rpm <= 1200 ? clock.GetUtcNow() : null;
            critical ??= rpm <= 600 ? clock.GetUtcNow() : null;
        }

        Assert.NotNull(critical);
        // about (7200 ± load − 1200) / 600 minutes after the start
        Assert.InRange(nonCritical!.Value - start, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(16));
        Assert.True(critical > nonCritical);
        var lnc = Assert.Single(Assertions(node, Fan3, 0x00));
        var lcr = Assert.Single(Assertions(node, Fan3, 0x02));
        Assert.Equal(Seconds(nonCritical.Value), lnc.Timestamp);
        Assert.Equal(Seconds(critical.Value), lcr.Timestamp);
        Assert.Empty(Events(node, SensorNumbers.Fan1)); // the other fans are fine
    }

    [Fact]
    public void FanThresholdEventsDoNotDependOnHowOftenTheModelIsRead()
    {
        var watchedClock = Clock();
        var watched = On(watchedClock);
        var idleClock = Clock();
        var idle = On(idleClock);
        watched.DegradeFan(3, 120);
        idle.DegradeFan(3, 120);

        for (int i = 0; i < 70 * 60; i++)
        {
            watchedClock.Advance(TimeSpan.FromSeconds(1));
            watched.ReadSensor(Fan3);
        }
        idleClock.Advance(TimeSpan.FromMinutes(70));

        var expected = Events(watched, Fan3);
        Assert.Equal([0, 2], expected.Where(e => e.Direction == EventDirection.Assertion).Select(e => (int)e.Offset));
        Assert.Equal(expected, Events(idle, Fan3));
        // every event sits on the scan grid
        Assert.All(expected, e => Assert.Equal(0u, e.Timestamp % (uint)Scan.TotalSeconds));
    }

    [Fact]
    public void ADegradedFanReadsZeroAtTheFloorAndARepairBringsItBack()
    {
        var clock = Clock();
        var node = On(clock);
        node.DegradeFan(3, 6000);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, node.ReadSensor(Fan3).Value);
        node.RepairFanDegradation(3);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.InRange(node.ReadSensor(Fan3).Value, 4000, 11000);
        Assert.Contains(Events(node, Fan3), e => e.Direction == EventDirection.Deassertion);
    }

    [Fact]
    public void ADegradingDimmLogsCorrectableErrorsAtAGrowingRateAndTheSameTimesEveryRun()
    {
        SelEntry[] Run()
        {
            var clock = Clock();
            var node = On(clock);
            node.DegradeDimm(1, initialPerHour: 2, growthPerHourPerHour: 6);
            clock.Advance(TimeSpan.FromHours(6));
            return Events(node, SensorNumbers.MemoryEcc);
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.All(first, e => Assert.Equal((1, 0), (e.EventData3, e.Offset))); // DIMM 1, correctable
        int early = first.Count(e => e.Time < Start + TimeSpan.FromHours(2));
        int late = first.Count(e => e.Time >= Start + TimeSpan.FromHours(4));
        // expected 2·2 + 6·2²/2 = 16 in hours 0-2 and 2·2 + 6·(36 − 16)/2 = 64 in hours 4-6
        Assert.InRange(early, 4, 35);
        Assert.True(late > 2 * early, $"{early} errors in the first two hours, {late} in the last two");
    }

    [Fact]
    public void ADegradingDimmEndsWithOneUncorrectableErrorWhenAsked()
    {
        var clock = Clock();
        var node = On(clock);
        node.DegradeDimm(2, 1, 1, uncorrectableAfter: TimeSpan.FromHours(3));
        clock.Advance(TimeSpan.FromHours(5));
        var uncorrectable = Assert.Single(Events(node, SensorNumbers.MemoryEcc), e => e.Offset == 1);
        Assert.Equal(Seconds(Start + TimeSpan.FromHours(3)), uncorrectable.Timestamp);
        Assert.Equal(2, uncorrectable.EventData3);
    }

    [Fact]
    public void AStuckSensorReadsTheSameValueUntilUnstuck()
    {
        var clock = Clock();
        var node = On(clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        node.StickSensor(SensorNumbers.Cpu1Temp);
        double frozen = node.ReadSensor(SensorNumbers.Cpu1Temp).Value;
        var readings = new List<double>();
        for (int i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            readings.Add(node.ReadSensor(SensorNumbers.Cpu1Temp).Value);
        }
        Assert.All(readings, r => Assert.Equal(frozen, r));

        node.UnstickSensor(SensorNumbers.Cpu1Temp);
        var moving = new HashSet<double>();
        for (int i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            moving.Add(node.ReadSensor(SensorNumbers.Cpu1Temp).Value);
        }
        Assert.True(moving.Count > 1);
    }

    [Fact]
    public void APowerSupplyFailureLogsRedundancyLostAndItsRestoreFullyRedundant()
    {
        var clock = Clock();
        var node = On(clock);
        Assert.Equal(0b01, node.ReadSensor(SensorNumbers.PsuRedundancy).States);
        node.FailPowerSupply(1);
        Assert.Equal(0b10, node.ReadSensor(SensorNumbers.PsuRedundancy).States);
        Assert.True(node.IsPoweredOn); // the other supply carries the load
        var lost = Events(node, SensorNumbers.PsuRedundancy);
        Assert.Equal((EventDirection.Assertion, (byte)1, (byte)EventReadingType.Redundancy), (lost[0].Direction, lost[0].Offset, lost[0].EventType));
        Assert.Equal(SensorType.PowerUnit, lost[0].SensorType);

        clock.Advance(TimeSpan.FromMinutes(1));
        node.RestorePowerSupply(1);
        Assert.Equal(0b01, node.ReadSensor(SensorNumbers.PsuRedundancy).States);
        Assert.Contains(Events(node, SensorNumbers.PsuRedundancy), e => e.Direction == EventDirection.Assertion && e.Offset == 0);
    }

    [Fact]
    public void ASelFloodFillsASmallSelAndSetsTheOverflowFlag()
    {
        var clock = Clock();
        var node = On(clock, Quiet with { SelCapacity = 50 });
        int before = node.GetSelInfo().Entries;
        node.FloodSel(perMinute: 30);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(before + 30, node.GetSelInfo().Entries);
        Assert.False(node.GetSelInfo().Overflow);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(50, node.GetSelInfo().Entries);
        Assert.True(node.GetSelInfo().Overflow);
        node.FloodSel(0);
        node.ClearSel();
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, node.GetSelInfo().Entries);
    }

    [Fact]
    public async Task TheRedfishFaceShowsTheDegradedFanAndItsSelEntries()
    {
        await using var h = await RedfishHarness.StartAsync();
        var model = h.Model();
        model.DegradeFan(3, 1200);
        h.Clock.Advance(TimeSpan.FromMinutes(8));
        var fan = await h.GetAsync("Chassis/1/Sensors/Fan3");
        Assert.Equal(Math.Round(model.ReadSensor(Fan3).Value, 2), fan["Reading"]!.GetValue<double>());
        Assert.True(fan["Reading"]!.GetValue<double>() <= 600);
        var entries = (await h.GetAsync("Systems/1/LogServices/SEL/Entries"))["Members"]!.AsArray();
        var critical = entries.Single(e => e!["Message"]!.GetValue<string>().StartsWith("Fan3: Lower Critical going low Asserted", StringComparison.Ordinal))!;
        Assert.Equal("Critical", critical["Severity"]!.GetValue<string>());
        var lcr = Assert.Single(Assertions(model, Fan3, 0x02));
        Assert.Equal(lcr.RecordId.ToString(System.Globalization.CultureInfo.InvariantCulture), critical["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheRedfishFaceShowsPowerSupplyRedundancyLost()
    {
        await using var h = await RedfishHarness.StartAsync();
        var before = (await h.GetAsync("Chassis/1/Power"))["Redundancy"]!.AsArray().Single()!;
        Assert.Equal("OK", before["Status"]!["Health"]!.GetValue<string>());
        h.Model().FailPowerSupply(1);
        var after = (await h.GetAsync("Chassis/1/Power"))["Redundancy"]!.AsArray().Single()!;
        Assert.Equal("Warning", after["Status"]!["Health"]!.GetValue<string>());
        Assert.Equal(2, after["RedundancySet"]!.AsArray().Count);
        var entries = (await h.GetAsync("Systems/1/LogServices/SEL/Entries"))["Members"]!.AsArray();
        Assert.Contains(entries, e => e!["Message"]!.GetValue<string>() == "PSU Redundancy: Redundancy Lost Asserted"
            && e["Severity"]!.GetValue<string>() == "Warning");
    }
}
