using System.Globalization;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sel;
using Lifeline.Ipmi.Sensors;
using Lifeline.Ipmi.Tests.Vectors;

namespace Lifeline.Ipmi.Tests.Sel;

// The SEL of ipmi_sim (threshold events, PSU failure and one entry per sensor-specific table) formatted with its
// SDR repository, against what `ipmitool sel elist` printed for the same entries.
public class SelFormatterTests
{
    // Entry 22h (Memory, sensor 0, ED1 = A1h, ED3 = 21h): ipmitool appends "CPU 1 DIMM 2", a guess at OEM data in
    // event data 3 that its own source marks as looking OEM. OEM decoding belongs in Oem/<Vendor>/, not here.
    private const ushort OemDimmGuess = 0x22;

    private static (SelRecord Record, string Expected)[] Entries()
    {
        string[] elist = IpmiSimVectors.Lines("sel-elist.txt");
        byte[][] entries = IpmiSimVectors.SelEntries();
        Assert.Equal(entries.Length, elist.Length);
        return entries.Select((e, i) => (SelRecord.Parse(e), elist[i])).ToArray();
    }

    [Fact]
    public void ElistLinesMatchIpmitool()
    {
        var sdr = IpmiSimVectors.Sdr();
        foreach (var (record, expected) in Entries())
        {
            string line = SelFormatter.FormatLine(record, sdr.FindSensor);
            if (record.RecordId == OemDimmGuess)
            {
                Assert.Equal(IpmiSimVectors.Normalize(expected), IpmiSimVectors.Normalize(line) + " | CPU 1 DIMM 2");
                continue;
            }
            Assert.Equal(IpmiSimVectors.Normalize(expected), IpmiSimVectors.Normalize(line));
        }
    }

    [Fact]
    public void ElistColumnsMatchIpmitoolFieldByField()
    {
        var sdr = IpmiSimVectors.Sdr();
        foreach (var (record, expected) in Entries())
        {
            var text = SelFormatter.Format(record, sdr.FindSensor);
            string[] cols = expected.Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal(cols[0], record.RecordId.ToString("x", CultureInfo.InvariantCulture));
            if (record is OemNonTimestampedSelRecord)
            {
                Assert.Equal([text.Sensor, text.Event], cols[1..]);
                continue;
            }
            Assert.Equal(text.Date, cols[1]);
            Assert.Equal(text.Time, cols[2]);
            Assert.Equal(text.Sensor, cols[3]);
            if (record is OemTimestampedSelRecord)
            {
                Assert.Equal(text.Event, $"{cols[4]} | {cols[5]}");
                continue;
            }
            Assert.Equal(text.Event, cols[4]);
            Assert.Equal(text.Direction, cols[5]);
            Assert.Equal(text.Detail, cols.Length > 6 && record.RecordId != OemDimmGuess ? cols[6] : null);
        }
    }

    [Fact]
    public void ThresholdReadingsMatchFreeIpmi()
    {
        // FreeIPMI: "Upper Critical - going high ; Sensor Reading = 92.00 C ; Threshold = 90.00 C"
        var sdr = IpmiSimVectors.Sdr();
        var rows = IpmiSimVectors.FreeIpmiTable("freeipmi-sel.txt").ToDictionary(r => int.Parse(r["ID"], CultureInfo.InvariantCulture));
        foreach (var e in IpmiSimVectors.SelEntries().Select(b => SelRecord.Parse(b)).OfType<SystemEventRecord>())
        {
            if (e.EventReadingType != EventReadingType.Threshold || sdr.FindSensor(e.GeneratorId, e.SensorNumber) is not FullSensorRecord full)
            {
                continue;
            }
            string[] parts = rows[e.RecordId]["Event"].Split(';', StringSplitOptions.TrimEntries);
            Assert.Equal(parts[1].Split(' ')[3], full.Conversion.ToPhysical(e.TriggerReading!.Value)!.Value.ToString("F2", CultureInfo.InvariantCulture));
            Assert.Equal(parts[2].Split(' ')[2], full.Conversion.ToPhysical(e.TriggerThreshold!.Value)!.Value.ToString("F2", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WithoutSdrSensorsAreNamedByTypeAndNumber()
    {
        var e = SelRecord.Parse(IpmiSimVectors.SelEntries()[4]);
        Assert.Equal("Temperature #0x01 | Upper Critical going high | Asserted", SelFormatter.Format(e).Summary);
        Assert.Equal("   5 | 11/26/26 | 12:11:27 UTC | Temperature #0x01 | Upper Critical going high | Asserted", SelFormatter.FormatLine(e));
    }

    [Fact]
    public void SdrOfAnotherSensorTypeIsNotUsed()
    {
        // Entry 9: Power Unit event for sensor 1, which the SDR says is CPU Temp: ipmitool prints "Power Unit #0x01".
        var sdr = IpmiSimVectors.Sdr();
        var e = SelRecord.Parse(IpmiSimVectors.SelEntries()[8]);
        Assert.Equal("Power Unit #0x01", SelFormatter.Format(e, sdr.FindSensor).Sensor);
    }

    [Fact]
    public void PreInitEntriesShowTheirRelativeSeconds()
    {
        var text = SelFormatter.Format(SelRecord.Parse(IpmiSimVectors.SelEntries()[0]), IpmiSimVectors.Sdr().FindSensor);
        Assert.Equal(("Pre-Init", "0000000424"), (text.Date, text.Time));
        Assert.StartsWith("   1 |  Pre-Init  |0000000424| Temperature CPU Temp", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdEventWithoutEventDataLeavesOutTheReading()
    {
        var e = new SystemEventRecord { SensorType = SensorType.Temperature, SensorNumber = 1, EventReadingType = EventReadingType.Threshold, EventData1 = 0x09, Timestamp = 0x65000000 };
        var text = SelFormatter.Format(e, IpmiSimVectors.Sdr().FindSensor);
        Assert.Null(text.Detail);
        Assert.Equal("Temperature CPU Temp | Upper Critical going high | Asserted", text.Summary);
    }

    [Fact]
    public void ComparisonPointsTheWayTheReadingWent()
    {
        var sdr = IpmiSimVectors.Sdr();
        string Detail(byte offset, bool deassert) => SelFormatter.Format(new SystemEventRecord
        {
            SensorType = SensorType.Fan, SensorNumber = 3, EventReadingType = EventReadingType.Threshold,
            EventData1 = (byte)(0x50 | offset), EventData2 = 0x14, EventData3 = 0x1E, IsDeassertion = deassert,
        }, sdr.FindSensor).Detail!;
        Assert.Equal("Reading 1000 < Threshold 1500 RPM", Detail(0x00, false)); // lower NC going low
        Assert.Equal("Reading 1000 > Threshold 1500 RPM", Detail(0x00, true));
        Assert.Equal("Reading 1000 > Threshold 1500 RPM", Detail(0x01, false)); // lower NC going high
    }

    [Fact]
    public void SeverityRatesTheCapturedEntries()
    {
        var severities = IpmiSimVectors.SelEntries().Select(b => SelRecord.Parse(b)).ToDictionary(r => r.RecordId, SelFormatter.Severity);
        Assert.Equal(EventSeverity.Warning, severities[0x04]); // Upper Non-critical going high
        Assert.Equal(EventSeverity.Critical, severities[0x05]); // Upper Critical going high
        Assert.Equal(EventSeverity.Critical, severities[0x06]); // PSU failure detected
        Assert.Equal(EventSeverity.Warning, severities[0x07]); // Correctable ECC
        Assert.Equal(EventSeverity.Critical, severities[0x08]); // Uncorrectable ECC
        Assert.Equal(EventSeverity.Info, severities[0x09]); // Power off/down
        Assert.Equal(EventSeverity.Info, severities[0x0F]); // deassertion
        Assert.Equal(EventSeverity.Info, severities[0x10]); // OEM
        Assert.Equal(EventSeverity.Info, severities[0x20]); // deassertion of lower critical
        Assert.Equal(EventSeverity.Critical, severities[0x23]); // Transition to Critical from less severe
    }

    [Fact]
    public void FormatCarriesTheSeverity()
    {
        var e = SelRecord.Parse(IpmiSimVectors.SelEntries()[7]);
        Assert.Equal(EventSeverity.Critical, SelFormatter.Format(e).Severity);
    }
}
