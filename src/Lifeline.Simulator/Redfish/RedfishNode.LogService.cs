using System.Globalization;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Redfish;

// LogService.v1_4_0 "SEL" and LogEntry.v1_15_0 (EntryType SEL): the model's IPMI SEL, entry for entry (Id = the
// IPMI record id), with the ClearLog action. Members are paged with $top/$skip and Members@odata.nextLink.
public sealed partial class RedfishNode
{
    private const string SelUri = SystemUri + "/LogServices/SEL";
    internal const int LogPageSize = 100;

    private JsonObject SelLogService()
    {
        var info = Model.GetSelInfo();
        return new JsonObject
        {
            ["@odata.id"] = SelUri,
            ["@odata.type"] = "#LogService.v1_4_0.LogService",
            ["Id"] = "SEL",
            ["Name"] = "System Event Log",
            ["Description"] = "IPMI System Event Log",
            ["MaxNumberOfRecords"] = info.Capacity,
            ["OverWritePolicy"] = Model.Options.SelFullBehavior == SelFullBehavior.Overwrite ? "WrapsWhenFull" : "NeverOverWrites",
            ["DateTime"] = RedfishJson.Time(Model.SelTime),
            ["DateTimeLocalOffset"] = "+00:00",
            ["ServiceEnabled"] = true,
            ["LogEntryType"] = "SEL",
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, info.Overflow ? Health.Warning : Health.OK),
            ["Entries"] = RedfishJson.Link(SelUri + "/Entries"),
            ["Actions"] = new JsonObject
            {
                ["#LogService.ClearLog"] = new JsonObject { ["target"] = SelUri + "/Actions/LogService.ClearLog" },
            },
        };
    }

    private JsonObject SelEntries(RedfishRequest r)
    {
        var entries = Model.GetSelEntries();
        var query = r.Http.Request.Query;
        int skip = int.TryParse(query["$skip"], NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
        int top = int.TryParse(query["$top"], NumberStyles.None, CultureInfo.InvariantCulture, out int t) ? Math.Min(t, LogPageSize) : LogPageSize;
        var page = entries.Skip(skip).Take(top).ToArray();
        var collection = new JsonObject
        {
            ["@odata.id"] = SelUri + "/Entries",
            ["@odata.type"] = "#LogEntryCollection.LogEntryCollection",
            ["Name"] = "System Event Log Entries",
            ["Members@odata.count"] = entries.Length,
            // Members carry the whole entry (as bmcweb does) so a client needs one request per page.
            ["Members"] = new JsonArray(page.Select(e => (JsonNode)LogEntry(e)).ToArray()),
        };
        if (skip + page.Length < entries.Length)
        {
            collection["Members@odata.nextLink"] = $"{SelUri}/Entries?$skip={skip + page.Length}&$top={top}";
        }
        return collection;
    }

    private JsonObject? SelEntry(string id)
    {
        if (!ushort.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out ushort recordId) || recordId is 0 or 0xFFFF)
        {
            return null;
        }
        return Model.GetSelEntry(recordId) is { } read && read.Entry.RecordId == recordId ? LogEntry(read.Entry) : null;
    }

    private RedfishResponse ClearSel(RedfishRequest r)
    {
        Model.ClearSel();
        return RedfishResponse.NoContent();
    }

    internal JsonObject LogEntry(SelEntry e)
    {
        string id = e.RecordId.ToString(CultureInfo.InvariantCulture);
        var definition = Model.Sensors.Find(e.SensorNumber);
        return new JsonObject
        {
            ["@odata.id"] = $"{SelUri}/Entries/{id}",
            ["@odata.type"] = "#LogEntry.v1_15_0.LogEntry",
            ["Id"] = id,
            ["Name"] = $"Log Entry {id}",
            ["EntryType"] = "SEL",
            ["Created"] = RedfishJson.Time(e.Time),
            ["Severity"] = SeverityOf(e).ToString(),
            ["Message"] = SelText.Describe(e, definition),
            ["SensorType"] = SelText.RedfishSensorType(e.SensorType),
            ["SensorNumber"] = (int)e.SensorNumber,
            ["EntryCode"] = e.Direction == EventDirection.Assertion ? "Assert" : "Deassert",
            ["GeneratorId"] = $"0x{e.GeneratorId:X4}",
            ["EventType"] = "Alert",
        };
    }

    internal static Health SeverityOf(SelEntry e)
    {
        if (e.Direction == EventDirection.Deassertion)
        {
            return Health.OK;
        }
        if (e.EventType == (byte)EventReadingType.Threshold)
        {
            // Table 42-2 offsets: 0-1 lower non-critical, 2-5 lower critical/NR, 6-7 upper non-critical, 8-11 upper critical/NR
            return e.Offset switch { 0 or 1 or 6 or 7 => Health.Warning, _ => Health.Critical };
        }
        if (e.EventType == (byte)EventReadingType.Redundancy)
        {
            return e.Offset == 0 ? Health.OK : Health.Warning; // lost or degraded: still running on what is left
        }
        return (e.SensorType, e.Offset) switch
        {
            (SensorType.Memory, 1) => Health.Critical,
            (SensorType.Memory, _) => Health.Warning,
            (SensorType.PowerSupply, 1) => Health.Critical,
            (SensorType.PowerUnit, 4 or 6) => Health.Critical,
            (SensorType.CriticalInterrupt, _) => Health.Critical,
            (SensorType.Processor, 0 or 1) => Health.Critical,
            _ => Health.OK,
        };
    }
}

/// <summary>Human-readable text for SEL records, in the style of ipmitool's "sel list".</summary>
internal static class SelText
{
    private static readonly string[] ThresholdEvents =
    [
        "Lower Non-critical going low", "Lower Non-critical going high", "Lower Critical going low", "Lower Critical going high",
        "Lower Non-recoverable going low", "Lower Non-recoverable going high", "Upper Non-critical going low",
        "Upper Non-critical going high", "Upper Critical going low", "Upper Critical going high",
        "Upper Non-recoverable going low", "Upper Non-recoverable going high",
    ];

    // Table 42-2 generic redundancy offsets (event/reading type 0Bh)
    private static readonly string[] RedundancyStates =
    [
        "Fully Redundant", "Redundancy Lost", "Redundancy Degraded", "Non-Redundant: Sufficient from Redundant",
        "Non-Redundant: Sufficient from Insufficient", "Non-Redundant: Insufficient Resources",
        "Redundancy Degraded from Fully Redundant", "Redundancy Degraded from Non-Redundant",
    ];

    public static string Describe(SelEntry e, SensorDefinition? d)
    {
        string name = d?.Name ?? $"Sensor 0x{e.SensorNumber:X2}";
        string direction = e.Direction == EventDirection.Assertion ? "Asserted" : "Deasserted";
        if (e.EventType == (byte)EventReadingType.Threshold)
        {
            string what = e.Offset < ThresholdEvents.Length ? ThresholdEvents[e.Offset] : $"offset {e.Offset}";
            string reading = d is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $" (reading {d.FromRaw(e.EventData2):0.##}, threshold {d.FromRaw(e.EventData3):0.##})");
            return $"{name}: {what} {direction}{reading}";
        }
        if (e.EventType == (byte)EventReadingType.Redundancy)
        {
            string state = e.Offset < RedundancyStates.Length ? RedundancyStates[e.Offset] : $"Offset {e.Offset}";
            return $"{name}: {state} {direction}";
        }
        return $"{name}: {SpecificOffset(e.SensorType, e.Offset)} {direction}";
    }

    private static string SpecificOffset(SensorType type, byte offset) => (type, offset) switch
    {
        (SensorType.PowerUnit, 0) => "Power off/down",
        (SensorType.PowerUnit, 1) => "Power cycle",
        (SensorType.PowerUnit, 4) => "AC lost",
        (SensorType.PowerUnit, 6) => "Power unit failure",
        (SensorType.PowerSupply, 0) => "Presence detected",
        (SensorType.PowerSupply, 1) => "Failure detected",
        (SensorType.PowerSupply, 2) => "Predictive failure",
        (SensorType.PowerSupply, 3) => "Power supply input lost",
        (SensorType.Memory, 0) => "Correctable ECC",
        (SensorType.Memory, 1) => "Uncorrectable ECC",
        (SensorType.SystemBootInitiated, 0) => "Initiated by power up",
        (SensorType.SystemBootInitiated, 1) => "Initiated by hard reset",
        (SensorType.SystemBootInitiated, 2) => "Initiated by warm reset",
        (SensorType.OsBoot, 1) => "C: boot completed",
        (SensorType.OsBoot, 2) => "PXE boot completed",
        (SensorType.CriticalInterrupt, 0) => "Front panel NMI / diagnostic interrupt",
        (SensorType.CriticalInterrupt, 3) => "Software NMI",
        (SensorType.EventLoggingDisabled, 2) => "Log area reset/cleared",
        (SensorType.EventLoggingDisabled, 4) => "SEL full",
        (SensorType.Processor, 0) => "IERR",
        (SensorType.Processor, 1) => "Thermal trip",
        (SensorType.Processor, 7) => "Presence detected",
        _ => $"Offset {offset}",
    };

    /// <summary>LogEntry.SensorType: the IPMI Table 42-3 names as the LogEntry schema spells them.</summary>
    public static string RedfishSensorType(SensorType type) => type switch
    {
        SensorType.Temperature => "Temperature",
        SensorType.Voltage => "Voltage",
        SensorType.Current => "Current",
        SensorType.Fan => "Fan",
        SensorType.PhysicalSecurity => "Physical Chassis Security",
        SensorType.Processor => "Processor",
        SensorType.PowerSupply => "Power Supply / Converter",
        SensorType.PowerUnit => "PowerUnit",
        SensorType.CoolingDevice => "CoolingDevice",
        SensorType.OtherUnitsBased => "Other Units-based Sensor",
        SensorType.Memory => "Memory",
        SensorType.SystemFirmwareProgress => "System Firmware Progress",
        SensorType.EventLoggingDisabled => "Event Logging Disabled",
        SensorType.SystemEvent => "System Event",
        SensorType.CriticalInterrupt => "Critical Interrupt",
        SensorType.ButtonSwitch => "Button/Switch",
        SensorType.SystemBootInitiated => "System Boot/Restart",
        SensorType.BootError => "Boot Error",
        SensorType.OsBoot => "OS Boot",
        SensorType.OsCriticalStop => "OS Critical Stop",
        SensorType.AcpiPowerState => "ACPI Power State",
        SensorType.Watchdog2 => "Watchdog",
        SensorType.ManagementSubsystemHealth => "Management Subsystem Health",
        SensorType.Battery => "Battery",
        _ => "Other",
    };
}
