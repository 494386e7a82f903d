using Lifeline.Drivers;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Detection;

/// <summary>
/// A node shaped like the simulator's: fans near 8000 RPM with ±1 % noise, a CPU temperature with ±0.6 °C noise, a
/// power consumption sensor (type Current, Watts) with ±4 W noise, a 12 V rail and two PSU status sensors. Each
/// reading is a function of minutes since the start; null = unavailable.
/// </summary>
internal sealed class SyntheticNode(string name = "n1", int seed = 42)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(seed);

    public string Name { get; } = name;
    public Func<double, double?> Fan1 { get; set; } = _ => 8000;
    public Func<double, double?> Fan2 { get; set; } = _ => 8000;
    public Func<double, double?> CpuTemp { get; set; } = _ => 50;
    /// <summary>Null = the node has no power sensor.</summary>
    public Func<double, double?>? Power { get; set; } = _ => 220;
    public Func<double, double?> Rail { get; set; } = _ => 12;
    public Func<double, string> Psu1 { get; set; } = _ => "Presence detected";
    public Func<double, string> Psu2 { get; set; } = _ => "Presence detected";
    public SensorThresholdValues FanThresholds { get; set; } = new(null, 1000, 1500, null, null, null);
    public SensorThresholdValues CpuThresholds { get; set; } = new(null, null, null, 84, 89, 95);
    public double FanNoise { get; set; } = 0.01;
    public double TempNoise { get; set; } = 0.6;
    public double PowerNoise { get; set; } = 4;
    /// <summary>Round readings to the simulator's resolutions (fans 60 RPM, temperatures 1 °C, power 4 W, 12 V 0.06 V).</summary>
    public bool Quantized { get; set; }

    public SensorSnapshot At(double minutes)
    {
        var list = new List<SensorPoint>
        {
            Threshold("Fan1", "Fan", "RPM", Q(Noisy(Fan1(minutes), v => v * FanNoise), 60), FanThresholds),
            Threshold("Fan2", "Fan", "RPM", Q(Noisy(Fan2(minutes), v => v * FanNoise), 60), FanThresholds),
            Threshold("CPU1 Temp", "Temperature", "degrees C", Q(Noisy(CpuTemp(minutes), _ => TempNoise), 1), CpuThresholds),
            Threshold("12V", "Voltage", "Volts", Q(Noisy(Rail(minutes), _ => 0.05), 0.06), new(null, 10.8, 11.4, 12.6, 13.2, null)),
            new("PSU1 Status", "Power Supply", null, null, SensorStatus.Ok, Psu1(minutes)),
            new("PSU2 Status", "Power Supply", null, null, SensorStatus.Ok, Psu2(minutes)),
        };
        if (Power is not null)
        {
            list.Add(Threshold("Pwr Consumption", "Current", "Watts", Q(Noisy(Power(minutes), _ => PowerNoise), 4), new(null, null, null, 760, 860, null)));
        }
        return new SensorSnapshot(Name, Start.AddMinutes(minutes), list);
    }

    private double? Q(double? value, double step) => Quantized && value is double v ? Math.Round(v / step) * step : value;

    private double? Noisy(double? value, Func<double, double> amplitude) =>
        value is double v ? v + ((_random.NextDouble() * 2) - 1) * amplitude(v) : null;

    private static SensorPoint Threshold(string name, string type, string unit, double? value, SensorThresholdValues thresholds)
    {
        var status = value is null ? SensorStatus.Unavailable
            : value < thresholds.LowerCritical || value > thresholds.UpperCritical ? SensorStatus.Critical
            : value < thresholds.LowerNonCritical || value > thresholds.UpperNonCritical ? SensorStatus.Warning
            : SensorStatus.Ok;
        return new SensorPoint(name, type, value is null ? null : unit, value, status, null, thresholds);
    }
}
