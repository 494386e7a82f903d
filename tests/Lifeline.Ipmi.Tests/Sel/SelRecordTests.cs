using Lifeline.Ipmi.Sel;
using Lifeline.Ipmi.Sensors;
using Lifeline.Ipmi.Tests.Vectors;

namespace Lifeline.Ipmi.Tests.Sel;

public class SelRecordTests
{
    [Fact]
    public void SystemEventRecordFieldsDecode()
    {
        // Entry 5 of the capture: CPU Temp upper critical going high, reading 5Ch, threshold 5Ah
        //   05 00 02 | ef 21 08 6b | 20 00 | 04 | 01 | 01 | 01 | 59 5c 5a
        var e = Assert.IsType<SystemEventRecord>(SelRecord.Parse(IpmiSimVectors.SelEntries()[4]));
        Assert.Equal(5, e.RecordId);
        Assert.Equal(0x02, e.RecordType);
        Assert.Equal(0x6B0821EFu, e.Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 12, 11, 27, TimeSpan.Zero), e.Time);
        Assert.False(e.IsPreInit);
        Assert.Equal(0x0020, e.GeneratorId);
        Assert.False(e.FromSoftware);
        Assert.Equal(0x04, e.EvmRevision);
        Assert.Equal(SensorType.Temperature, e.SensorType);
        Assert.Equal(1, e.SensorNumber);
        Assert.False(e.IsDeassertion);
        Assert.Equal(EventReadingType.Threshold, e.EventReadingType);
        Assert.Equal(9, e.Offset);
        Assert.Equal(EventDataUsage.TriggerReading, e.Data2Usage);
        Assert.Equal(EventDataUsage.TriggerThreshold, e.Data3Usage);
        Assert.Equal((byte?)0x5C, e.TriggerReading);
        Assert.Equal((byte?)0x5A, e.TriggerThreshold);
    }

    [Theory]
    [InlineData(0x01, 0x00, EventDataUsage.Unspecified, EventDataUsage.Unspecified)]
    [InlineData(0x01, 0xA0, EventDataUsage.Oem, EventDataUsage.Oem)]
    [InlineData(0x01, 0xF0, EventDataUsage.SensorSpecific, EventDataUsage.SensorSpecific)]
    [InlineData(0x6F, 0x50, EventDataUsage.PreviousStateAndSeverity, EventDataUsage.Reserved)]
    [InlineData(0x6F, 0xF0, EventDataUsage.SensorSpecific, EventDataUsage.SensorSpecific)]
    [InlineData(0x72, 0xF0, EventDataUsage.Reserved, EventDataUsage.Reserved)]
    [InlineData(0x72, 0x60, EventDataUsage.PreviousStateAndSeverity, EventDataUsage.Oem)]
    public void EventData1SaysHowBytes2And3AreUsed(byte eventType, byte data1, EventDataUsage data2, EventDataUsage data3)
    {
        // IPMI v2.0 §29.7 Table 29-6
        var e = new SystemEventRecord { EventReadingType = (EventReadingType)eventType, EventData1 = data1 };
        Assert.Equal(data2, e.Data2Usage);
        Assert.Equal(data3, e.Data3Usage);
    }

    [Fact]
    public void PreInitTimestampsHaveNoTime()
    {
        var e = Assert.IsType<SystemEventRecord>(SelRecord.Parse(IpmiSimVectors.SelEntries()[0]));
        Assert.True(e.IsPreInit);
        Assert.Null(e.Time);
        Assert.Null(SelRecord.TimeOf(uint.MaxValue));
    }

    [Fact]
    public void OemRecordsKeepTheirBytes()
    {
        var entries = IpmiSimVectors.SelEntries();
        var ts = Assert.IsType<OemTimestampedSelRecord>(SelRecord.Parse(entries[0x0F]));
        Assert.Equal(0xC1, ts.RecordType);
        Assert.Equal(0x000157u, ts.ManufacturerId);
        Assert.Equal([0x11, 0x22, 0x33, 0x44, 0x55, 0x66], ts.OemData);
        var nts = Assert.IsType<OemNonTimestampedSelRecord>(SelRecord.Parse(entries[0x10]));
        Assert.Equal(0xE0, nts.RecordType);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (byte)i), nts.OemData);
    }

    [Fact]
    public void EveryCapturedEntryEncodesBackToItsBytes()
    {
        foreach (byte[] entry in IpmiSimVectors.SelEntries())
        {
            Assert.Equal(entry, SelRecord.Parse(entry).Encode());
        }
    }

    [Fact]
    public void IpmitoolWriterawFileIsTheWireBytesExceptOemManufacturerIds()
    {
        // ipmitool quirk (1.8.19, `sel writeraw`): it dumps its in-memory struct, in which the manufacturer ID of
        // OEM timestamped records (C0h-DFh) is stored MSB first. Everything else is the wire format.
        byte[] file = IpmiSimVectors.Bytes("sel.bin");
        byte[][] wire = IpmiSimVectors.SelEntries();
        var fromFile = SelRecord.ParseAll(file);
        Assert.Equal(wire.Length, fromFile.Count);
        for (int i = 0; i < wire.Length; i++)
        {
            byte[] expected = (byte[])wire[i].Clone();
            if (expected[2] is >= 0xC0 and <= 0xDF)
            {
                Array.Reverse(expected, 7, 3);
            }
            Assert.Equal(expected, file.AsSpan(i * SelRecord.Size, SelRecord.Size).ToArray());
        }
    }

    [Fact]
    public void BuiltRecordsRoundTrip()
    {
        var e = new SystemEventRecord
        {
            RecordId = 0x1234, Timestamp = 0x65000000, GeneratorId = 0x0041, SensorType = SensorType.Memory, SensorNumber = 0x10,
            IsDeassertion = true, EventReadingType = EventReadingType.SensorSpecific, EventData1 = 0xA0, EventData2 = 0x00, EventData3 = 0x21,
        };
        byte[] bytes = e.Encode();
        Assert.Equal([0x34, 0x12, 0x02, 0x00, 0x00, 0x00, 0x65, 0x41, 0x00, 0x04, 0x0C, 0x10, 0xEF, 0xA0, 0x00, 0x21], bytes);
        var parsed = Assert.IsType<SystemEventRecord>(SelRecord.Parse(bytes));
        Assert.True(parsed.FromSoftware);
        Assert.True(parsed.IsDeassertion);

        var oem = new OemTimestampedSelRecord(0xD5) { Timestamp = 1, ManufacturerId = 0x0002A2, OemData = [1, 2, 3, 4, 5, 6] };
        Assert.Equal(oem.Encode(), SelRecord.Parse(oem.Encode()).Encode());
        Assert.Throws<IpmiException>(() => new OemTimestampedSelRecord(0xE0));
        Assert.Throws<IpmiException>(() => new OemNonTimestampedSelRecord { OemData = [1] }.Encode());
    }

    [Fact]
    public void ShortEntriesAreMalformed()
    {
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => SelRecord.Parse(new byte[15])).Error);
        Assert.Throws<IpmiException>(() => SelRecord.ParseAll(new byte[33]));
    }
}
