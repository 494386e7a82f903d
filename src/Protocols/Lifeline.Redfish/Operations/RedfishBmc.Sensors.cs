using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

/// <summary>What a sensor measures, in the one shape shared with IPMI sensors.</summary>
public enum SensorKind
{
    Other,
    Temperature,
    Fan,
    Voltage,
    Power,
    Current,
    Energy,
    Frequency,
    Humidity,
    Percent,
}

public enum SensorStatus
{
    Ok,
    Warning,
    Critical,
    Unavailable,
}

/// <summary>Which Redfish sensor model to read.</summary>
public enum SensorModel
{
    /// <summary>The Sensors collection when it has members, else legacy Thermal/Power.</summary>
    Auto,
    /// <summary>Chassis.Sensors (Sensor.v1_9_0) only.</summary>
    Sensors,
    /// <summary>Chassis.Thermal (Thermal.v1_7_3) and Chassis.Power (Power.v1_7_3) only.</summary>
    Legacy,
}

/// <summary>One reading, normalised from either model. <see cref="Source"/> is the resource it came from.</summary>
public sealed record SensorReading(string Name, SensorKind Kind, double? Value, string Unit, SensorStatus Status, string? Chassis, string Source);

public sealed partial class RedfishBmc
{
    /// <summary>Every sensor of every chassis, normalised; the Sensors collection is preferred when populated.</summary>
    public async Task<IReadOnlyList<SensorReading>> ReadSensorsAsync(SensorModel model = SensorModel.Auto, CancellationToken ct = default)
    {
        var result = new List<SensorReading>();
        foreach (var chassis in await ListChassisAsync(ct).ConfigureAwait(false))
        {
            var fromSensors = new List<SensorReading>();
            if (model != SensorModel.Legacy && chassis.Sensors?.ODataId is not null)
            {
                foreach (var s in await ListAsync<Sensor>(chassis.Sensors, ct).ConfigureAwait(false))
                {
                    fromSensors.Add(Normalise(s, chassis.Id));
                }
            }
            result.AddRange(fromSensors);
            if (model == SensorModel.Legacy || (model == SensorModel.Auto && fromSensors.Count == 0))
            {
                result.AddRange(await ReadLegacyAsync(chassis, ct).ConfigureAwait(false));
            }
        }
        return result;
    }

    private async Task<List<SensorReading>> ReadLegacyAsync(Chassis chassis, CancellationToken ct)
    {
        var list = new List<SensorReading>();
        if (chassis.Thermal?.ODataId is { } thermalPath)
        {
            var thermal = await TryGetAsync<Thermal>(thermalPath, ct).ConfigureAwait(false);
            foreach (var t in thermal?.Temperatures ?? [])
            {
                list.Add(new SensorReading(t.Name ?? t.MemberId ?? "?", SensorKind.Temperature, t.ReadingCelsius, "Cel",
                    StatusOf(t.Status, t.ReadingCelsius), chassis.Id, t.ODataId ?? thermalPath));
            }
            foreach (var f in thermal?.Fans ?? [])
            {
                var unit = f.ReadingUnits switch { "Percent" => "%", "RPM" or null => "RPM", var u => u };
                list.Add(new SensorReading(f.Name ?? f.FanName ?? f.MemberId ?? "?", SensorKind.Fan, f.Reading, unit,
                    StatusOf(f.Status, f.Reading), chassis.Id, f.ODataId ?? thermalPath));
            }
        }
        if (chassis.Power?.ODataId is { } powerPath)
        {
            var power = await TryGetAsync<Power>(powerPath, ct).ConfigureAwait(false);
            foreach (var v in power?.Voltages ?? [])
            {
                list.Add(new SensorReading(v.Name ?? v.MemberId ?? "?", SensorKind.Voltage, v.ReadingVolts, "V",
                    StatusOf(v.Status, v.ReadingVolts), chassis.Id, v.ODataId ?? powerPath));
            }
            foreach (var c in power?.PowerControl ?? [])
            {
                list.Add(new SensorReading(c.Name ?? c.MemberId ?? "?", SensorKind.Power, c.PowerConsumedWatts, "W",
                    StatusOf(c.Status, c.PowerConsumedWatts), chassis.Id, c.ODataId ?? powerPath));
            }
            foreach (var p in power?.PowerSupplies ?? [])
            {
                var watts = p.PowerInputWatts ?? p.LastPowerOutputWatts;
                list.Add(new SensorReading(p.Name ?? p.MemberId ?? "?", SensorKind.Power, watts, "W",
                    StatusOf(p.Status, watts), chassis.Id, p.ODataId ?? powerPath));
            }
        }
        return list;
    }

    private static SensorReading Normalise(Sensor s, string? chassis)
    {
        var kind = s.ReadingType switch
        {
            ReadingType.Temperature => SensorKind.Temperature,
            ReadingType.Rotational => SensorKind.Fan,
            ReadingType.Voltage => SensorKind.Voltage,
            ReadingType.Power => SensorKind.Power,
            ReadingType.Current => SensorKind.Current,
            ReadingType.EnergykWh or ReadingType.EnergyJoules or ReadingType.EnergyWh => SensorKind.Energy,
            ReadingType.Frequency => SensorKind.Frequency,
            ReadingType.Humidity or ReadingType.AbsoluteHumidity => SensorKind.Humidity,
            ReadingType.Percent => s.PhysicalContext == "Fan" ? SensorKind.Fan : SensorKind.Percent,
            _ => SensorKind.Other,
        };
        var unit = s.ReadingUnits ?? kind switch
        {
            SensorKind.Temperature => "Cel",
            SensorKind.Fan => "RPM",
            SensorKind.Voltage => "V",
            SensorKind.Power => "W",
            SensorKind.Current => "A",
            _ => "",
        };
        return new SensorReading(s.Name ?? s.Id ?? "?", kind, s.Reading, unit, StatusOf(s.Status, s.Reading), chassis, s.ODataId ?? "");
    }

    /// <summary>Absent/disabled/offline or no reading → unavailable; else Health Critical/Warning; else ok.</summary>
    internal static SensorStatus StatusOf(ResourceStatus? status, double? reading)
    {
        if (status?.State is State.Absent or State.Disabled or State.UnavailableOffline or State.StandbyOffline || reading is null)
        {
            return SensorStatus.Unavailable;
        }
        return status?.Health switch
        {
            Health.Critical => SensorStatus.Critical,
            Health.Warning => SensorStatus.Warning,
            _ => SensorStatus.Ok,
        };
    }

    private async Task<T?> TryGetAsync<T>(string path, CancellationToken ct)
        where T : RedfishResource
    {
        try
        {
            return await Client.GetAsync<T>(path, ct).ConfigureAwait(false);
        }
        catch (RedfishException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }
}
