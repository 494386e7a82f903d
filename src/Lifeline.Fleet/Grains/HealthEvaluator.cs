using System.Globalization;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;

namespace Lifeline.Fleet.Grains;

/// <summary>
/// Rolls a node's sensors (and, for Redfish, the BMC's own health roll-up) into <c>ok</c>, <c>warning</c> or
/// <c>critical</c> with one reason per finding: <c>"CPU1 Temp 96 C above upper critical 95"</c>.
/// </summary>
internal static class HealthEvaluator
{
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static HealthResult Evaluate(SensorsResult sensors, BmcHealthResult? bmc = null)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        int worst = 0;
        var reasons = new List<string>();
        foreach (var sensor in sensors.Sensors)
        {
            int level = sensor.Status switch
            {
                SensorStatus.Critical or SensorStatus.NonRecoverable => 2,
                SensorStatus.Warning => 1,
                _ => 0,
            };
            if (level > 0)
            {
                worst = Math.Max(worst, level);
                reasons.Add(Reason(sensor));
            }
        }
        if (bmc is not null)
        {
            int level = bmc.Health switch
            {
                Critical => 2,
                Warning => 1,
                _ => 0,
            };
            worst = Math.Max(worst, level);
            if (level > 0 && bmc.Failing.Count == 0)
            {
                reasons.Add($"the BMC reports health {bmc.Health}");
            }
            foreach (var failing in bmc.Failing)
            {
                reasons.Add($"the BMC reports {failing}");
            }
        }
        return new HealthResult(worst switch { 2 => Critical, 1 => Warning, _ => Ok }, reasons);
    }

    /// <summary>"CPU1 Temp 96 C above upper critical 95", or "PSU1 Status critical (Failure detected)" without thresholds.</summary>
    internal static string Reason(SensorReadingResult sensor)
    {
        string unit = ShortUnit(sensor.Unit);
        string Value(double v) => unit.Length == 0 ? Number(v) : $"{Number(v)} {unit}";
        if (sensor.Value is { } value && sensor.Thresholds is { } t)
        {
            (double? limit, string words)[] checks =
            [
                (t.UpperNonRecoverable, "above upper non-recoverable"),
                (t.UpperCritical, "above upper critical"),
                (t.UpperNonCritical, "above upper non-critical"),
            ];
            foreach (var (limit, words) in checks)
            {
                if (limit is { } l && value >= l)
                {
                    return $"{sensor.Name} {Value(value)} {words} {Number(l)}";
                }
            }
            (double? limit, string words)[] lower =
            [
                (t.LowerNonRecoverable, "below lower non-recoverable"),
                (t.LowerCritical, "below lower critical"),
                (t.LowerNonCritical, "below lower non-critical"),
            ];
            foreach (var (limit, words) in lower)
            {
                if (limit is { } l && value <= l)
                {
                    return $"{sensor.Name} {Value(value)} {words} {Number(l)}";
                }
            }
        }
        string status = sensor.Status switch
        {
            SensorStatus.NonRecoverable => "non-recoverable",
            SensorStatus.Critical => "critical",
            _ => "warning",
        };
        if (sensor.Value is { } v)
        {
            return $"{sensor.Name} {Value(v)} {status}";
        }
        return sensor.State is { Length: > 0 } state ? $"{sensor.Name} {status} ({state})" : $"{sensor.Name} {status}";
    }

    private static string ShortUnit(string? unit) => unit switch
    {
        null or "" => "",
        "degrees C" or "Cel" => "C",
        "degrees F" => "F",
        "Volts" => "V",
        "Amps" => "A",
        "Watts" => "W",
        "percent" => "%",
        _ => unit,
    };

    private static string Number(double value) => value.ToString(value % 1 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture);
}
