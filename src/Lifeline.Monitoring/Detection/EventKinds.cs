namespace Lifeline.Monitoring.Detection;

/// <summary>
/// The stable event classifiers <see cref="EventClassifier"/> assigns to <see cref="Model.NewEvent.Kind"/>; rules and
/// the trend detector match on these, never on BMC wording.
/// </summary>
public static class EventKinds
{
    public const string MemoryCorrectable = Lifeline.Drivers.EventKinds.MemoryCorrectable;
    /// <summary>The BMC stopped logging correctable errors because there were too many.</summary>
    public const string MemoryCorrectableLimit = "memory-correctable-limit";
    public const string MemoryUncorrectable = Lifeline.Drivers.EventKinds.MemoryUncorrectable;
    public const string PsuFailure = Lifeline.Drivers.EventKinds.PsuFailure;
    public const string PsuPredictiveFailure = "psu-predictive-failure";
    public const string PsuInputLost = "psu-input-lost";
    public const string PsuRedundancyLost = Lifeline.Drivers.EventKinds.PsuRedundancyLost;
    public const string FanFailure = "fan-failure";
    public const string Temperature = "temperature";
    public const string ProcessorError = "processor-error";
    public const string CriticalInterrupt = "critical-interrupt";
    public const string PowerOff = "power-off";
    public const string PowerOn = "power-on";
    public const string SelCleared = Lifeline.Drivers.EventKinds.SelCleared;
    public const string SelFull = "sel-full";
}
