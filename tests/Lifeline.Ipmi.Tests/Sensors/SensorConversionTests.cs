using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Tests.Sensors;

// Hand-worked examples of IPMI v2.0 §36.3: y = L[(M*x + B*10^K1) * 10^K2].
public class SensorConversionTests
{
    private static SensorConversion Linear(short m, short b = 0, sbyte k1 = 0, sbyte k2 = 0,
        AnalogDataFormat format = AnalogDataFormat.Unsigned, Linearization l = Linearization.Linear) =>
        new(format, l, m, b, k1, k2);

    [Fact]
    public void UnsignedReadingWithUnitFactorIsTheRawValue()
    {
        Assert.Equal(45.0, Linear(1).ToPhysical(0x2D));
    }

    [Fact]
    public void NegativeResultExponentScalesDown()
    {
        // P12V Rail of the ipmi_sim vectors: M = 6, K2 = -2, raw C8h (200) → 12.00 V.
        Assert.Equal(12.0, Linear(6, k2: -2).ToPhysical(200)!.Value, 12);
        Assert.Equal(10.86, Linear(6, k2: -2).ToPhysical(181)!.Value, 12);
    }

    [Fact]
    public void FullSensorRecordWithNegativeBExponentLinearises()
    {
        // Full record bytes 25-30 worked by hand: M = 2 (02h, 00h), B = 5 (05h, 00h), K2 = 0, K1 = -1 (0Fh):
        //   y = 2x + 5 * 10^-1 → raw 10 reads 20.5.
        byte[] record = BuildFullRecord(factors: [0x02, 0x00, 0x05, 0x00, 0x01, 0x0F]);
        var sdr = Assert.IsType<FullSensorRecord>(SdrRecord.Parse(record));
        Assert.Equal(2, sdr.Conversion.M);
        Assert.Equal(5, sdr.Conversion.B);
        Assert.Equal(-1, sdr.Conversion.BExponent);
        Assert.Equal(0, sdr.Conversion.RExponent);
        Assert.Equal(SensorDirection.Input, sdr.Direction);
        Assert.Equal(20.5, sdr.Conversion.ToPhysical(10)!.Value, 12);
    }

    [Fact]
    public void TenBitMAndBAreTwosComplement()
    {
        // M = -1: 3FFh split as FFh / [7:6] = 11b; B = -512: 200h split as 00h / [7:6] = 10b; K2 = -1 (F0h).
        var c = SensorConversion.ReadFactors(AnalogDataFormat.Unsigned, Linearization.Linear, [0xFF, 0xC0, 0x00, 0x80, 0x00, 0xF0]);
        Assert.Equal(-1, c.M);
        Assert.Equal(-512, c.B);
        Assert.Equal(-1, c.RExponent);
        Assert.Equal((-10 - 512) / 10.0, c.ToPhysical(10)!.Value, 12);
    }

    [Fact]
    public void FactorsWriteBackToTheSameBytes()
    {
        byte[] factors = [0x7B, 0xC5, 0x33, 0x9A, 0xD8, 0x9E];
        var c = SensorConversion.ReadFactors(AnalogDataFormat.Unsigned, Linearization.Linear, factors);
        var written = new byte[6];
        c.WriteFactors(written);
        written[4] |= (byte)(factors[4] & 0x03); // sensor direction belongs to the record, not the factors
        Assert.Equal(factors, written);
    }

    [Fact]
    public void TwosComplementReadingsAreSigned()
    {
        Assert.Equal(-10.0, Linear(1, format: AnalogDataFormat.TwosComplement).ToPhysical(0xF6));
        Assert.Equal(-128.0, Linear(1, format: AnalogDataFormat.TwosComplement).ToPhysical(0x80));
    }

    [Fact]
    public void OnesComplementReadingsAreSignedAndFFhIsMinusZero()
    {
        var c = Linear(1, format: AnalogDataFormat.OnesComplement);
        Assert.Equal(-10.0, c.ToPhysical(0xF5));
        Assert.Equal(0.0, c.ToPhysical(0xFF));
        Assert.Equal(-127.0, c.ToPhysical(0x80));
        Assert.Equal(127.0, c.ToPhysical(0x7F));
    }

    [Fact]
    public void SensorsWithoutAnalogReadingConvertToNothing()
    {
        Assert.Null(Linear(1, format: AnalogDataFormat.None).ToPhysical(10));
        Assert.Null(Linear(1, l: Linearization.NonLinear).ToPhysical(10));
        Assert.Null(Linear(1, l: (Linearization)0x7F).ToPhysical(10));
    }

    [Theory]
    [InlineData(Linearization.Ln, 100, 4.605170185988092)]
    [InlineData(Linearization.Log10, 100, 2.0)]
    [InlineData(Linearization.Log2, 64, 6.0)]
    [InlineData(Linearization.E, 2, 7.38905609893065)]
    [InlineData(Linearization.Exp10, 3, 1000.0)]
    [InlineData(Linearization.Exp2, 10, 1024.0)]
    [InlineData(Linearization.Reciprocal, 4, 0.25)]
    [InlineData(Linearization.Square, 12, 144.0)]
    [InlineData(Linearization.Cube, 3, 27.0)]
    [InlineData(Linearization.SquareRoot, 81, 9.0)]
    [InlineData(Linearization.CubeRoot, 125, 5.0)]
    public void EveryLinearizationAppliesAfterTheLinearPart(Linearization l, byte raw, double expected)
    {
        Assert.Equal(expected, Linear(1, l: l).ToPhysical(raw)!.Value, 9);
    }

    [Fact]
    public void LinearizationWithoutARealResultIsNoReading()
    {
        Assert.Null(Linear(-1, l: Linearization.Ln).ToPhysical(5));
        Assert.Null(Linear(1, l: Linearization.Reciprocal).ToPhysical(0));
    }

    [Theory]
    [InlineData(AnalogDataFormat.Unsigned, Linearization.Linear, 50, 0, 0, 0)]
    [InlineData(AnalogDataFormat.Unsigned, Linearization.Linear, 6, 0, 0, -2)]
    [InlineData(AnalogDataFormat.TwosComplement, Linearization.Linear, 3, -40, 1, -1)]
    [InlineData(AnalogDataFormat.OnesComplement, Linearization.Linear, 1, 0, 0, 0)]
    [InlineData(AnalogDataFormat.Unsigned, Linearization.SquareRoot, 100, 0, 0, 0)]
    [InlineData(AnalogDataFormat.Unsigned, Linearization.Log10, 1, 1, 0, 0)]
    [InlineData(AnalogDataFormat.Unsigned, Linearization.Exp2, 1, 0, 0, -4)]
    public void ToRawInvertsToPhysicalForEveryRawByte(AnalogDataFormat format, Linearization l, short m, short b, sbyte k1, sbyte k2)
    {
        var c = new SensorConversion(format, l, m, b, k1, k2);
        for (int raw = 0; raw < 256; raw++)
        {
            if (format == AnalogDataFormat.OnesComplement && raw == 0xFF)
            {
                continue; // -0 reads as 0, which writes back as 00h
            }
            double? y = c.ToPhysical((byte)raw);
            if (y is { } value)
            {
                Assert.Equal((byte)raw, c.ToRaw(value));
            }
        }
    }

    [Fact]
    public void ToRawClampsToTheFormatsRange()
    {
        Assert.Equal(0xFF, Linear(50).ToRaw(1_000_000));
        Assert.Equal(0x00, Linear(50).ToRaw(-1_000_000));
        Assert.Equal(0x7F, Linear(1, format: AnalogDataFormat.TwosComplement).ToRaw(500));
        Assert.Equal(0x80, Linear(1, format: AnalogDataFormat.TwosComplement).ToRaw(-500));
        Assert.Equal(0x80, Linear(1, format: AnalogDataFormat.OnesComplement).ToRaw(-500)); // -127
        Assert.Equal(0x00, Linear(1).ToRaw(double.NaN));
    }

    [Fact]
    public void ToRawRoundsToTheNearestCount()
    {
        // 50 RPM per count: 1013 RPM is nearest to 20 counts (1000), 1030 to 21 (1050).
        Assert.Equal(20, Linear(50).ToRaw(1013));
        Assert.Equal(21, Linear(50).ToRaw(1030));
    }

    [Fact]
    public void HysteresisIgnoresTheOffsetB()
    {
        Assert.Equal(6.0, Linear(3, b: 100).HysteresisToPhysical(2));
    }

    [Fact]
    public void ToleranceAndAccuracyAreInUnitsAndPercent()
    {
        var c = new SensorConversion(AnalogDataFormat.Unsigned, Linearization.Linear, 6, 0, 0, -2, Tolerance: 4, Accuracy: 150, AccuracyExponent: 1);
        Assert.Equal(0.12, c.ToleranceInUnits, 12);
        Assert.Equal(15.0, c.AccuracyPercent, 12);
    }

    private static byte[] BuildFullRecord(byte[] factors)
    {
        var record = new List<byte>
        {
            0x07, 0x00, 0x51, 0x01, 0, // header; length set below
            0x20, 0x00, 0x09, 0x03, 0x01, 0x7F, 0x68, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x3F, 0x3F, // bytes 6-20
            0x00, 0x01, 0x00, // units: unsigned, degrees C
            0x00, // linear
        };
        record.AddRange(factors);
        record.AddRange(new byte[] { 0x00, 0, 0, 0, 0xFF, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }); // bytes 31-47
        record.Add(0xC4);
        record.AddRange("Test"u8.ToArray());
        record[4] = (byte)(record.Count - 5);
        return [.. record];
    }
}
