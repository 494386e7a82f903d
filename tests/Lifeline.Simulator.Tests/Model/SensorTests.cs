using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class SensorTests
{
    [Fact]
    public void DefaultTableHasTheExpectedSensors()
    {
        var table = SensorTable.Default;

        Assert.Equal(20, table.Sensors.Count(s => s.IsThreshold));
        Assert.All(table.Sensors, s => Assert.True(s.Name.Length <= 16));
        var cpu = table.Find(SensorNumbers.Cpu1Temp)!;
        Assert.Equal(SensorType.Temperature, cpu.Type);
        Assert.Equal(SensorUnit.DegreesC, cpu.Unit);
        Assert.Equal(EventReadingType.Threshold, cpu.ReadingType);
        Assert.Equal(SensorUnit.Rpm, table.Find(SensorNumbers.Fan1)!.Unit);
        Assert.Equal(SensorUnit.Volts, table.Find(SensorNumbers.Volt12)!.Unit);
        Assert.Equal(SensorUnit.Watts, table.Find(SensorNumbers.PowerConsumption)!.Unit);
        Assert.Equal(SensorUnit.Amps, table.Find(SensorNumbers.InputCurrent)!.Unit);
        Assert.Equal(EventReadingType.SensorSpecific, table.Find(SensorNumbers.Psu1Status)!.ReadingType);
        Assert.Equal(0b0011_1000, cpu.Thresholds.PresentMask); // UNC, UCR, UNR
    }

    [Fact]
    public void ThresholdsAndNominalValuesFitTheirConversion()
    {
        foreach (var s in SensorTable.Default.Sensors.Where(s => s.IsThreshold))
        {
            double resolution = s.Conversion.Resolution;
            foreach (double v in new[] { s.Nominal!.Value }.Concat(
                Enum.GetValues<SensorThreshold>().Select(t => s.Thresholds[t]).OfType<double>()))
            {
                byte raw = s.ToRaw(v);
                Assert.InRange(raw, (byte)1, (byte)254); // not clamped at either end
                Assert.InRange(Math.Abs(s.FromRaw(raw) - v), 0, resolution / 2 + 1e-9);
            }
        }
    }

    [Fact]
    public void SensorValuesDifferBetweenPowerOnAndPowerOff()
    {
        var clock = Clock();
        var node = On(clock);
        clock.Advance(TimeSpan.FromMinutes(10));
        var on = node.ReadSensors().ToDictionary(s => s.Definition.Number);

        node.PowerOff();
        clock.Advance(TimeSpan.FromMinutes(10));
        var off = node.ReadSensors().ToDictionary(s => s.Definition.Number);

        Assert.False(on[SensorNumbers.Cpu1Temp].Unavailable);
        Assert.True(off[SensorNumbers.Cpu1Temp].Unavailable);
        Assert.True(off[SensorNumbers.Cpu1Temp].Value < on[SensorNumbers.Cpu1Temp].Value - 10);
        Assert.InRange(on[SensorNumbers.Fan1].Value, 4000, 11000);
        Assert.InRange(off[SensorNumbers.Fan1].Value, 0, 1);
        Assert.InRange(on[SensorNumbers.PowerConsumption].Value, 100, 400);
        Assert.InRange(off[SensorNumbers.PowerConsumption].Value, 2, 20);
        Assert.True(off[SensorNumbers.Volt12].Unavailable);
        Assert.False(off[SensorNumbers.VBat].Unavailable);
        Assert.False(off[SensorNumbers.InletTemp].Unavailable);
        Assert.True(off[SensorNumbers.ExhaustTemp].Value < on[SensorNumbers.ExhaustTemp].Value);
    }

    [Fact]
    public void TemperaturesRiseGraduallyAfterPowerOn()
    {
        var clock = Clock();
        var node = Off(clock);
        clock.Advance(TimeSpan.FromHours(1));
        node.PowerOn();
        clock.Advance(TimeSpan.FromSeconds(2));
        double early = node.ReadSensor(SensorNumbers.Cpu1Temp).Value;
        double fanEarly = node.ReadSensor(SensorNumbers.Fan1).Value;
        clock.Advance(TimeSpan.FromMinutes(3));
        double later = node.ReadSensor(SensorNumbers.Cpu1Temp).Value;

        Assert.InRange(early, 18, 32);
        Assert.True(later > early + 10, $"CPU went from {early} to {later}");
        Assert.True(fanEarly > 9000, "fans run at full speed during POST");
    }

    [Fact]
    public void NormalOperationStaysWithinThresholdsAndLogsNoThresholdEvents()
    {
        var clock = Clock();
        var nodes = Enumerable.Range(0, 20).Select(i => On(clock, index: i, seed: 7)).ToArray();

        for (int step = 0; step < 24 * 60 / 7; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(7));
            if (step == 50)
            {
                Array.ForEach(nodes, n => n.PowerCycle());
            }
            foreach (var node in nodes)
            {
                foreach (var sample in node.ReadSensors().Where(s => s.Definition.IsThreshold))
                {
                    Assert.True(sample.States == 0, $"{node.Name} {sample} at {clock.GetUtcNow():HH:mm}");
                }
            }
        }
        foreach (var node in nodes)
        {
            Assert.DoesNotContain(node.GetSelEntries(), e => e.EventType == (byte)EventReadingType.Threshold);
        }
    }

    [Fact]
    public void ForcedValueCrossingLogsAssertionsThenDeassertionsWithTheRightFields()
    {
        var clock = Clock();
        var node = On(clock);
        clock.Advance(TimeSpan.FromSeconds(30));
        var forcedAt = clock.GetUtcNow();

        node.ForceSensorValue(SensorNumbers.Cpu1Temp, 92);

        var reading = node.ReadSensor(SensorNumbers.Cpu1Temp);
        Assert.Equal(92, reading.Value);
        Assert.True(reading.IsAtOrBeyond(SensorThreshold.UpperNonCritical));
        Assert.True(reading.IsAtOrBeyond(SensorThreshold.UpperCritical));
        Assert.False(reading.IsAtOrBeyond(SensorThreshold.UpperNonRecoverable));
        var asserted = Events(node, SensorNumbers.Cpu1Temp);
        Assert.Equal(2, asserted.Length);
        Assert.All(asserted, e =>
        {
            Assert.Equal(SelEntry.SystemEventRecord, e.RecordType);
            Assert.Equal(SelGenerator.Bmc, e.GeneratorId);
            Assert.Equal(SelEntry.EvmRevisionIpmi2, e.EvmRevision);
            Assert.Equal(SensorType.Temperature, e.SensorType);
            Assert.Equal((byte)EventReadingType.Threshold, e.EventType);
            Assert.Equal(EventDirection.Assertion, e.Direction);
            Assert.Equal(92, e.EventData2); // trigger reading, raw = °C
            Assert.Equal(Seconds(forcedAt), e.Timestamp);
        });
        Assert.Equal(0x57, asserted[0].EventData1); // 01b reading, 01b threshold, offset 7: UNC going high
        Assert.Equal(84, asserted[0].EventData3);
        Assert.Equal(0x59, asserted[1].EventData1); // offset 9: UCR going high
        Assert.Equal(89, asserted[1].EventData3);

        clock.Advance(TimeSpan.FromSeconds(10));
        node.ClearForcedSensorValue(SensorNumbers.Cpu1Temp);

        var all = Events(node, SensorNumbers.Cpu1Temp);
        Assert.Equal(4, all.Length);
        Assert.Equal((EventDirection.Deassertion, (byte)9), (all[2].Direction, all[2].Offset)); // most severe first
        Assert.Equal((EventDirection.Deassertion, (byte)7), (all[3].Direction, all[3].Offset));
        Assert.True(all[2].RecordId > all[1].RecordId);
    }

    [Fact]
    public void DeassertionWaitsUntilTheValueIsPastTheHysteresis()
    {
        var clock = Clock();
        var node = On(clock);

        node.ForceSensorValue(SensorNumbers.Cpu1Temp, 85); // UNC 84
        node.ForceSensorValue(SensorNumbers.Cpu1Temp, 83); // within 2 °C hysteresis
        Assert.Single(Events(node, SensorNumbers.Cpu1Temp));

        node.ForceSensorValue(SensorNumbers.Cpu1Temp, 81.5);
        var events = Events(node, SensorNumbers.Cpu1Temp);
        Assert.Equal(2, events.Length);
        Assert.Equal(EventDirection.Deassertion, events[1].Direction);
    }

    [Fact]
    public void FailedFanReadsZeroAndAssertsItsLowerThresholds()
    {
        var clock = Clock();
        var node = On(clock);

        node.FailFan(3);

        Assert.Equal(0, node.ReadSensor(SensorNumbers.Fan1 + 2).Value);
        Assert.True(node.GetChassisStatus().CoolingFault);
        var events = Events(node, SensorNumbers.Fan1 + 2);
        Assert.Equal(new byte[] { 0x00, 0x02 }, events.Select(e => e.Offset)); // LNC going low, LCR going low
        Assert.All(events, e => Assert.Equal(SensorType.Fan, e.SensorType));
        Assert.Equal(20, events[0].EventData3); // 1200 RPM at 60 RPM per count

        node.RepairFan(3);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(node.GetChassisStatus().CoolingFault);
        Assert.Equal(4, Events(node, SensorNumbers.Fan1 + 2).Length);
    }

    [Fact]
    public void FailedPowerSupplyAssertsFailureAndLogsIt()
    {
        var clock = Clock();
        var node = On(clock);

        node.FailPowerSupply(2);

        Assert.Equal(0b11, node.ReadSensor(SensorNumbers.Psu2Status).States); // presence + failure
        var failure = Assert.Single(Events(node, SensorNumbers.Psu2Status));
        Assert.Equal(SensorType.PowerSupply, failure.SensorType);
        Assert.Equal(1, failure.Offset);
        Assert.Equal(EventDirection.Assertion, failure.Direction);

        node.RestorePowerSupply(2);
        Assert.Equal(EventDirection.Deassertion, Events(node, SensorNumbers.Psu2Status)[1].Direction);
    }

    [Fact]
    public void RisingAmbientCrossesInletThresholdsGraduallyOnTheScanGrid()
    {
        var clock = Clock();
        var node = On(clock);
        var changedAt = clock.GetUtcNow();

        node.AmbientTemperature = 50;
        Assert.Empty(Events(node, SensorNumbers.InletTemp)); // the lag has not moved yet

        clock.Advance(TimeSpan.FromHours(2));
        var events = Events(node, SensorNumbers.InletTemp);
        Assert.Equal(new byte[] { 0x07, 0x09 }, events.Select(e => e.Offset)); // UNC then UCR going high
        Assert.True(events[0].Timestamp > Seconds(changedAt) + 60, "crossings take minutes");
        Assert.True(events[1].Timestamp > events[0].Timestamp);
        Assert.All(events, e => Assert.Equal(0u, e.Timestamp % 2)); // on the 2 s scan grid
    }

    [Fact]
    public void ThresholdEventsDoNotDependOnHowOftenTheModelIsRead()
    {
        var clockA = Clock();
        var clockB = Clock();
        var a = On(clockA, seed: 3);
        var b = On(clockB, seed: 3);
        a.AmbientTemperature = 46;
        b.AmbientTemperature = 46;

        for (int i = 0; i < 3600; i++)
        {
            clockA.Advance(TimeSpan.FromSeconds(1));
            a.ReadSensor(SensorNumbers.InletTemp);
        }
        clockB.Advance(TimeSpan.FromHours(1));

        Assert.NotEmpty(a.GetSelEntries());
        Assert.Equal(a.GetSelEntries(), b.GetSelEntries());
        Assert.Equal(a.ReadSensor(SensorNumbers.InletTemp).Value, b.ReadSensor(SensorNumbers.InletTemp).Value);
    }

    [Fact]
    public void SameSeedGivesTheSameSensorValues()
    {
        var clockA = Clock();
        var clockB = Clock();
        var a = On(clockA, index: 5, seed: 42);
        var b = On(clockB, index: 5, seed: 42);
        var other = On(clockA, index: 6, seed: 42);

        foreach (var step in new[] { 3, 300, 4000 })
        {
            clockA.Advance(TimeSpan.FromSeconds(step));
            clockB.Advance(TimeSpan.FromSeconds(step));
            Assert.Equal(a.ReadSensors().Select(s => s.Value), b.ReadSensors().Select(s => s.Value));
        }
        Assert.NotEqual(a.ReadSensors().Select(s => s.Value), other.ReadSensors().Select(s => s.Value));
    }

    [Fact]
    public void ForcedValueReadsEvenWithMainPowerOff()
    {
        var clock = Clock();
        var node = Off(clock);

        node.ForceSensorValue(SensorNumbers.Volt12, 14);

        var reading = node.ReadSensor(SensorNumbers.Volt12);
        Assert.False(reading.Unavailable);
        Assert.True(reading.IsAtOrBeyond(SensorThreshold.UpperCritical));
        Assert.Equal(2, Events(node, SensorNumbers.Volt12).Length);
    }
}
