namespace Lifeline.Ipmi.Sensors;

/// <summary>Sensor unit type codes (IPMI v2.0 §43.17, Table 43-15), used as base and modifier units in SDRs.</summary>
public enum SensorUnit : byte
{
    Unspecified = 0,
    DegreesC = 1,
    DegreesF = 2,
    DegreesK = 3,
    Volts = 4,
    Amps = 5,
    Watts = 6,
    Joules = 7,
    Coulombs = 8,
    VoltAmperes = 9,
    Nits = 10,
    Lumen = 11,
    Lux = 12,
    Candela = 13,
    KiloPascal = 14,
    Psi = 15,
    Newton = 16,
    Cfm = 17,
    Rpm = 18,
    Hertz = 19,
    Microsecond = 20,
    Millisecond = 21,
    Second = 22,
    Minute = 23,
    Hour = 24,
    Day = 25,
    Week = 26,
    Mil = 27,
    Inches = 28,
    Feet = 29,
    CubicInches = 30,
    CubicFeet = 31,
    Millimeters = 32,
    Centimeters = 33,
    Meters = 34,
    CubicCentimeters = 35,
    CubicMeters = 36,
    Liters = 37,
    FluidOunce = 38,
    Radians = 39,
    Steradians = 40,
    Revolutions = 41,
    Cycles = 42,
    Gravities = 43,
    Ounce = 44,
    Pound = 45,
    FootPound = 46,
    OunceInch = 47,
    Gauss = 48,
    Gilberts = 49,
    Henry = 50,
    Millihenry = 51,
    Farad = 52,
    Microfarad = 53,
    Ohms = 54,
    Siemens = 55,
    Mole = 56,
    Becquerel = 57,
    Ppm = 58,
    Reserved59 = 59,
    Decibels = 60,
    DbA = 61,
    DbC = 62,
    Gray = 63,
    Sievert = 64,
    ColorTemperatureK = 65,
    Bit = 66,
    Kilobit = 67,
    Megabit = 68,
    Gigabit = 69,
    Byte = 70,
    Kilobyte = 71,
    Megabyte = 72,
    Gigabyte = 73,
    Word = 74,
    DoubleWord = 75,
    QuadWord = 76,
    MemoryLine = 77,
    Hit = 78,
    Miss = 79,
    Retry = 80,
    Reset = 81,
    Overflow = 82,
    Underrun = 83,
    Collision = 84,
    Packets = 85,
    Messages = 86,
    Characters = 87,
    Error = 88,
    CorrectableError = 89,
    UncorrectableError = 90,
    FatalError = 91,
    Grams = 92,
}

/// <summary>Sensor Units 1 [7:6] analog (numeric) data format (IPMI v2.0 Table 43-1, byte 21).</summary>
public enum AnalogDataFormat : byte
{
    Unsigned = 0,
    OnesComplement = 1,
    TwosComplement = 2,
    /// <summary>The sensor does not return an analog (numeric) reading.</summary>
    None = 3,
}

/// <summary>Sensor Units 1 [5:3] rate unit (IPMI v2.0 Table 43-1, byte 21).</summary>
public enum SensorRateUnit : byte
{
    None = 0,
    PerMicrosecond = 1,
    PerMillisecond = 2,
    PerSecond = 3,
    PerMinute = 4,
    PerHour = 5,
    PerDay = 6,
    Reserved = 7,
}

/// <summary>Sensor Units 1 [2:1] modifier unit relation (IPMI v2.0 Table 43-1, byte 21).</summary>
public enum ModifierUnitRelation : byte
{
    None = 0,
    /// <summary>Base unit / modifier unit (e.g. "CFM/minute").</summary>
    Divide = 1,
    /// <summary>Base unit * modifier unit.</summary>
    Multiply = 2,
    Reserved = 3,
}

// IPMI v2.0 §43.1 Table 43-1, bytes 21-23 (identical in the compact record, Table 43-2)
//   21  Sensor Units 1: [7:6] analog data format, [5:3] rate unit, [2:1] modifier unit relation, [0] percentage
//   22  Sensor Units 2: base unit (Table 43-15)
//   23  Sensor Units 3: modifier unit (Table 43-15)

/// <summary>The three unit bytes of a sensor SDR and the text ipmitool prints for them.</summary>
public readonly record struct SensorUnits(
    AnalogDataFormat AnalogFormat,
    SensorRateUnit Rate,
    ModifierUnitRelation Relation,
    bool Percentage,
    SensorUnit BaseUnit,
    SensorUnit ModifierUnit)
{
    public const int Size = 3;

    public static SensorUnits Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < Size)
        {
            throw IpmiException.Malformed($"sensor units need {Size} bytes, got {data.Length}");
        }
        byte u1 = data[0];
        return new SensorUnits((AnalogDataFormat)(u1 >> 6), (SensorRateUnit)((u1 >> 3) & 0x07),
            (ModifierUnitRelation)((u1 >> 1) & 0x03), (u1 & 0x01) != 0, (SensorUnit)data[1], (SensorUnit)data[2]);
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = Units1;
        destination[1] = (byte)BaseUnit;
        destination[2] = (byte)ModifierUnit;
    }

    /// <summary>Sensor Units 1 as it is on the wire.</summary>
    public byte Units1 => (byte)((((byte)AnalogFormat & 0x03) << 6) | (((byte)Rate & 0x07) << 3)
        | (((byte)Relation & 0x03) << 1) | (Percentage ? 1 : 0));

    /// <summary>
    /// The unit text as ipmitool prints it ("degrees C", "Volts", "% RPM", "percent", "CFM/minute"), with the rate
    /// appended (" per second") when one is set: ipmitool ignores the rate unit, FreeIPMI appends it.
    /// </summary>
    public override string ToString()
    {
        string pct = Percentage ? "% " : "";
        string text = Relation switch
        {
            ModifierUnitRelation.Multiply => $"{pct}{BaseUnit.Text()}*{ModifierUnit.Text()}",
            ModifierUnitRelation.Divide => $"{pct}{BaseUnit.Text()}/{ModifierUnit.Text()}",
            _ when BaseUnit == SensorUnit.Unspecified && Percentage => "percent",
            _ => pct + BaseUnit.Text(),
        };
        return Rate switch
        {
            SensorRateUnit.PerMicrosecond => text + " per microsecond",
            SensorRateUnit.PerMillisecond => text + " per millisecond",
            SensorRateUnit.PerSecond => text + " per second",
            SensorRateUnit.PerMinute => text + " per minute",
            SensorRateUnit.PerHour => text + " per hour",
            SensorRateUnit.PerDay => text + " per day",
            _ => text,
        };
    }
}

public static class SensorUnitText
{
    // The spelling ipmitool uses for Table 43-15 (operators compare our output with ipmitool's).
    private static readonly string[] Names =
    [
        "unspecified", "degrees C", "degrees F", "degrees K", "Volts", "Amps", "Watts", "Joules", "Coulombs", "VA",
        "Nits", "lumen", "lux", "Candela", "kPa", "PSI", "Newton", "CFM", "RPM", "Hz",
        "microsecond", "millisecond", "second", "minute", "hour", "day", "week", "mil", "inches", "feet",
        "cu in", "cu feet", "mm", "cm", "m", "cu cm", "cu m", "liters", "fluid ounce", "radians",
        "steradians", "revolutions", "cycles", "gravities", "ounce", "pound", "ft-lb", "oz-in", "gauss", "gilberts",
        "henry", "millihenry", "farad", "microfarad", "ohms", "siemens", "mole", "becquerel", "PPM", "reserved",
        "Decibels", "DbA", "DbC", "gray", "sievert", "color temp deg K", "bit", "kilobit", "megabit", "gigabit",
        "byte", "kilobyte", "megabyte", "gigabyte", "word", "dword", "qword", "line", "hit", "miss",
        "retry", "reset", "overflow", "underrun", "collision", "packets", "messages", "characters", "error",
        "correctable error", "uncorrectable error", "fatal error", "grams",
    ];

    /// <summary>The unit's name as ipmitool prints it ("degrees C", "RPM"); codes beyond Table 43-15 are "invalid".</summary>
    public static string Text(this SensorUnit unit) => (byte)unit < Names.Length ? Names[(byte)unit] : "invalid";
}
