using System.Globalization;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Sel;

/// <summary>Finds the SDR of the sensor a SEL entry names: (generator ID, sensor number) → record, or null.</summary>
public delegate SdrRecord? SdrLookup(ushort generatorId, byte sensorNumber);

/// <summary>
/// One SEL entry as text, column by column as `ipmitool sel elist` prints it:
/// <c>   4 | 11/26/26 | 12:10:40 UTC | Temperature CPU Temp | Upper Critical going high | Asserted | Reading 92 &gt; Threshold 90 degrees C</c>.
/// </summary>
public sealed record SelEntryText(
    ushort RecordId,
    /// <summary>"11/26/26", "Pre-Init", "Unspecified"; empty for OEM non-timestamped records.</summary>
    string Date,
    /// <summary>"12:10:40 UTC"; for pre-init entries the seconds since BMC start ("0000000376").</summary>
    string Time,
    /// <summary>"Temperature CPU Temp", "Power Unit #0x01", "OEM record c1".</summary>
    string Sensor,
    /// <summary>"Upper Critical going high", "Correctable ECC"; the OEM bytes in hex for OEM records.</summary>
    string Event,
    /// <summary>"Asserted" / "Deasserted"; null for OEM records.</summary>
    string? Direction,
    /// <summary>"Reading 92 &gt; Threshold 90 degrees C"; null when there is nothing more to say.</summary>
    string? Detail,
    EventSeverity Severity)
{
    /// <summary>The entry without ID and time: "Temperature CPU Temp | Upper Critical going high | Asserted | ...".</summary>
    public string Summary => string.Join(" | ", new[] { Sensor, Event, Direction, Detail }.Where(s => s is not null));

    /// <summary>The whole `ipmitool sel elist` line.</summary>
    public override string ToString()
    {
        string id = RecordId.ToString("x", CultureInfo.InvariantCulture).PadLeft(4);
        return Date switch
        {
            "" => $"{id} | {Summary}",
            "Pre-Init" => $"{id} |  Pre-Init  |{Time}| {Summary}",
            _ => $"{id} | {Date} | {Time} | {Summary}",
        };
    }
}

/// <summary>
/// Turns SEL records into the text `ipmitool sel elist` (1.8.19) prints, using the SDR repository for sensor names
/// and for converting threshold readings (§29.7 Table 29-6), and rates each entry's <see cref="EventSeverity"/>.
/// </summary>
public static class SelFormatter
{
    /// <summary>Formats one entry; <paramref name="lookup"/> supplies sensor names and conversions when given.</summary>
    public static SelEntryText Format(SelRecord record, SdrLookup? lookup = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record switch
        {
            SystemEventRecord e => FormatEvent(e, lookup),
            OemTimestampedSelRecord o => FormatOem(o),
            OemNonTimestampedSelRecord n => new SelEntryText(n.RecordId, "", "", $"OEM record {n.RecordType:x2}",
                Convert.ToHexStringLower(n.OemData), null, null, EventSeverity.Info),
            _ => throw new IpmiException(IpmiError.InvalidRequest, $"unknown SEL record class {record.GetType().Name}"),
        };
    }

    /// <summary>The `ipmitool sel elist` line of an entry.</summary>
    public static string FormatLine(SelRecord record, SdrLookup? lookup = null) => Format(record, lookup).ToString();

    /// <summary>
    /// Info, warning or critical: threshold events by the threshold crossed, discrete events by what the offset
    /// means (Table 42-2/42-3), deassertions and OEM records as info.
    /// </summary>
    public static EventSeverity Severity(SelRecord record) => record is SystemEventRecord e
        ? SensorEventText.Severity(e.SensorType, e.EventReadingType, e.Offset, e.IsDeassertion)
        : EventSeverity.Info;

    // ipmitool: "OEM record c1 | 000157 | 112233445566" (manufacturer ID, then the OEM bytes).
    private static SelEntryText FormatOem(OemTimestampedSelRecord o)
    {
        (string date, string time) = FormatTimestamp(o.Timestamp);
        return new SelEntryText(o.RecordId, date, time, $"OEM record {o.RecordType:x2}",
            $"{o.ManufacturerId:x6} | {Convert.ToHexStringLower(o.OemData)}", null, null, EventSeverity.Info);
    }

    private static SelEntryText FormatEvent(SystemEventRecord e, SdrLookup? lookup)
    {
        (string date, string time) = FormatTimestamp(e.Timestamp);
        ISensorIdentity? sensor = FindSensor(e, lookup);

        string name = sensor is not null ? $"{e.SensorType.Text()} {sensor.NameOf(e.SensorNumber)}"
            : e.SensorNumber != 0 ? $"{e.SensorType.Text()} #0x{e.SensorNumber:x2}"
            : e.SensorType.Text();
        string text = (byte)e.EventReadingType is >= 0x70 and <= 0x7F
            ? "" // OEM event/reading types need the vendor's tables
            : SensorEventText.EventText(e.SensorType, e.EventReadingType, e.EventData1, e.EventData2, e.EventData3) ?? "";
        string? detail = e.EventReadingType == EventReadingType.Threshold && sensor is FullSensorRecord full
            ? ThresholdDetail(e, full)
            : null;
        return new SelEntryText(e.RecordId, date, time, name, text, e.IsDeassertion ? "Deasserted" : "Asserted", detail, Severity(e));
    }

    // ipmitool matches owner ID, sensor number and sensor type: a record for another sensor type is not this sensor.
    private static ISensorIdentity? FindSensor(SystemEventRecord e, SdrLookup? lookup) =>
        lookup?.Invoke(e.GeneratorId, e.SensorNumber) is ISensorIdentity s && s.SensorType == e.SensorType && s.Covers(e.SensorNumber)
            ? s
            : null;

    /// <summary>
    /// "Reading 92 &gt; Threshold 90 degrees C". The comparison points the way the reading went: "&gt;" for going-high
    /// offsets (odd), "&lt;" for going-low, turned around for deassertions (what ipmitool 1.8.19 prints). Values are
    /// converted as ipmitool does (single precision, two decimals unless whole). Unlike ipmitool we leave out a
    /// reading the event does not carry instead of printing 0.
    /// </summary>
    private static string? ThresholdDetail(SystemEventRecord e, FullSensorRecord sdr)
    {
        var conversion = sdr.Conversion;
        double? reading = e.TriggerReading is { } r ? conversion.ToPhysical(r) : null;
        double? threshold = e.TriggerThreshold is { } t ? conversion.ToPhysical(t) : null;
        string unit = sdr.Units.ToString();
        bool goingHigh = (e.Offset % 2 == 1) != e.IsDeassertion;
        return (reading, threshold) switch
        {
            ({ } rv, { } tv) => $"Reading {Single(rv)} {(goingHigh ? ">" : "<")} Threshold {Single(tv)} {unit}",
            ({ } rv, null) => $"Reading {Single(rv)} {unit}",
            (null, { } tv) => $"Threshold {Single(tv)} {unit}",
            _ => null,
        };
    }

    private static string Single(double value) => SensorValue.FormatNumber((float)value);

    private static (string Date, string Time) FormatTimestamp(uint timestamp)
    {
        if (timestamp < SelRecord.PreInitLimit)
        {
            return ("Pre-Init", timestamp.ToString("D10", CultureInfo.InvariantCulture));
        }
        if (timestamp == uint.MaxValue)
        {
            return ("Unspecified", "Unspecified");
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        return (time.ToString("MM/dd/yy", CultureInfo.InvariantCulture), time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
    }
}
