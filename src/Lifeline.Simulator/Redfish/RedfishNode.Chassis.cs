using System.Text;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Redfish;

// Chassis.v1_23_0 with both sensor models: the legacy Thermal.v1_7_1 (Temperatures, Fans) and Power.v1_7_1
// (PowerControl, Voltages, PowerSupplies), and the newer Sensors collection (Sensor.v1_8_0). Every reading is the
// model's present sample, the same one IPMI Get Sensor Reading reports.
public sealed partial class RedfishNode
{
    /// <summary>The rolled-up health of a set of samples and the worst member's name.</summary>
    internal readonly record struct Assessment(Health Health, string? Worst);

    internal static Assessment Assess(IEnumerable<SensorSample> samples)
    {
        var worst = Health.OK;
        string? name = null;
        foreach (var s in samples)
        {
            var h = HealthOf(s);
            if (h > worst)
            {
                worst = h;
                name = s.Definition.Name;
            }
        }
        return new Assessment(worst, name);
    }

    /// <summary>Critical at or beyond a critical or non-recoverable threshold, Warning beyond a non-critical one;
    /// a failed power supply or a CPU with IERR/thermal trip is Critical.</summary>
    internal static Health HealthOf(SensorSample s)
    {
        var d = s.Definition;
        if (d.IsThreshold)
        {
            if (s.Unavailable)
            {
                return Health.OK;
            }
            if (s.IsAtOrBeyond(SensorThreshold.UpperCritical) || s.IsAtOrBeyond(SensorThreshold.LowerCritical)
                || s.IsAtOrBeyond(SensorThreshold.UpperNonRecoverable) || s.IsAtOrBeyond(SensorThreshold.LowerNonRecoverable))
            {
                return Health.Critical;
            }
            return s.IsAtOrBeyond(SensorThreshold.UpperNonCritical) || s.IsAtOrBeyond(SensorThreshold.LowerNonCritical)
                ? Health.Warning : Health.OK;
        }
        return d.Type switch
        {
            SensorType.PowerSupply when (s.States & 0b10) != 0 => Health.Critical,
            SensorType.Processor when (s.States & 0b11) != 0 => Health.Critical,
            _ => Health.OK,
        };
    }

    private static ResourceState StateOf(SensorSample s) => s.Unavailable ? ResourceState.UnavailableOffline : ResourceState.Enabled;

    /// <summary>A URI-safe sensor id from its SDR name: "CPU1 Temp" → "CPU1_Temp", "3.3V" → "3_3V".</summary>
    internal static string SensorId(SensorDefinition d)
    {
        var b = new StringBuilder(d.Name.Length);
        foreach (char c in d.Name)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        return b.ToString();
    }

    private static string PhysicalContext(SensorDefinition d) => d.Entity switch
    {
        EntityId.Processor => "CPU",
        EntityId.MemoryDevice => "Memory",
        EntityId.AirInlet => "Intake",
        EntityId.FanCoolingDevice => "Fan",
        EntityId.PowerSupply or EntityId.PowerManagement => "PowerSupply",
        _ => d.Name.Contains("Exhaust", StringComparison.Ordinal) ? "Exhaust" : "SystemBoard",
    };

    private JsonObject Chassis()
    {
        var samples = Model.ReadSensors();
        var health = Assess(samples);
        var fru = Model.Fru;
        return new JsonObject
        {
            ["@odata.id"] = ChassisUri,
            ["@odata.type"] = "#Chassis.v1_23_0.Chassis",
            ["Id"] = ChassisId,
            ["Name"] = "Chassis",
            ["ChassisType"] = "RackMount",
            ["Manufacturer"] = fru.Board.Manufacturer,
            ["Model"] = fru.Product.Name,
            ["SerialNumber"] = fru.Chassis.SerialNumber,
            ["PartNumber"] = fru.Chassis.PartNumber,
            ["AssetTag"] = fru.Product.AssetTag,
            ["PowerState"] = PowerStateOf(Model.PowerState).ToString(),
            ["IndicatorLED"] = Model.IdentityLed(),
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, health.Health, health.Health),
            ["Thermal"] = RedfishJson.Link(ChassisUri + "/Thermal"),
            ["Power"] = RedfishJson.Link(ChassisUri + "/Power"),
            ["Sensors"] = RedfishJson.Link(ChassisUri + "/Sensors"),
            ["Links"] = new JsonObject
            {
                ["ComputerSystems"] = new JsonArray(RedfishJson.Link(SystemUri)),
                ["ManagedBy"] = new JsonArray(RedfishJson.Link(ManagerUri)),
            },
        };
    }

    private static void AddLegacyThresholds(JsonObject o, SensorDefinition d)
    {
        var t = d.Thresholds;
        void Put(string name, double? v)
        {
            if (v is not null)
            {
                o[name] = RedfishJson.Number(v);
            }
        }
        Put("UpperThresholdNonCritical", t.UpperNonCritical);
        Put("UpperThresholdCritical", t.UpperCritical);
        Put("UpperThresholdFatal", t.UpperNonRecoverable);
        Put("LowerThresholdNonCritical", t.LowerNonCritical);
        Put("LowerThresholdCritical", t.LowerCritical);
        Put("LowerThresholdFatal", t.LowerNonRecoverable);
    }

    private JsonObject LegacyMember(string uri, string array, int index, SensorSample s, string readingName)
    {
        var d = s.Definition;
        var o = new JsonObject
        {
            ["@odata.id"] = $"{uri}#/{array}/{index}",
            ["MemberId"] = index.Invariant(),
            ["Name"] = d.Name,
            ["SensorNumber"] = (int)d.Number,
            [readingName] = s.Unavailable ? null : RedfishJson.Number(s.Value),
            ["Status"] = RedfishJson.Status(StateOf(s), HealthOf(s)),
            ["PhysicalContext"] = PhysicalContext(d),
        };
        AddLegacyThresholds(o, d);
        return o;
    }

    private JsonObject Thermal()
    {
        const string uri = ChassisUri + "/Thermal";
        var samples = Model.ReadSensors();
        var temps = samples.Where(s => s.Definition.IsThreshold && s.Definition.Type == SensorType.Temperature).ToArray();
        var fans = samples.Where(s => s.Definition.IsThreshold && s.Definition.Type == SensorType.Fan).ToArray();
        var fanArray = new JsonArray();
        for (int i = 0; i < fans.Length; i++)
        {
            var o = LegacyMember(uri, "Fans", i, fans[i], "Reading");
            o["ReadingUnits"] = "RPM";
            fanArray.Add(o);
        }
        return new JsonObject
        {
            ["@odata.id"] = uri,
            ["@odata.type"] = "#Thermal.v1_7_1.Thermal",
            ["Id"] = "Thermal",
            ["Name"] = "Thermal",
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, Assess(samples.Where(s => s.Definition.Type is SensorType.Temperature or SensorType.Fan)).Health),
            ["Temperatures"] = new JsonArray(temps.Select((s, i) => (JsonNode)LegacyMember(uri, "Temperatures", i, s, "ReadingCelsius")).ToArray()),
            ["Fans"] = fanArray,
        };
    }

    private JsonObject Power()
    {
        const string uri = ChassisUri + "/Power";
        var samples = Model.ReadSensors();
        var volts = samples.Where(s => s.Definition.IsThreshold && s.Definition.Type == SensorType.Voltage).ToArray();
        var watts = samples.FirstOrDefault(s => s.Definition.IsThreshold && s.Definition.Unit == SensorUnit.Watts);
        var psus = samples.Where(s => s.Definition.Type == SensorType.PowerSupply).ToArray();
        var redundancy = samples.FirstOrDefault(s => s.Definition is { Type: SensorType.PowerUnit, ReadingType: EventReadingType.Redundancy });
        var control = new JsonObject
        {
            ["@odata.id"] = uri + "#/PowerControl/0",
            ["MemberId"] = "0",
            ["Name"] = "System Power Control",
            ["PowerConsumedWatts"] = watts.Definition is null ? null : RedfishJson.Number(watts.Value, 0),
            ["PowerCapacityWatts"] = 1600,
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        };
        return new JsonObject
        {
            ["@odata.id"] = uri,
            ["@odata.type"] = "#Power.v1_7_1.Power",
            ["Id"] = "Power",
            ["Name"] = "Power",
            ["PowerControl"] = new JsonArray(control),
            ["Voltages"] = new JsonArray(volts.Select((s, i) => (JsonNode)LegacyMember(uri, "Voltages", i, s, "ReadingVolts")).ToArray()),
            ["PowerSupplies"] = new JsonArray(psus.Select((s, i) => (JsonNode)new JsonObject
            {
                ["@odata.id"] = $"{uri}#/PowerSupplies/{i}",
                ["MemberId"] = i.Invariant(),
                ["Name"] = $"PSU{i + 1}",
                ["PowerSupplyType"] = "AC",
                ["LineInputVoltage"] = 230,
                ["PowerCapacityWatts"] = 800,
                ["Manufacturer"] = Model.Vendor.Manufacturer,
                ["Status"] = RedfishJson.Status((s.States & 1) != 0 ? ResourceState.Enabled : ResourceState.Absent, HealthOf(s)),
            }).ToArray()),
            // Redundancy.v1: the PSU redundancy sensor (offset 1 = redundancy lost) as one N+1 set over the supplies
            ["Redundancy"] = redundancy.Definition is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["@odata.id"] = uri + "#/Redundancy/0",
                ["MemberId"] = "0",
                ["Name"] = redundancy.Definition.Name,
                ["Mode"] = "N+m",
                ["MinNumNeeded"] = 1,
                ["MaxNumSupported"] = psus.Length,
                ["RedundancySet"] = new JsonArray(psus.Select((_, i) => (JsonNode)new JsonObject { ["@odata.id"] = $"{uri}#/PowerSupplies/{i}" }).ToArray()),
                ["Status"] = RedfishJson.Status(ResourceState.Enabled, (redundancy.States & 0b10) != 0 ? Health.Warning : Health.OK),
            }),
        };
    }

    private static (string ReadingType, string Units)? SensorKind(SensorDefinition d) => d.Unit switch
    {
        SensorUnit.DegreesC => ("Temperature", "Cel"),
        SensorUnit.Rpm => ("Rotational", "RPM"),
        SensorUnit.Volts => ("Voltage", "V"),
        SensorUnit.Watts => ("Power", "W"),
        SensorUnit.Amps => ("Current", "A"),
        _ => null,
    };

    private IEnumerable<SensorDefinition> RedfishSensors =>
        Model.Sensors.Sensors.Where(d => d.IsThreshold && SensorKind(d) is not null);

    private JsonObject SensorCollection() => RedfishJson.Collection(ChassisUri + "/Sensors",
        "#SensorCollection.SensorCollection", "Sensors", RedfishSensors.Select(d => $"{ChassisUri}/Sensors/{SensorId(d)}"));

    private JsonObject? Sensor(string id)
    {
        var d = RedfishSensors.FirstOrDefault(x => SensorId(x) == id);
        if (d is null)
        {
            return null;
        }
        var s = Model.ReadSensor(d.Number);
        var (readingType, units) = SensorKind(d)!.Value;
        var thresholds = new JsonObject();
        void Put(string name, double? v)
        {
            if (v is not null)
            {
                thresholds[name] = new JsonObject { ["Reading"] = RedfishJson.Number(v) };
            }
        }
        Put("LowerCaution", d.Thresholds.LowerNonCritical);
        Put("LowerCritical", d.Thresholds.LowerCritical);
        Put("LowerFatal", d.Thresholds.LowerNonRecoverable);
        Put("UpperCaution", d.Thresholds.UpperNonCritical);
        Put("UpperCritical", d.Thresholds.UpperCritical);
        Put("UpperFatal", d.Thresholds.UpperNonRecoverable);
        return new JsonObject
        {
            ["@odata.id"] = $"{ChassisUri}/Sensors/{id}",
            ["@odata.type"] = "#Sensor.v1_8_0.Sensor",
            ["Id"] = id,
            ["Name"] = d.Name,
            ["ReadingType"] = readingType,
            ["ReadingUnits"] = units,
            ["Reading"] = s.Unavailable ? null : RedfishJson.Number(s.Value),
            ["ReadingRangeMin"] = RedfishJson.Number(d.FromRaw(0)),
            ["ReadingRangeMax"] = RedfishJson.Number(d.FromRaw(255)),
            ["Precision"] = 2,
            ["PhysicalContext"] = PhysicalContext(d),
            ["Status"] = RedfishJson.Status(StateOf(s), HealthOf(s)),
            ["Thresholds"] = thresholds,
        };
    }
}
