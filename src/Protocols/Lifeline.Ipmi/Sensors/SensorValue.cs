using System.Globalization;
using Lifeline.Ipmi.Sdr;

namespace Lifeline.Ipmi.Sensors;

/// <summary>
/// A sensor reading made readable: the SDR gives the name, type, units and conversion, Get Sensor Reading
/// (§35.14) gives the raw value and state bits. Texts follow `ipmitool sdr list` / `sdr elist` (1.8.19) so that an
/// operator sees the same words in Lifeline as on the ipmitool command line.
/// </summary>
public sealed class SensorValue
{
    private static readonly string[] ThresholdStateTexts =
    [
        "At or below Lower Non-critical", "At or below Lower Critical", "At or below Lower Non-recoverable",
        "At or above Upper Non-critical", "At or above Upper Critical", "At or above Upper Non-recoverable",
    ];

    private SensorValue()
    {
    }

    public required string Name { get; init; }
    public byte SensorNumber { get; init; }
    public byte EntityId { get; init; }
    public byte EntityInstance { get; init; }
    public SensorType SensorType { get; init; }
    public string SensorTypeText => SensorType.Text();
    public EventReadingType EventReadingType { get; init; }
    public bool IsThreshold => EventReadingType == EventReadingType.Threshold;

    /// <summary>False when scanning is disabled or the BMC flags the reading unavailable.</summary>
    public bool IsReadable { get; init; }
    public bool ScanningDisabled { get; init; }

    /// <summary>The value in <see cref="Unit"/> for analog threshold sensors with a readable reading; null otherwise.</summary>
    public double? Value { get; init; }

    /// <summary>"degrees C", "RPM"; empty when the sensor has no analog reading.</summary>
    public required string Unit { get; init; }

    /// <summary>`ipmitool sdr list` status: "ok", "nc", "cr", "nr", or "ns" (no reading: unavailable or scanning disabled).</summary>
    public required string Status { get; init; }

    /// <summary>`ipmitool sdr elist` status: "ok", "lnc", "unc", "lcr", "ucr", "lnr", "unr" or "ns".</summary>
    public required string ExtendedStatus { get; init; }

    /// <summary>The asserted states: discrete state texts ("Presence detected"), or the thresholds crossed.</summary>
    public required IReadOnlyList<string> States { get; init; }

    /// <summary>The reading column of `ipmitool sdr list`: "45 degrees C", "0x01", "disabled", "no reading", "Not Readable".</summary>
    public required string ReadingText { get; init; }

    /// <summary>The last column of `ipmitool sdr elist`: "45 degrees C", "Presence detected, Failure detected", "Disabled".</summary>
    public required string DetailText { get; init; }

    /// <summary>
    /// Decodes <paramref name="reading"/> of the sensor <paramref name="sdr"/> describes. Discrete sensors get their
    /// state texts (Table 42-2/42-3); threshold sensors with a full record get a value. Never throws.
    /// </summary>
    public static SensorValue Decode(SensorRecord sdr, SensorReading reading)
    {
        ArgumentNullException.ThrowIfNull(sdr);
        var full = sdr as FullSensorRecord;
        bool readable = reading.ScanningEnabled && !reading.Unavailable;
        // ipmitool: only full threshold sensors with analog units have a numeric value.
        bool analog = full is not null && sdr.IsThreshold && full.Conversion.AnalogFormat != AnalogDataFormat.None;
        double? value = analog && readable ? full!.Conversion.ToPhysical(reading.Raw) : null;
        string unit = analog ? sdr.Units.ToString() : "";

        IReadOnlyList<string> states = sdr.IsThreshold
            ? ThresholdStates(reading.States)
            : SensorEventText.States(sdr.SensorType, sdr.EventReadingType, (ushort)(reading.States & 0x7FFF));
        (string status, string extended) = !readable ? ("ns", "ns")
            : sdr.IsThreshold ? ThresholdStatus(reading.States)
            : ("ok", "ok");

        string readingText, detailText;
        if (!readable)
        {
            readingText = reading.ScanningEnabled ? (full is not null ? "no reading" : "Not Readable")
                : (full is not null ? "disabled" : "Not Readable");
            detailText = reading.ScanningEnabled ? "No Reading" : "Disabled";
        }
        else if (value is { } v)
        {
            readingText = detailText = $"{FormatNumber(v)} {unit}";
        }
        else
        {
            // ipmitool 1.8.19 prints the first state byte of a discrete sensor (not the raw reading byte).
            readingText = $"0x{reading.States & 0xFF:x2}";
            detailText = string.Join(", ", states);
        }

        return new SensorValue
        {
            Name = sdr.NameOf(sdr.SensorNumber),
            SensorNumber = sdr.SensorNumber,
            EntityId = sdr.EntityId,
            EntityInstance = sdr.EntityInstance,
            SensorType = sdr.SensorType,
            EventReadingType = sdr.EventReadingType,
            IsReadable = readable,
            ScanningDisabled = !reading.ScanningEnabled,
            Value = value,
            Unit = unit,
            Status = status,
            ExtendedStatus = extended,
            States = states,
            ReadingText = readingText,
            DetailText = detailText,
        };
    }

    /// <summary>The line `ipmitool sdr list` prints for this sensor.</summary>
    public string ToListLine() => $"{Name,-16} | {ReadingText,-17} | {Status}";

    /// <summary>The line `ipmitool sdr elist` prints for this sensor.</summary>
    public string ToExtendedListLine() =>
        $"{Name,-16} | {SensorNumber:X2}h | {ExtendedStatus,-3} | {EntityId,2}.{EntityInstance} | {DetailText}";

    public override string ToString() => ToListLine();

    /// <summary>ipmitool's number format: no decimals for whole numbers, else two ("%.*f").</summary>
    public static string FormatNumber(double value) =>
        value.ToString(value == Math.Truncate(value) ? "F0" : "F2", CultureInfo.InvariantCulture);

    // Severity order of ipmitool's ipmi_sdr_get_thresh_status: non-recoverable, then critical, then non-critical;
    // lower before upper.
    private static (string Status, string Extended) ThresholdStatus(ushort bits) =>
        (bits & 0x04) != 0 ? ("nr", "lnr")
        : (bits & 0x20) != 0 ? ("nr", "unr")
        : (bits & 0x02) != 0 ? ("cr", "lcr")
        : (bits & 0x10) != 0 ? ("cr", "ucr")
        : (bits & 0x01) != 0 ? ("nc", "lnc")
        : (bits & 0x08) != 0 ? ("nc", "unc")
        : ("ok", "ok");

    private static List<string> ThresholdStates(ushort bits)
    {
        var list = new List<string>();
        for (int i = 0; i < ThresholdStateTexts.Length; i++)
        {
            if ((bits & (1 << i)) != 0)
            {
                list.Add(ThresholdStateTexts[i]);
            }
        }
        return list;
    }
}
