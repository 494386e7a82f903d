using Lifeline.Ipmi.Commands.Sensor;
using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sensors;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

public class SensorCommandTests
{
    [Fact]
    public void SensorReadingFromIpmiSimParses()
    {
        // ipmitool raw 0x04 0x2d 0x01: 2Dh, events and scanning enabled, no threshold crossed
        var cmd = new GetSensorReading(1);
        Assert.Equal(Hex("01"), Request(cmd));
        Assert.Equal(NetFn.SensorEvent, cmd.NetFn);
        var r = cmd.ReadResponse(Hex("2d c0 00 00"));
        Assert.Equal(0x2D, r.Raw);
        Assert.True(r.EventMessagesEnabled);
        Assert.True(r.ScanningEnabled);
        Assert.False(r.Unavailable);
        Assert.Equal(2, r.StateBytesPresent);
        // sensor 2: events disabled, scanning enabled
        var r2 = SensorReadingCodec.Read(Hex("18 40 00 00"));
        Assert.False(r2.EventMessagesEnabled);
        Assert.True(r2.ScanningEnabled);
    }

    [Fact]
    public void SensorReadingWithoutStateBytesParses()
    {
        var r = SensorReadingCodec.Read(Hex("50 e0"));
        Assert.True(r.Unavailable);
        Assert.Equal(0, r.StateBytesPresent);
        Assert.Equal(0, r.States);
        Assert.Equal(Hex("50 e0"), Of(w => SensorReadingCodec.Write(w, r)));
        AssertTruncationIsMalformed(Hex("50 e0"), 2, d => SensorReadingCodec.Read(d));
    }

    [Fact]
    public void SensorReadingThresholdBitsAndDiscreteStatesDecode()
    {
        var upper = SensorReadingCodec.Read(Hex("64 c0 38"));
        Assert.Equal(1, upper.StateBytesPresent);
        Assert.True(upper.AtOrAboveUpperNonCritical && upper.AtOrAboveUpperCritical && upper.AtOrAboveUpperNonRecoverable);
        Assert.False(upper.AtOrBelowLowerNonCritical);
        // discrete: state 0 and state 14; byte 4 bit 7 is reserved and ignored
        var discrete = SensorReadingCodec.Read(Hex("00 c0 01 c0"));
        Assert.Equal(0x4001, discrete.States);
    }

    [Fact]
    public void SensorReadingWritesByteFourWithReservedBitSet()
    {
        var reading = new SensorReading(0x10, true, true, false, 0x4001, 2);
        var bytes = Of(w => SensorReadingCodec.Write(w, reading));
        Assert.Equal(Hex("10 c0 01 c0"), bytes);
        Assert.Equal(reading, SensorReadingCodec.Read(bytes));
    }

    [Fact]
    public void SensorThresholdsFromIpmiSimParse()
    {
        // ipmitool raw 0x04 0x27 0x01: upper non-critical 50h, critical 5Ah, non-recoverable 64h readable
        Assert.Equal(Hex("01"), Request(new GetSensorThresholds(1)));
        var bytes = Hex("38 00 00 00 50 5a 64");
        var r = SensorThresholdsResponse.Read(bytes);
        Assert.Equal(SensorThresholds.UpperNonCritical | SensorThresholds.UpperCritical | SensorThresholds.UpperNonRecoverable, r.Readable);
        Assert.Equal((byte)0x50, r.Get(SensorThresholds.UpperNonCritical));
        Assert.Equal((byte)0x5A, r.Get(SensorThresholds.UpperCritical));
        Assert.Equal((byte)0x64, r.Get(SensorThresholds.UpperNonRecoverable));
        Assert.Null(r.Get(SensorThresholds.LowerCritical));
        Assert.Equal(bytes, Of(r.Write));
        AssertTruncationIsMalformed(bytes, 7, d => SensorThresholdsResponse.Read(d));
        // ipmitool raw 0x04 0x27 0x02
        Assert.Equal((byte)0x2D, SensorThresholdsResponse.Read(Hex("18 00 00 00 28 2d 00")).Get(SensorThresholds.UpperCritical));
    }

    [Fact]
    public void DeviceSdrCommandsUseTheSensorNetFn()
    {
        var cmd = new GetDeviceSdr(0x0001, 0x0000, 0, 5);
        Assert.Equal(NetFn.SensorEvent, cmd.NetFn);
        Assert.Equal(0x21, cmd.Command);
        Assert.Equal(Hex("01 00 00 00 00 05"), Request(cmd));
        var back = GetDeviceSdr.Read(Hex("01 00 00 00 00 05"));
        Assert.Equal((1, 0, 0, 5), (back.ReservationId, back.RecordId, back.Offset, back.BytesToRead));
        Assert.Equal(0x22, ReserveDeviceSdrRepository.Instance.Command);
        Assert.Equal(NetFn.SensorEvent, ReserveDeviceSdrRepository.Instance.NetFn);
        Assert.Equal(7, ReserveDeviceSdrRepository.Instance.ReadResponse(Hex("07 00")).ReservationId);
        Assert.Equal(RecordChunkResponse.LastRecordId, cmd.ReadResponse(Hex("ff ff 01")).NextRecordId);
    }
}
