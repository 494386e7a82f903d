using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

/// <summary>
/// Gives an event a stable <see cref="EventKinds">kind</see> from its text. Understands the IPMI SEL wording
/// (<c>SelFormatter</c>: sensor "Memory DIMM A", message "Correctable ECC | Asserted", after IPMI v2.0 Table 42-3),
/// the Redfish log and event wording (registry MessageIds such as <c>ResourceEvent.1.0.ResourceErrorThresholdExceeded</c>
/// or the message text), and the simulator's "Memory ECC: Correctable ECC Asserted". Deassertions classify like
/// their assertion: the kind says what the event is about, the message says which way it went.
/// </summary>
public static class EventClassifier
{
    /// <summary>The kind of a new event, or null when none of the known kinds fits.</summary>
    public static string? Classify(NewEvent newEvent)
    {
        ArgumentNullException.ThrowIfNull(newEvent);
        return Classify(newEvent.Sensor, newEvent.Message, newEvent.Raw);
    }

    /// <summary>The kind from the sensor (or resource / MessageId), the message, and optionally the raw record.</summary>
    public static string? Classify(string? sensor, string? message, string? raw = null)
    {
        string text = $"{sensor} | {message}";
        // A Redfish entry's JSON carries the MessageId; SEL raw bytes are hex and say nothing to a text match.
        string rawText = raw is not null && raw.Contains("MessageId", StringComparison.OrdinalIgnoreCase) ? raw : "";
        return Match(text) ?? (rawText.Length > 0 ? Match(rawText) : null);
    }

    /// <summary>True when the message says the condition went away ("Deasserted", Redfish "...Cleared"/"OK").</summary>
    public static bool IsDeassertion(string? message) =>
        message is not null
        && (Has(message, "Deasserted") || Has(message, "ThresholdCleared") || Has(message, "ResourceErrorsCorrected")
            || Has(message, "returned to normal"));

    private static string? Match(string t)
    {
        // Event log itself (Table 42-3 Event Logging Disabled, sensor type 10h).
        if (Has(t, "Log area reset") || Has(t, "Log cleared") || Has(t, "LogCleared") || Has(t, "SEL cleared") || Has(t, "event log cleared"))
        {
            return EventKinds.SelCleared;
        }
        if (Has(t, "Log full") || Has(t, "SEL full") || Has(t, "Log almost full") || Has(t, "LogFull") || Has(t, "log is full"))
        {
            return EventKinds.SelFull;
        }

        // Memory (Table 42-3 sensor type 0Ch), Redfish Memory / ResourceEvent messages.
        if (Has(t, "logging limit reached") || (Has(t, "Correctable") && Has(t, "limit")))
        {
            return EventKinds.MemoryCorrectableLimit;
        }
        if (Has(t, "Uncorrectable ECC") || Has(t, "UncorrectableError") || Has(t, "uncorrectable memory")
            || (IsMemory(t) && (Has(t, "Uncorrectable") || Has(t, "Parity"))))
        {
            return EventKinds.MemoryUncorrectable;
        }
        if (Has(t, "Correctable ECC") || Has(t, "CorrectableError") || Has(t, "correctable memory")
            || (IsMemory(t) && (Has(t, "Correctable") || Has(t, "ResourceErrorThresholdExceeded") || Has(t, "ErrorThreshold"))))
        {
            return EventKinds.MemoryCorrectable;
        }

        // Power supplies (Table 42-3 sensor types 08h Power Supply, 09h Power Unit).
        if (Has(t, "Redundancy Lost") || Has(t, "RedundancyLost") || Has(t, "Redundancy Degraded") || Has(t, "Non-Redundant")
            || Has(t, "redundancy lost"))
        {
            return EventKinds.PsuRedundancyLost;
        }
        if (IsPsu(t))
        {
            if (Has(t, "Predictive"))
            {
                return EventKinds.PsuPredictiveFailure;
            }
            if (Has(t, "AC lost") || Has(t, "input lost") || Has(t, "InputLost") || Has(t, "out-of-range"))
            {
                return EventKinds.PsuInputLost;
            }
            if (Has(t, "Failure") || Has(t, "Fault") || Has(t, "failed") || Has(t, "Critical"))
            {
                return EventKinds.PsuFailure;
            }
        }

        // Power state (Power Unit offsets 0 power off/down, System Boot initiated by power up).
        if (Has(t, "Power off/down") || Has(t, "powered off") || Has(t, "PowerOff") || Has(t, "SystemPowerOff"))
        {
            return EventKinds.PowerOff;
        }
        if (Has(t, "Initiated by power up") || Has(t, "powered on") || Has(t, "PowerOn") || Has(t, "SystemPowerOn"))
        {
            return EventKinds.PowerOn;
        }

        // Fans and temperatures: by the sensor type the SEL prefixes, or Redfish's resource.
        if (Has(t, "Fan") && (Has(t, "going low") || Has(t, "Failure") || Has(t, "Fault") || Has(t, "Critical") || Has(t, "Redundancy")
            || Has(t, "failed") || Has(t, "Threshold")))
        {
            return EventKinds.FanFailure;
        }
        if ((Has(t, "Temperature") || Has(t, "Temp") || Has(t, "Thermal")) && (Has(t, "going") || Has(t, "Threshold")
            || Has(t, "Thermal Trip") || Has(t, "Critical") || Has(t, "Overheat") || Has(t, "over temperature")))
        {
            return EventKinds.Temperature;
        }

        if (Has(t, "IERR") || Has(t, "machine check") || Has(t, "Thermal trip") || Has(t, "FRB") || Has(t, "CPU-complex"))
        {
            return EventKinds.ProcessorError;
        }
        if (Has(t, "NMI") || Has(t, "Critical Interrupt") || Has(t, "Bus Fatal") || Has(t, "Bus Uncorrectable") || Has(t, "PCI SERR")
            || Has(t, "PCI PERR"))
        {
            return EventKinds.CriticalInterrupt;
        }
        return null;
    }

    private static bool IsMemory(string t) => Has(t, "Memory") || Has(t, "DIMM") || Has(t, "ECC");

    private static bool IsPsu(string t) => Has(t, "Power Supply") || Has(t, "PowerSupply") || Has(t, "PSU") || Has(t, "Power Unit")
        || Has(t, "PowerUnit");

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);
}
