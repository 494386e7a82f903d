using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;
using Lifeline.Ipmi.Tests.Vectors;

namespace Lifeline.Ipmi.Tests.Sdr;

public class SdrRecordTests
{
    [Fact]
    public void CapturedRepositoryParsesIntoItsSixRecords()
    {
        var sdr = IpmiSimVectors.Sdr();
        Assert.Equal(
            [SdrRecordType.McDeviceLocator, SdrRecordType.FullSensor, SdrRecordType.FullSensor, SdrRecordType.FullSensor,
             SdrRecordType.FullSensor, SdrRecordType.CompactSensor],
            sdr.Select(r => r.RecordType));
        Assert.All(sdr, r => Assert.Equal(SdrRecord.CurrentVersion, r.Version));
        Assert.Equal(["OOB Sim BMC", "CPU Temp", "Inlet Temp", "Fan 1", "P12V Rail", "PSU1 Status"],
            sdr.Select(r => r switch { McDeviceLocatorRecord m => m.IdString, SensorRecord s => s.IdString, _ => "" }));
    }

    [Fact]
    public void McLocatorMatchesIpmitoolElistAll()
    {
        // "OOB Sim BMC      | 00h | ok  |  7.1 | Dynamic MC @ 20h"
        var mc = Assert.IsType<McDeviceLocatorRecord>(IpmiSimVectors.Sdr()[0]);
        Assert.Equal(0x20, mc.SlaveAddress);
        Assert.False(mc.IsStatic);
        Assert.Equal(0, mc.Channel);
        Assert.Equal((7, 1), (mc.EntityId, mc.EntityInstance));
        Assert.Equal(McCapabilities.ChassisDevice | McCapabilities.FruInventory | McCapabilities.SelDevice
            | McCapabilities.SdrRepository | McCapabilities.SensorDevice, mc.Capabilities);
        string line = IpmiSimVectors.Lines(Path.Combine("initial", "sdr-elist-all.txt"))[0];
        Assert.Equal(IpmiSimVectors.Normalize(line),
            $"{mc.IdString} | 00h | ok | {mc.EntityId}.{mc.EntityInstance} | {(mc.IsStatic ? "Static" : "Dynamic")} MC @ {mc.SlaveAddress:X2}h");
    }

    [Fact]
    public void FullRecordFieldsMatchTheSimulatorsSdrSource()
    {
        // /work/shared/peers/ipmi/sim/bmc.sdrs, sensor 4: P12V Rail, M = 6, R exp = -2, lc 180, uc 220
        var rail = IpmiSimVectors.Sdr().OfType<FullSensorRecord>().Single(r => r.SensorNumber == 4);
        Assert.Equal(0x20, rail.OwnerId);
        Assert.Equal(0, rail.OwnerLun);
        Assert.Equal(SensorType.Voltage, rail.SensorType);
        Assert.Equal(EventReadingType.Threshold, rail.EventReadingType);
        Assert.Equal((19, 1), (rail.EntityId, rail.EntityInstance));
        Assert.Equal(SensorUnit.Volts, rail.Units.BaseUnit);
        Assert.Equal(AnalogDataFormat.Unsigned, rail.Units.AnalogFormat);
        Assert.Equal((6, 0, 0, -2), (rail.Conversion.M, rail.Conversion.B, (int)rail.Conversion.BExponent, (int)rail.Conversion.RExponent));
        Assert.Equal(Linearization.Linear, rail.Conversion.Linearization);
        Assert.Equal(SensorDirection.Input, rail.Direction);
        Assert.Equal(220, rail.Thresholds.UpperCritical);
        Assert.Equal(180, rail.Thresholds.LowerCritical);
        Assert.Equal(ThresholdMask.UpperCritical | ThresholdMask.LowerCritical, rail.ReadableThresholds);
        Assert.Equal(ThresholdAccess.Readable, rail.Capabilities.ThresholdAccess);
        Assert.Equal((0, 255), (rail.SensorMinimum, rail.SensorMaximum));
        Assert.Equal(13.2, rail.ThresholdValue(ThresholdMask.UpperCritical)!.Value, 9);
    }

    [Fact]
    public void CompactRecordFieldsMatchTheSimulatorsSdrSource()
    {
        var psu = IpmiSimVectors.Sdr().OfType<CompactSensorRecord>().Single();
        Assert.Equal(5, psu.SensorNumber);
        Assert.Equal(SensorType.PowerSupply, psu.SensorType);
        Assert.Equal(EventReadingType.SensorSpecific, psu.EventReadingType);
        Assert.Equal((10, 1), (psu.EntityId, psu.EntityInstance));
        Assert.Equal(0, psu.ShareCount);
        Assert.Equal("PSU1 Status", psu.NameOf(5));
    }

    [Fact]
    public void EveryCapturedRecordEncodesBackToItsBytes()
    {
        var sdr = IpmiSimVectors.Sdr();
        Assert.All(sdr, r => Assert.Equal(r.Raw.ToArray(), r.Encode()));
        Assert.Equal(IpmiSimVectors.Bytes("sdr.bin"), sdr.Encode());
    }

    [Fact]
    public void BuiltFullRecordRoundTrips()
    {
        var built = new FullSensorRecord
        {
            RecordId = 0x0102,
            OwnerId = 0x20,
            Channel = 2,
            OwnerLun = 1,
            SensorNumber = 0x30,
            EntityId = 0x03,
            EntityInstance = 2,
            LogicalEntity = true,
            Initialization = SensorInitialization.InitScanning | SensorInitialization.InitThresholds | SensorInitialization.ScanningEnabledByDefault,
            Capabilities = new SensorCapabilities(false, true, HysteresisSupport.Readable, ThresholdAccess.ReadableSettable, EventMessageControl.PerThreshold),
            SensorType = SensorType.Temperature,
            EventReadingType = EventReadingType.Threshold,
            AssertionMask = 0x0A80,
            DeassertionMask = 0x7A80,
            ReadingMask = 0x3838,
            Units = new SensorUnits(AnalogDataFormat.TwosComplement, SensorRateUnit.None, ModifierUnitRelation.None, false, SensorUnit.DegreesC, SensorUnit.Unspecified),
            Conversion = new SensorConversion(AnalogDataFormat.None, Linearization.Linear, -300, 400, -2, 3, 7, 513, 2),
            Direction = SensorDirection.Output,
            NominalReadingSpecified = true,
            NominalReading = 40,
            NormalMaximum = 80,
            SensorMaximum = 0x7F,
            SensorMinimum = 0x80,
            Thresholds = new SensorThresholds(100, 90, 80, 1, 2, 3),
            PositiveHysteresis = 2,
            NegativeHysteresis = 3,
            Oem = 0x5A,
            IdString = "CPU2 Temp",
        };
        var parsed = Assert.IsType<FullSensorRecord>(SdrRecord.Parse(built.Encode()));
        Assert.Equal(built.Encode(), parsed.Encode());
        Assert.Equal(0x0102, parsed.RecordId);
        Assert.Equal((2, 1, true), (parsed.Channel, parsed.OwnerLun, parsed.LogicalEntity));
        Assert.Equal(built.Capabilities, parsed.Capabilities);
        // the analog format of the conversion is the record's (Units), whatever the built Conversion said
        Assert.Equal(built.Conversion, parsed.Conversion);
        Assert.Equal(AnalogDataFormat.TwosComplement, parsed.Conversion.AnalogFormat);
        Assert.Equal(built.Thresholds, parsed.Thresholds);
        Assert.Equal("CPU2 Temp", parsed.IdString);
        Assert.Equal(0x5A, parsed.Oem);
    }

    [Fact]
    public void CompactRecordSharedBySeveralSensorsNamesEachOne()
    {
        // §43.2's example: "Temp " shared by 3 sensors, numeric offset 5 → Temp 5..7; alpha offset 26 → Temp BA..BC.
        var numeric = new CompactSensorRecord { SensorNumber = 0x40, IdString = "Temp ", ShareCount = 3, ModifierOffset = 5, EntityInstance = 1, EntityInstanceIncrements = true };
        var alpha = new CompactSensorRecord { SensorNumber = 0x40, IdString = "Temp ", ShareCount = 3, Modifier = IdStringModifier.Alpha, ModifierOffset = 26 };
        Assert.Equal(["Temp 5", "Temp 6", "Temp 7"], new byte[] { 0x40, 0x41, 0x42 }.Select(numeric.NameOf));
        Assert.Equal(["Temp BA", "Temp BB", "Temp BC"], new byte[] { 0x40, 0x41, 0x42 }.Select(alpha.NameOf));
        Assert.True(numeric.Covers(0x42));
        Assert.False(numeric.Covers(0x43));
        Assert.Equal(3, numeric.EntityInstanceOf(0x42));

        var parsed = Assert.IsType<CompactSensorRecord>(SdrRecord.Parse(alpha.Encode()));
        Assert.Equal((IdStringModifier.Alpha, (byte)3, (byte)26), (parsed.Modifier, parsed.ShareCount, parsed.ModifierOffset));
        Assert.Equal(alpha.Encode(), parsed.Encode());
    }

    [Fact]
    public void EventOnlyRecordRoundTrips()
    {
        var built = new EventOnlySensorRecord
        {
            RecordId = 9,
            OwnerId = 0x21, // system software ID 10h
            Channel = 1,
            FruOwnerLun = 2,
            OwnerLun = 3,
            SensorNumber = 0x80,
            EntityId = 0x22,
            EntityInstance = 1,
            SensorType = SensorType.SystemFirmwareProgress,
            EventReadingType = EventReadingType.SensorSpecific,
            ShareCount = 2,
            Modifier = IdStringModifier.Numeric,
            ModifierOffset = 1,
            IdString = "POST ",
        };
        byte[] bytes = built.Encode();
        Assert.Equal(5 + 12 + 5, bytes.Length);
        var parsed = Assert.IsType<EventOnlySensorRecord>(SdrRecord.Parse(bytes));
        Assert.Equal(bytes, parsed.Encode());
        Assert.Equal((0x21, 1, 2, 3), (parsed.OwnerId, parsed.Channel, parsed.FruOwnerLun, parsed.OwnerLun));
        Assert.Equal("POST 2", parsed.NameOf(0x81));
    }

    [Fact]
    public void FruLocatorRoundTrips()
    {
        var built = new FruDeviceLocatorRecord
        {
            RecordId = 0x20,
            DeviceAccessAddress = 0x20,
            FruDeviceId = 1,
            IsLogical = true,
            AccessLun = 0,
            Channel = 0,
            DeviceType = 0x10,
            DeviceTypeModifier = 0x00,
            EntityId = 0x0A,
            EntityInstance = 1,
            IdString = "PSU1 FRU",
        };
        byte[] bytes = built.Encode();
        Assert.Equal([0x20, 0x00, 0x51, 0x11, 19, 0x20, 0x01, 0x80, 0x00, 0x00, 0x10, 0x00, 0x0A, 0x01, 0x00, 0xC8], bytes[..16]);
        var parsed = Assert.IsType<FruDeviceLocatorRecord>(SdrRecord.Parse(bytes));
        Assert.Equal(bytes, parsed.Encode());
        Assert.Equal("PSU1 FRU", parsed.IdString);
        Assert.True(parsed.IsLogical);
    }

    [Fact]
    public void McLocatorBuiltRecordRoundTrips()
    {
        var built = new McDeviceLocatorRecord
        {
            SlaveAddress = 0x20, IsStatic = true, GlobalInitialization = McGlobalInitialization.DisableEventGeneration,
            Capabilities = McCapabilities.SensorDevice | McCapabilities.SelDevice, EntityId = 0x07, EntityInstance = 1, IdString = "BMC",
        };
        var parsed = Assert.IsType<McDeviceLocatorRecord>(SdrRecord.Parse(built.Encode()));
        Assert.Equal(built.Encode(), parsed.Encode());
        Assert.True(parsed.IsStatic);
        Assert.Equal(McGlobalInitialization.DisableEventGeneration, parsed.GlobalInitialization);
    }

    [Fact]
    public void OemAndUnknownRecordsKeepTheirBytes()
    {
        byte[] oem = [0x30, 0x00, 0x51, 0xC0, 0x06, 0x57, 0x01, 0x00, 0xAA, 0xBB, 0xCC];
        var o = Assert.IsType<OemSdrRecord>(SdrRecord.Parse(oem));
        Assert.Equal(0x000157u, o.ManufacturerId);
        Assert.Equal([0xAA, 0xBB, 0xCC], o.Data);
        Assert.Equal(oem, o.Encode());

        byte[] association = [0x31, 0x00, 0x51, 0x08, 0x03, 0x07, 0x01, 0x00];
        var u = Assert.IsType<UnknownSdrRecord>(SdrRecord.Parse(association));
        Assert.Equal(SdrRecordType.EntityAssociation, u.RecordType);
        Assert.Equal(association, u.Encode());
    }

    [Theory]
    [InlineData(FruFieldEncoding.Text, "CPU Temp")]
    [InlineData(FruFieldEncoding.SixBitAscii, "CPU TEMP 1")]
    [InlineData(FruFieldEncoding.BcdPlus, "12-34.5")]
    public void IdStringsDecodeInEveryEncoding(FruFieldEncoding encoding, string text)
    {
        var built = new CompactSensorRecord { SensorNumber = 1, SensorType = SensorType.Temperature, IdString = text, IdStringEncoding = encoding };
        var parsed = Assert.IsType<CompactSensorRecord>(SdrRecord.Parse(built.Encode()));
        Assert.Equal(text, parsed.IdString);
        Assert.Equal(encoding, parsed.IdStringEncoding);
    }

    [Fact]
    public void SixBitIdStringPacksFourCharactersInThreeBytes()
    {
        // "ABCD": 21h 22h 23h 24h → 21h | 22h<<6 | 23h<<12 | 24h<<18 = 9238A1h, LSB first: A1 38 92
        var built = new CompactSensorRecord { IdString = "ABCD", IdStringEncoding = FruFieldEncoding.SixBitAscii };
        byte[] bytes = built.Encode();
        Assert.Equal([0x83, 0xA1, 0x38, 0x92], bytes[^4..]);
    }

    [Fact]
    public void IdStringLongerThanSixteenBytesIsRefused()
    {
        var built = new CompactSensorRecord { IdString = "Seventeen chars!!" };
        var ex = Assert.Throws<IpmiException>(() => built.Encode());
        Assert.Equal(IpmiError.InvalidRequest, ex.Error);
    }

    [Fact]
    public void RecordShorterThanItsLengthByteIsMalformed()
    {
        byte[] record = IpmiSimVectors.Sdr()[1].Raw.ToArray();
        var ex = Assert.Throws<IpmiException>(() => SdrRecord.Parse(record.AsSpan(0, record.Length - 1)));
        Assert.Equal(IpmiError.MalformedResponse, ex.Error);
        Assert.Throws<IpmiException>(() => SdrRecord.Parse([0x01, 0x00, 0x51]));
    }

    [Fact]
    public void RecordShorterThanItsFixedFieldsIsMalformed()
    {
        // A full sensor record whose length byte says 20: it ends in the middle of the factors.
        byte[] record = IpmiSimVectors.Sdr()[1].Raw.ToArray()[..25];
        record[4] = 20;
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => SdrRecord.Parse(record)).Error);
    }

    [Fact]
    public void IdStringCutShortKeepsWhatIsThere()
    {
        // BMC quirk (seen in the wild): the type/length byte claims more ID bytes than the record length holds.
        byte[] record = IpmiSimVectors.Sdr()[1].Raw.ToArray(); // "CPU Temp", C8h
        record[^9] = 0xCC; // claims 12 bytes, 8 present
        var parsed = Assert.IsType<FullSensorRecord>(SdrRecord.Parse(record));
        Assert.Equal("CPU Temp", parsed.IdString);
    }

    [Fact]
    public void RepositoryFindsSensorsByOwnerAndNumber()
    {
        var sdr = IpmiSimVectors.Sdr();
        Assert.Equal("Fan 1", (sdr.FindSensor(0x0020, 3) as SensorRecord)?.IdString);
        Assert.Null(sdr.FindSensor(0x0020, 0x10));
        Assert.Null(sdr.FindSensor(0x0041, 3)); // another owner (system software 20h)
    }
}
