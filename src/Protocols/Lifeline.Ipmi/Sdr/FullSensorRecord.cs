using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Sdr;

// IPMI v2.0 §43.1 Full Sensor Record (type 01h), Table 43-1
//   1-5    header (SdrHeader)
//   6-23   owner, LUN, number, entity, initialization, capabilities, type, event/reading type, masks, units
//          (SensorRecord)
//   24     linearization: [7] reserved, [6:0] Linearization (70h-7Fh non-linear)
//   25     M [7:0]
//   26     [7:6] M [9:8], [5:0] tolerance
//   27     B [7:0]
//   28     [7:6] B [9:8], [5:0] accuracy [5:0]
//   29     [7:4] accuracy [9:6], [3:2] accuracy exponent, [1:0] sensor direction
//   30     [7:4] R exponent (K2), [3:0] B exponent (K1), 2's complement
//   31     analog characteristic flags: [2] normal min specified, [1] normal max specified, [0] nominal specified
//   32     nominal reading (raw)
//   33     normal maximum
//   34     normal minimum
//   35     sensor maximum reading
//   36     sensor minimum reading
//   37     upper non-recoverable threshold
//   38     upper critical threshold
//   39     upper non-critical threshold
//   40     lower non-recoverable threshold
//   41     lower critical threshold
//   42     lower non-critical threshold
//   43     positive-going threshold hysteresis
//   44     negative-going threshold hysteresis
//   45-46  reserved
//   47     OEM
//   48     ID string type/length (§43.15)
//   49-64  ID string bytes (at most 16)

/// <summary>A full sensor record: a sensor with conversion factors, thresholds and nominal values.</summary>
public sealed class FullSensorRecord : SensorRecord
{
    private const int FixedSize = 43; // bytes 6-48

    private readonly SensorConversion _conversion = new(AnalogDataFormat.Unsigned, Linearization.Linear, 1, 0, 0, 0);

    public FullSensorRecord()
    {
    }

    internal FullSensorRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header, CheckLength(header, body))
    {
        var linearization = (Linearization)(body[18] & 0x7F);
        _conversion = SensorConversion.ReadFactors(Units.AnalogFormat, linearization, body.Slice(19, SensorConversion.FactorsSize));
        Direction = (SensorDirection)(body[23] & 0x03);
        byte flags = body[25];
        NominalReadingSpecified = (flags & 0x01) != 0;
        NormalMaximumSpecified = (flags & 0x02) != 0;
        NormalMinimumSpecified = (flags & 0x04) != 0;
        NominalReading = body[26];
        NormalMaximum = body[27];
        NormalMinimum = body[28];
        SensorMaximum = body[29];
        SensorMinimum = body[30];
        Thresholds = new SensorThresholds(body[31], body[32], body[33], body[34], body[35], body[36]);
        PositiveHysteresis = body[37];
        NegativeHysteresis = body[38];
        Oem = body[41];
        (IdString, IdStringEncoding) = ReadIdString(body, 42);
    }

    public override SdrRecordType RecordType => SdrRecordType.FullSensor;

    /// <summary>
    /// Linearization and factors (bytes 24-30). The analog data format always comes from <see cref="SensorRecord.Units"/>
    /// (byte 21); the format passed in here is ignored.
    /// </summary>
    public SensorConversion Conversion
    {
        get => _conversion with { AnalogFormat = Units.AnalogFormat };
        init => _conversion = value;
    }

    public SensorDirection Direction { get; init; }
    public bool NominalReadingSpecified { get; init; }
    public bool NormalMaximumSpecified { get; init; }
    public bool NormalMinimumSpecified { get; init; }
    public byte NominalReading { get; init; }
    public byte NormalMaximum { get; init; }
    public byte NormalMinimum { get; init; }
    public byte SensorMaximum { get; init; } = 0xFF;
    public byte SensorMinimum { get; init; }
    public SensorThresholds Thresholds { get; init; }
    public byte PositiveHysteresis { get; init; }
    public byte NegativeHysteresis { get; init; }

    /// <summary>A raw threshold converted to units (null for non-analog sensors).</summary>
    public double? ThresholdValue(ThresholdMask threshold) => Conversion.ToPhysical(Thresholds[threshold]);

    protected override void WriteBody(IpmiWriter w)
    {
        WriteCommon(w);
        var c = Conversion;
        Span<byte> factors = stackalloc byte[SensorConversion.FactorsSize];
        c.WriteFactors(factors);
        factors[4] |= (byte)((byte)Direction & 0x03);
        w.Byte((byte)((byte)c.Linearization & 0x7F))
         .Bytes(factors)
         .Byte((byte)((NormalMinimumSpecified ? 0x04 : 0) | (NormalMaximumSpecified ? 0x02 : 0) | (NominalReadingSpecified ? 0x01 : 0)))
         .Byte(NominalReading)
         .Byte(NormalMaximum)
         .Byte(NormalMinimum)
         .Byte(SensorMaximum)
         .Byte(SensorMinimum)
         .Byte(Thresholds.UpperNonRecoverable)
         .Byte(Thresholds.UpperCritical)
         .Byte(Thresholds.UpperNonCritical)
         .Byte(Thresholds.LowerNonRecoverable)
         .Byte(Thresholds.LowerCritical)
         .Byte(Thresholds.LowerNonCritical)
         .Byte(PositiveHysteresis)
         .Byte(NegativeHysteresis)
         .UInt16(0)
         .Byte(Oem);
        WriteIdString(w, IdString, IdStringEncoding);
    }

    private static ReadOnlySpan<byte> CheckLength(SdrHeader header, ReadOnlySpan<byte> body)
    {
        NeedBody(header, body, FixedSize, "full sensor");
        return body;
    }
}
