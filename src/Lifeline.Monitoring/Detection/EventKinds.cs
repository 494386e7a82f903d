namespace Lifeline.Monitoring.Detection;

/// <summary>
/// The stable event classifiers <see cref="EventClassifier"/> assigns to <see cref="Model.NewEvent.Kind"/>; rules and
/// the trend detector match on these, never on BMC wording.
/// </summary>
public static class EventKinds
{
    public const string MemoryCorrectable = "memory-correctable";
    /// <summary>The BMC stopped logging correctable errors because there were too many.</summary>
    public const string MemoryCorrectableLimit = "memory-correctable-limit";
    public const string MemoryUncorrectable = "memory-uncorrectable";
    public const string PsuFailure = "psu-failure";
    public const string PsuPredictiveFailure = "psu-predictive-failure";
    public const string PsuInputLost = "psu-input-lost";
    public const string PsuRedundancyLost = "psu-redundancy-lost";
    public const string FanFailure = "fan-failure";
    public const string Temperature = "temperature";
    public const string ProcessorError = "processor-error";
    public const string CriticalInterrupt = "critical-interrupt";
    public const string PowerOff = "power-off";
    public const string PowerOn = "power-on";
    public const string SelCleared = "sel-cleared";
    public const string SelFull = "sel-full";
}
