using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Sdr;
using Lifeline.Simulator.Ipmi.Dispatch;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Tests.Model;

namespace Lifeline.Simulator.Tests.Ipmi.Dispatch;

public sealed class SdrRepositoryTests
{
    [Fact]
    public void EverySensorOfTheModelHasARecordWithItsNameTypeAndEntity()
    {
        var h = new DispatchHarness();
        var repository = SdrRepository.Parse(h.Dispatcher.Sdr.Encode());
        Assert.Equal(h.Model.Sensors.Count + 2, repository.Count);
        Assert.IsType<McDeviceLocatorRecord>(repository[0]);
        Assert.Equal(0, Assert.IsType<FruDeviceLocatorRecord>(repository[^1]).FruDeviceId);
        foreach (var sensor in h.Model.Sensors.Sensors)
        {
            var record = repository.FindSensor(SdrImage.BmcAddress, sensor.Number);
            Assert.NotNull(record);
            var identity = (ISensorIdentity)record;
            Assert.Equal(sensor.Name, identity.IdString);
            Assert.Equal((byte)sensor.Type, (byte)identity.SensorType);
            Assert.Equal((byte)sensor.Entity, identity.EntityId);
            Assert.Equal(sensor.EntityInstance, identity.EntityInstance);
            Assert.Equal(
                sensor.IsThreshold ? typeof(FullSensorRecord) : sensor.EventOnly ? typeof(EventOnlySensorRecord) : typeof(CompactSensorRecord),
                record.GetType());
        }
    }

    [Fact]
    public void FullRecordsCarryTheModelsConversionThresholdsHysteresisAndUnit()
    {
        var h = new DispatchHarness();
        var repository = SdrRepository.Parse(h.Dispatcher.Sdr.Encode());
        foreach (var sensor in h.Model.Sensors.Sensors.Where(s => s.IsThreshold))
        {
            var record = (FullSensorRecord)repository.FindSensor(SdrImage.BmcAddress, sensor.Number)!;
            double resolution = sensor.Conversion.Resolution;
            Assert.Equal((byte)sensor.Unit, (byte)record.Units.BaseUnit);
            Assert.Equal(sensor.Thresholds.PresentMask, (byte)record.ReadableThresholds);
            for (var t = SensorThreshold.LowerNonCritical; t <= SensorThreshold.UpperNonRecoverable; t++)
            {
                if (sensor.Thresholds[t] is { } limit)
                {
                    var value = record.ThresholdValue((ThresholdMask)(1 << (int)t));
                    Assert.NotNull(value);
                    Assert.InRange(value.Value, limit - resolution / 2 - 1e-9, limit + resolution / 2 + 1e-9);
                }
            }
            Assert.Equal(sensor.Hysteresis, record.Conversion.HysteresisToPhysical(record.PositiveHysteresis)!.Value, resolution);
            Assert.Equal(sensor.Nominal!.Value, record.Conversion.ToPhysical(record.NominalReading)!.Value, resolution);
        }
    }

    [Fact]
    public void ReadingsDecodedWithTheRecordsMatchTheModelsValues()
    {
        var h = new DispatchHarness();
        var repository = SdrRepository.Parse(h.Dispatcher.Sdr.Encode());
        foreach (var sample in h.Model.ReadSensors().Where(s => s.Definition.IsThreshold))
        {
            var record = (FullSensorRecord)repository.FindSensor(SdrImage.BmcAddress, sample.Definition.Number)!;
            var reading = h.Execute(new Lifeline.Ipmi.Commands.Sensor.GetSensorReading(sample.Definition.Number));
            Assert.False(reading.Unavailable);
            Assert.True(reading.ScanningEnabled);
            Assert.Equal(sample.Value, record.Conversion.ToPhysical(reading.Raw)!.Value, sample.Definition.Conversion.Resolution);
            Assert.Equal(sample.States, reading.States);
        }
    }

    [Fact]
    public void MainPowerSensorsReadUnavailableWhileOff()
    {
        var h = new DispatchHarness(on: false);
        var reading = h.Execute(new Lifeline.Ipmi.Commands.Sensor.GetSensorReading(SensorNumbers.Cpu1Temp));
        Assert.True(reading.Unavailable);
        Assert.False(h.Execute(new Lifeline.Ipmi.Commands.Sensor.GetSensorReading(SensorNumbers.InletTemp)).Unavailable);
    }

    [Fact]
    public void AForcedCrossingShowsInTheComparisonBits()
    {
        var h = new DispatchHarness();
        h.Model.ForceSensorValue(SensorNumbers.Cpu1Temp, 91);
        var reading = h.Execute(new Lifeline.Ipmi.Commands.Sensor.GetSensorReading(SensorNumbers.Cpu1Temp));
        Assert.True(reading.AtOrAboveUpperNonCritical);
        Assert.True(reading.AtOrAboveUpperCritical);
        Assert.False(reading.AtOrAboveUpperNonRecoverable);
    }

    [Fact]
    public void DiscreteSensorsReadTheirAssertedStatesAndEventOnlySensorsHaveNoReading()
    {
        var h = new DispatchHarness();
        h.Model.FailPowerSupply(2);
        var psu = h.Execute(new Lifeline.Ipmi.Commands.Sensor.GetSensorReading(SensorNumbers.Psu2Status));
        Assert.Equal(0b11, psu.States);
        Assert.Equal(CompletionCode.CommandIllegalForSensorOrRecord, h.Send(NetFn.SensorEvent, 0x2D, SensorNumbers.SystemBoot).Code);
        Assert.Equal(CompletionCode.RequestedDataNotPresent, h.Send(NetFn.SensorEvent, 0x2D, 0xEE).Code);
    }

    [Fact]
    public void ThresholdsReadBackRawAsTheRecordHasThem()
    {
        var h = new DispatchHarness();
        var thresholds = h.Execute(new Lifeline.Ipmi.Commands.Sensor.GetSensorThresholds(SensorNumbers.Volt12));
        var definition = h.Model.Sensors.Find(SensorNumbers.Volt12)!;
        Assert.Equal(definition.Thresholds.PresentMask, (byte)thresholds.Readable);
        Assert.Equal(definition.ToRaw(13.2), thresholds.UpperCritical);
        Assert.Equal(definition.ToRaw(10.8), thresholds.LowerCritical);
        Assert.Equal(CompletionCode.CommandIllegalForSensorOrRecord, h.Send(NetFn.SensorEvent, 0x27, SensorNumbers.Psu1Status).Code);
    }

    [Fact]
    public async Task TheClientsChunkedReaderGetsTheSameRecordsBack()
    {
        var h = new DispatchHarness(dispatcherOptions: new DispatcherOptions { MaxReadBytes = 16 });
        var records = await SdrRepositoryReader.ReadAllAsync(h, CancellationToken.None);
        Assert.Equal(h.Dispatcher.Sdr.Encode(), records.SelectMany(r => r).ToArray());
    }

    [Fact]
    public void ReadsAboveTheLimitAnswerCAhAndEntireRecordIsAlwaysServed()
    {
        var h = new DispatchHarness();
        ushort reservation = h.Execute(ReserveSdrRepository.Instance).ReservationId;
        Assert.Equal(CompletionCode.CannotReturnRequestedBytes, Get(h, reservation, 0x0002, 0, 0xFE).Code);
        var whole = RecordChunkResponse.Read(Get(h, 0, 0x0002, 0, 0xFF).Data.Span);
        Assert.Equal(3, whole.NextRecordId);
        Assert.Equal(SdrHeader.Size + whole.Data[4], whole.Data.Length);
    }

    [Fact]
    public void APartialReadNeedsTheNewestReservation()
    {
        var h = new DispatchHarness();
        ushort first = h.Execute(ReserveSdrRepository.Instance).ReservationId;
        Assert.Equal(CompletionCode.Success, Get(h, first, 0x0000, 5, 8).Code);
        ushort second = h.Execute(ReserveSdrRepository.Instance).ReservationId;
        Assert.Equal(CompletionCode.ReservationCanceled, Get(h, first, 0x0000, 5, 8).Code);
        Assert.Equal(CompletionCode.ReservationCanceled, Get(h, 0, 0x0000, 5, 8).Code);
        Assert.Equal(CompletionCode.Success, Get(h, second, 0x0000, 5, 8).Code);
        Assert.Equal(CompletionCode.RequestedDataNotPresent, Get(h, second, 0x0999, 0, 5).Code);
    }

    [Fact]
    public void TheLastRecordIdFindsTheLastRecord()
    {
        var h = new DispatchHarness();
        var last = RecordChunkResponse.Read(Get(h, 0, 0xFFFF, 0, 0xFF).Data.Span);
        Assert.Equal(RecordChunkResponse.LastRecordId, last.NextRecordId);
        Assert.IsType<FruDeviceLocatorRecord>(SdrRecord.Parse(last.Data));
    }

    [Fact]
    public void TheSlowSdrFaultDelaysEveryGetSdrAnswer()
    {
        var h = new DispatchHarness(TestNodes.Quiet with { Faults = FaultSettings.Default with { SdrDelay = TimeSpan.FromMilliseconds(700) } });
        Get(h, 0, 0, 0, 5);
        Assert.Equal(TimeSpan.FromMilliseconds(700), h.LastDelay);
        h.Execute(GetSdrRepositoryInfo.Instance);
        Assert.Equal(TimeSpan.Zero, h.LastDelay);
    }

    [Fact]
    public void RepositoryInfoCountsTheRecordsAndTheImageIsSharedByNodesWithTheSameTable()
    {
        var a = new DispatchHarness();
        var b = new DispatchHarness();
        var info = a.Execute(GetSdrRepositoryInfo.Instance);
        Assert.Equal(a.Dispatcher.Sdr.Count, info.RecordCount);
        Assert.Equal(0x51, info.Version);
        Assert.True(info.Support.HasFlag(SdrRepositorySupport.Reserve));
        Assert.Same(a.Dispatcher.Sdr, b.Dispatcher.Sdr);
    }

    private static IpmiResponse Get(DispatchHarness h, ushort reservation, ushort record, byte offset, byte count)
    {
        var w = new IpmiWriter();
        new GetSdr(reservation, record, offset, count).WriteRequest(w);
        return h.Send(NetFn.Storage, 0x23, w.ToArray());
    }
}
