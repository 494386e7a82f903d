namespace Lifeline.Server.Metrics;

/// <summary>
/// Prometheus names for BMC sensor readings, following the naming conventions (base units, unit suffix, one metric
/// per quantity): temperatures in <c>_celsius</c>, fans in <c>_rpm</c>, rails in <c>_volts</c>, currents in
/// <c>_amperes</c>, power in <c>_watts</c>; a unit without a convention goes to <c>lifeline_sensor_value</c> with a
/// <c>unit</c> label. Fahrenheit and kelvin readings are converted to celsius, milli-units to base units.
/// </summary>
internal static class SensorMetricNames
{
    public const string Fallback = "lifeline_sensor_value";

    /// <summary>The metric family, help text and the factor/offset that turn the reading into the family's unit.</summary>
    public readonly record struct Family(string Name, string Help, double Scale, double Offset);

    public static Family For(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        "degrees c" => new("lifeline_sensor_temperature_celsius", "BMC temperature sensor readings, in degrees Celsius.", 1, 0),
        "degrees f" => new("lifeline_sensor_temperature_celsius", "BMC temperature sensor readings, in degrees Celsius.", 5.0 / 9, -32 * 5.0 / 9),
        "degrees k" => new("lifeline_sensor_temperature_celsius", "BMC temperature sensor readings, in degrees Celsius.", 1, -273.15),
        "rpm" => new("lifeline_sensor_fan_speed_rpm", "BMC fan speed readings, in revolutions per minute.", 1, 0),
        "volts" => new("lifeline_sensor_voltage_volts", "BMC voltage sensor readings, in volts.", 1, 0),
        "amps" => new("lifeline_sensor_current_amperes", "BMC current sensor readings, in amperes.", 1, 0),
        "watts" => new("lifeline_sensor_power_watts", "BMC power sensor readings, in watts.", 1, 0),
        _ => new(Fallback, "BMC sensor readings without a conventional base unit; the unit label says which.", 1, 0),
    };
}
