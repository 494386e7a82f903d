namespace Lifeline.Drivers;

/// <summary>The <see cref="BmcLogEvent.Kind"/> words: stable classifiers for the records monitoring rules look for.</summary>
public static class EventKinds
{
    /// <summary>A threshold sensor crossed (or came back past) a threshold.</summary>
    public const string Threshold = "threshold";

    /// <summary>Memory (0Ch) offset 0: correctable ECC.</summary>
    public const string MemoryCorrectable = "memory-correctable";

    /// <summary>Memory (0Ch) offset 1: uncorrectable ECC.</summary>
    public const string MemoryUncorrectable = "memory-uncorrectable";

    /// <summary>Power Supply (08h) offset 1: failure detected.</summary>
    public const string PsuFailure = "psu-failure";

    /// <summary>Redundancy event type (0Bh) offset 1 on a power supply / power unit sensor: redundancy lost.</summary>
    public const string PsuRedundancyLost = "psu-redundancy-lost";

    /// <summary>Event Logging Disabled (10h) offset 2: log area reset/cleared.</summary>
    public const string SelCleared = "sel-cleared";
}
