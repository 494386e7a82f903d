using System.Globalization;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;
using Lifeline.Ipmi.Tests.Vectors;

namespace Lifeline.Ipmi.Tests.Sensors;

// The SDR repository and Get Sensor Reading answers of ipmi_sim, decoded, against what ipmitool 1.8.19 and
// FreeIPMI printed for the same bytes (Vectors/ipmi-sim, captured by capture.sh).
public class SensorValueVectorTests
{
    public static TheoryData<string> States => new(IpmiSimVectors.States);

    private static List<SensorValue> Decode(string state)
    {
        var readings = IpmiSimVectors.Readings(state);
        return IpmiSimVectors.Sdr().OfType<SensorRecord>()
            .Select(s => SensorValue.Decode(s, readings[s.SensorNumber]))
            .ToList();
    }

    [Theory]
    [MemberData(nameof(States))]
    public void SdrListLinesMatchIpmitool(string state)
    {
        string[] expected = IpmiSimVectors.Lines(Path.Combine(state, "sdr-list.txt")).Select(IpmiSimVectors.Normalize).ToArray();
        string[] actual = Decode(state).Select(v => IpmiSimVectors.Normalize(v.ToListLine())).ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void SdrElistLinesMatchIpmitool(string state)
    {
        string[] expected = IpmiSimVectors.Lines(Path.Combine(state, "sdr-elist.txt")).Select(IpmiSimVectors.Normalize).ToArray();
        string[] actual = Decode(state).Select(v => IpmiSimVectors.Normalize(v.ToExtendedListLine())).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SdrListColumnsAreIpmitoolsOwnPadding()
    {
        // Not just the words: the exact line, padding included.
        string[] expected = IpmiSimVectors.Lines(Path.Combine("events", "sdr-list.txt"));
        Assert.Equal(expected, Decode("events").Select(v => v.ToListLine()).ToArray());
    }

    [Theory]
    [MemberData(nameof(States))]
    public void FieldsMatchIpmitoolFieldByField(string state)
    {
        var values = Decode(state).ToDictionary(v => v.Name);
        foreach (string line in IpmiSimVectors.Lines(Path.Combine(state, "sdr-elist.txt")))
        {
            string[] cols = line.Split('|').Select(c => c.Trim()).ToArray();
            var v = values[cols[0]];
            Assert.Equal(cols[1], $"{v.SensorNumber:X2}h");
            Assert.Equal(cols[2], v.ExtendedStatus);
            Assert.Equal(cols[3], $"{v.EntityId}.{v.EntityInstance}");
            if (v.Value is { } value)
            {
                string[] reading = cols[4].Split(' ', 2);
                Assert.Equal(double.Parse(reading[0], CultureInfo.InvariantCulture), value, 9);
                Assert.Equal(reading[1], v.Unit);
            }
            else if (v.IsReadable)
            {
                Assert.Equal(cols[4], string.Join(", ", v.States));
            }
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public void ValuesMatchFreeIpmi(string state)
    {
        var values = Decode(state).ToDictionary(v => v.Name);
        foreach (var row in IpmiSimVectors.FreeIpmiTable(Path.Combine(state, "freeipmi-sensors.txt")))
        {
            var v = values[row["Name"]];
            Assert.Equal(row["Type"], v.SensorTypeText);
            if (row["Reading"] == "N/A")
            {
                Assert.Null(v.Value);
            }
            else
            {
                Assert.Equal(row["Reading"], v.Value!.Value.ToString("F2", CultureInfo.InvariantCulture));
            }
            if (!v.IsThreshold && v.IsReadable)
            {
                // FreeIPMI: 'Presence detected' 'Power Supply Failure detected'; ours: ipmitool's words.
                Assert.Equal(row["Event"].Split('\'', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length, v.States.Count);
            }
        }
    }

    [Fact]
    public void ThresholdsAndMasksMatchIpmitoolVerboseList()
    {
        var verbose = IpmiSimVectors.VerboseSdrList("initial");
        foreach (var full in IpmiSimVectors.Sdr().OfType<FullSensorRecord>())
        {
            var block = verbose[full.IdString];
            Assert.Equal($"{full.EntityId}.{full.EntityInstance}", block["Entity ID"].Split(' ')[0]);
            Assert.Equal($"{full.SensorType.Text()} (0x{(byte)full.SensorType:x2})", block["Sensor Type (Threshold)"]);
            (string Name, ThresholdMask Mask)[] thresholds =
            [
                ("Upper non-recoverable", ThresholdMask.UpperNonRecoverable), ("Upper critical", ThresholdMask.UpperCritical),
                ("Upper non-critical", ThresholdMask.UpperNonCritical), ("Lower non-recoverable", ThresholdMask.LowerNonRecoverable),
                ("Lower critical", ThresholdMask.LowerCritical), ("Lower non-critical", ThresholdMask.LowerNonCritical),
            ];
            foreach (var (name, mask) in thresholds)
            {
                // ipmitool prints a threshold when the SDR asks to initialise thresholds and marks it readable.
                bool printed = full.Initialization.HasFlag(SensorInitialization.InitThresholds) && full.ReadableThresholds.HasFlag(mask);
                Assert.Equal(printed, block.ContainsKey(name));
                if (printed)
                {
                    Assert.Equal(block[name], full.ThresholdValue(mask)!.Value.ToString("F3", CultureInfo.InvariantCulture));
                }
            }
            Assert.Equal(block["Readable Thresholds"], MaskText(full.ReadableThresholds));
            Assert.Equal(block["Settable Thresholds"], MaskText(full.SettableThresholds));
        }
    }

    [Fact]
    public void ScanningDisabledSensorHasNoValueAndStatusNs()
    {
        var inlet = Decode("scanning-disabled").Single(v => v.Name == "Inlet Temp");
        Assert.False(inlet.IsReadable);
        Assert.True(inlet.ScanningDisabled);
        Assert.Null(inlet.Value);
        Assert.Equal("ns", inlet.Status);
        Assert.Equal("disabled", inlet.ReadingText);
        Assert.Equal("Disabled", inlet.DetailText);
    }

    [Fact]
    public void UnavailableReadingsOfCompactSensorsAreNotReadable()
    {
        var psu = IpmiSimVectors.Sdr().OfType<CompactSensorRecord>().Single();
        var v = SensorValue.Decode(psu, new SensorReading(0, true, true, Unavailable: true, 0x0001, 1));
        Assert.Equal("ns", v.Status);
        Assert.Equal("Not Readable", v.ReadingText);
        Assert.Equal("No Reading", v.DetailText);
    }

    [Fact]
    public void ThresholdStatusTakesTheWorstCrossedThreshold()
    {
        var cpu = IpmiSimVectors.Sdr().OfType<FullSensorRecord>().First();
        SensorValue Status(ushort bits) => SensorValue.Decode(cpu, new SensorReading(0x5C, true, true, false, bits, 1));
        Assert.Equal(("nc", "unc"), (Status(0x08).Status, Status(0x08).ExtendedStatus));
        Assert.Equal(("cr", "ucr"), (Status(0x18).Status, Status(0x18).ExtendedStatus));
        Assert.Equal(("nr", "unr"), (Status(0x38).Status, Status(0x38).ExtendedStatus));
        Assert.Equal(("cr", "lcr"), (Status(0x03).Status, Status(0x03).ExtendedStatus));
        Assert.Equal(["At or above Upper Non-critical", "At or above Upper Critical"], Status(0x18).States);
    }

    // ipmitool's order and abbreviations for the threshold masks.
    private static readonly (ThresholdMask Mask, string Text)[] MaskNames =
    [
        (ThresholdMask.LowerNonRecoverable, "lnr"), (ThresholdMask.LowerCritical, "lcr"), (ThresholdMask.LowerNonCritical, "lnc"),
        (ThresholdMask.UpperNonCritical, "unc"), (ThresholdMask.UpperCritical, "ucr"), (ThresholdMask.UpperNonRecoverable, "unr"),
    ];

    private static string MaskText(ThresholdMask mask) =>
        string.Join(" ", MaskNames.Where(m => mask.HasFlag(m.Mask)).Select(m => m.Text));
}
