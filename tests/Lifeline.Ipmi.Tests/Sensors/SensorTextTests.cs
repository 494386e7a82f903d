using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Tests.Sensors;

public class SensorTextTests
{
    private static SensorUnits Units(SensorUnit b, SensorUnit m = SensorUnit.Unspecified, ModifierUnitRelation r = ModifierUnitRelation.None,
        bool pct = false, SensorRateUnit rate = SensorRateUnit.None) => new(AnalogDataFormat.Unsigned, rate, r, pct, b, m);

    [Theory]
    [InlineData(SensorUnit.DegreesC, "degrees C")]
    [InlineData(SensorUnit.Rpm, "RPM")]
    [InlineData(SensorUnit.Volts, "Volts")]
    [InlineData(SensorUnit.Amps, "Amps")]
    [InlineData(SensorUnit.Watts, "Watts")]
    [InlineData(SensorUnit.Cfm, "CFM")]
    [InlineData(SensorUnit.ColorTemperatureK, "color temp deg K")]
    [InlineData(SensorUnit.Grams, "grams")]
    [InlineData((SensorUnit)93, "invalid")]
    public void UnitNamesAreIpmitoolsWords(SensorUnit unit, string text)
    {
        Assert.Equal(text, unit.Text());
    }

    [Fact]
    public void UnitFormatterCombinesBaseModifierPercentageAndRate()
    {
        Assert.Equal("degrees C", Units(SensorUnit.DegreesC).ToString());
        Assert.Equal("percent", Units(SensorUnit.Unspecified, pct: true).ToString());
        Assert.Equal("% RPM", Units(SensorUnit.Rpm, pct: true).ToString());
        Assert.Equal("CFM/minute", Units(SensorUnit.Cfm, SensorUnit.Minute, ModifierUnitRelation.Divide).ToString());
        Assert.Equal("Watts*hour", Units(SensorUnit.Watts, SensorUnit.Hour, ModifierUnitRelation.Multiply).ToString());
        Assert.Equal("revolutions per minute", Units(SensorUnit.Revolutions, rate: SensorRateUnit.PerMinute).ToString());
    }

    [Fact]
    public void UnitBytesRoundTrip()
    {
        var units = new SensorUnits(AnalogDataFormat.TwosComplement, SensorRateUnit.PerSecond, ModifierUnitRelation.Divide, true, SensorUnit.Cfm, SensorUnit.Minute);
        var bytes = new byte[3];
        units.Write(bytes);
        Assert.Equal([0x80 | (3 << 3) | (1 << 1) | 1, 17, 23], bytes);
        Assert.Equal(units, SensorUnits.Read(bytes));
    }

    [Theory]
    [InlineData(SensorType.Temperature, "Temperature")]
    [InlineData(SensorType.Voltage, "Voltage")]
    [InlineData(SensorType.Fan, "Fan")]
    [InlineData(SensorType.PowerSupply, "Power Supply")]
    [InlineData(SensorType.Memory, "Memory")]
    [InlineData(SensorType.Processor, "Processor")]
    [InlineData(SensorType.DriveSlot, "Drive Slot / Bay")]
    [InlineData(SensorType.SystemFirmwareProgress, "System Firmwares")]
    [InlineData(SensorType.FruState, "FRU State")]
    [InlineData((SensorType)0x2D, "Unknown")]
    [InlineData((SensorType)0xC0, "Unknown")]
    public void SensorTypeNamesAreIpmitoolsWords(SensorType type, string text)
    {
        Assert.Equal(text, type.Text());
    }

    [Theory]
    [InlineData(SensorType.Processor, 0x00, "IERR")]
    [InlineData(SensorType.Processor, 0x0B, "Uncorrectable machine check exception")]
    [InlineData(SensorType.PowerSupply, 0x01, "Failure detected")]
    [InlineData(SensorType.PowerSupply, 0x07, "Power Supply Inactive")]
    [InlineData(SensorType.PowerUnit, 0x00, "Power off/down")]
    [InlineData(SensorType.Memory, 0x00, "Correctable ECC")]
    [InlineData(SensorType.Memory, 0x01, "Uncorrectable ECC")]
    [InlineData(SensorType.SystemEvent, 0x05, "Timestamp Clock Sync")]
    [InlineData(SensorType.Watchdog2, 0x01, "Hard reset")]
    [InlineData(SensorType.EventLoggingDisabled, 0x02, "Log area reset/cleared")]
    [InlineData(SensorType.SystemFirmwareProgress, 0x02, "Unknown Progress")]
    [InlineData(SensorType.PhysicalSecurity, 0x00, "General Chassis intrusion")]
    [InlineData(SensorType.ButtonSwitch, 0x02, "Reset Button pressed")]
    [InlineData(SensorType.DriveSlot, 0x01, "Drive Fault")]
    [InlineData(SensorType.CriticalInterrupt, 0x04, "PCI PERR")]
    [InlineData(SensorType.OsBoot, 0x01, "C: boot completed")]
    [InlineData(SensorType.SystemAcpiPowerState, 0x05, "S5/G2: soft-off")]
    [InlineData(SensorType.EntityPresence, 0x01, "Absent")]
    public void SensorSpecificOffsetsHaveTable42_3Texts(SensorType type, int offset, string text)
    {
        Assert.Equal(text, SensorEventText.StateText(type, EventReadingType.SensorSpecific, offset));
    }

    [Fact]
    public void ModuleBoardHasNoSensorSpecificOffsets()
    {
        // Table 42-3 defines none for Module/Board (15h); ipmitool prints an empty description too.
        Assert.Null(SensorEventText.StateText(SensorType.ModuleBoard, EventReadingType.SensorSpecific, 0));
    }

    [Fact]
    public void GenericOffsetsHaveTable42_2Texts()
    {
        Assert.Equal("Upper Critical going high", SensorEventText.StateText(SensorType.Temperature, EventReadingType.Threshold, 9));
        Assert.Equal("State Asserted", SensorEventText.StateText(SensorType.Processor, EventReadingType.DigitalState, 1));
        Assert.Equal("Redundancy Lost", SensorEventText.StateText(SensorType.PowerSupply, EventReadingType.Redundancy, 1));
        Assert.Null(SensorEventText.StateText(SensorType.Temperature, (EventReadingType)0x70, 0));
    }

    [Fact]
    public void EventData2RefinesFirmwareProgressAndVersionChange()
    {
        Assert.Equal("USB resource configuration", SensorEventText.EventText(SensorType.SystemFirmwareProgress, EventReadingType.SensorSpecific, 0xC2, 0x06, 0xFF));
        Assert.Equal("No usable system memory", SensorEventText.EventText(SensorType.SystemFirmwareProgress, EventReadingType.SensorSpecific, 0xC0, 0x02, 0xFF));
        Assert.Equal("Unknown Progress", SensorEventText.EventText(SensorType.SystemFirmwareProgress, EventReadingType.SensorSpecific, 0x02, 0x06, 0xFF));
        Assert.Equal("Firmware or software change detected, BIOS/EFI change",
            SensorEventText.EventText(SensorType.VersionChange, EventReadingType.SensorSpecific, 0xC1, 0x09, 0xFF));
    }

    [Fact]
    public void PowerSupplyConfigErrorTypeComesFromEventData3OrIpmitoolsEventData2()
    {
        // Spec: ED1 [5:4] = 11b, type in ED3 [3:0].
        Assert.Equal("Config Error: Voltage Rating Mismatch", SensorEventText.EventText(SensorType.PowerSupply, EventReadingType.SensorSpecific, 0x36, 0xFF, 0x04));
        // What ipmitool reads (and ipmi_sim logged in the vectors): ED2.
        Assert.Equal("Config Error: Revision Mismatch", SensorEventText.EventText(SensorType.PowerSupply, EventReadingType.SensorSpecific, 0x86, 0x01, 0xFF));
        Assert.Equal("Config Error", SensorEventText.EventText(SensorType.PowerSupply, EventReadingType.SensorSpecific, 0x06, 0xFF, 0xFF));
    }

    [Fact]
    public void StatesListsEveryAssertedOffsetInOrder()
    {
        Assert.Equal(["Presence detected", "Failure detected"], SensorEventText.States(SensorType.PowerSupply, EventReadingType.SensorSpecific, 0x0003));
        Assert.Equal(["Critical Overtemperature"], SensorEventText.States(SensorType.Memory, EventReadingType.SensorSpecific, 0x0400));
        Assert.Empty(SensorEventText.States(SensorType.PowerSupply, EventReadingType.SensorSpecific, 0x4000));
    }

    [Theory]
    [InlineData(SensorType.Temperature, EventReadingType.Threshold, 7, false, EventSeverity.Warning)] // upper non-critical
    [InlineData(SensorType.Temperature, EventReadingType.Threshold, 9, false, EventSeverity.Critical)] // upper critical
    [InlineData(SensorType.Fan, EventReadingType.Threshold, 4, false, EventSeverity.Critical)] // lower non-recoverable
    [InlineData(SensorType.Fan, EventReadingType.Threshold, 2, true, EventSeverity.Info)] // deassertion
    [InlineData(SensorType.Memory, EventReadingType.SensorSpecific, 0, false, EventSeverity.Warning)] // correctable ECC
    [InlineData(SensorType.Memory, EventReadingType.SensorSpecific, 1, false, EventSeverity.Critical)] // uncorrectable ECC
    [InlineData(SensorType.PowerSupply, EventReadingType.SensorSpecific, 1, false, EventSeverity.Critical)] // PSU failure
    [InlineData(SensorType.PowerSupply, EventReadingType.SensorSpecific, 0, false, EventSeverity.Info)] // presence
    [InlineData(SensorType.Processor, EventReadingType.SensorSpecific, 0, false, EventSeverity.Critical)] // IERR
    [InlineData(SensorType.PowerUnit, EventReadingType.SensorSpecific, 0, false, EventSeverity.Info)] // power off
    [InlineData(SensorType.PhysicalSecurity, EventReadingType.SensorSpecific, 0, false, EventSeverity.Warning)] // intrusion
    [InlineData(SensorType.Temperature, EventReadingType.Severity, 2, false, EventSeverity.Critical)]
    [InlineData(SensorType.ButtonSwitch, EventReadingType.SensorSpecific, 0, false, EventSeverity.Info)]
    public void SeverityFollowsWhatTheOffsetMeans(SensorType type, EventReadingType eventType, int offset, bool deassertion, EventSeverity expected)
    {
        Assert.Equal(expected, SensorEventText.Severity(type, eventType, offset, deassertion));
    }
}
