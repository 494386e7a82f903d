using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Detection;

public sealed class EventClassifierTests
{
    [Theory]
    // IPMI SEL as the driver stores it: sensor = "<type> <name>", message = "<event> | <direction> | <detail>"
    [InlineData("Memory DIMM A", "Correctable ECC | Asserted", EventKinds.MemoryCorrectable)]
    [InlineData("Memory #0x48", "Uncorrectable ECC | Asserted", EventKinds.MemoryUncorrectable)]
    [InlineData("Memory Memory ECC", "Correctable ECC logging limit reached | Asserted", EventKinds.MemoryCorrectableLimit)]
    [InlineData("Power Supply PSU1 Status", "Failure detected | Asserted", EventKinds.PsuFailure)]
    [InlineData("Power Supply PSU2 Status", "Power Supply AC lost | Asserted", EventKinds.PsuInputLost)]
    [InlineData("Power Supply PSU2 Status", "Predictive failure | Asserted", EventKinds.PsuPredictiveFailure)]
    [InlineData("Power Supply PS Redundancy", "Redundancy Lost | Asserted", EventKinds.PsuRedundancyLost)]
    [InlineData("Fan Fan3", "Lower Critical going low | Asserted | Reading 540 < Threshold 600 RPM", EventKinds.FanFailure)]
    [InlineData("Temperature CPU1 Temp", "Upper Critical going high | Asserted | Reading 92 > Threshold 89 degrees C", EventKinds.Temperature)]
    [InlineData("Event Logging Disabled Event Log", "Log area reset/cleared | Asserted", EventKinds.SelCleared)]
    [InlineData("Event Logging Disabled Event Log", "Log full | Asserted", EventKinds.SelFull)]
    [InlineData("Processor CPU2 Status", "IERR | Asserted", EventKinds.ProcessorError)]
    [InlineData("Power Unit Power Unit", "Power off/down | Asserted", EventKinds.PowerOff)]
    [InlineData("System Boot/Restart System Boot", "Initiated by power up | Asserted", EventKinds.PowerOn)]
    // the simulator's Redfish log text and Redfish registry messages
    [InlineData("Memory", "Memory ECC: Correctable ECC Asserted", EventKinds.MemoryCorrectable)]
    [InlineData("ResourceEvent.1.0.ResourceErrorThresholdExceeded", "The resource /redfish/v1/Systems/1/Memory/DIMM1 has exceeded its error threshold", EventKinds.MemoryCorrectable)]
    [InlineData("Power Supply / Converter", "PSU1 Status: Failure detected Asserted", EventKinds.PsuFailure)]
    [InlineData("OS Boot", "C: boot completed | Asserted", null)]
    public void SelAndRedfishTextClassifies(string sensor, string message, string? kind) =>
        Assert.Equal(kind, EventClassifier.Classify(sensor, message));

    [Fact]
    public void ANewEventIsClassifiedFromItsFields()
    {
        var e = new NewEvent("n1", DateTimeOffset.UnixEpoch, Severity.Warning, EventSources.Sel, "Correctable ECC | Asserted", "Memory DIMM B", "k");
        Assert.Equal(EventKinds.MemoryCorrectable, EventClassifier.Classify(e));
    }

    [Fact]
    public void DeassertionsAreRecognised()
    {
        Assert.True(EventClassifier.IsDeassertion("Failure detected | Deasserted"));
        Assert.False(EventClassifier.IsDeassertion("Failure detected | Asserted"));
    }
}
