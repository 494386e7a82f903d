using Lifeline.Drivers;
using Lifeline.Fleet.Grains;

namespace Lifeline.Fleet.Tests.Grains;

public sealed class HealthEvaluatorTests
{
    private static readonly SensorThresholdValues CpuThresholds = new(null, null, null, 85, 95, 100);

    private static SensorReadingResult Cpu(double value, SensorStatus status) =>
        new("CPU1 Temp", "Temperature", value, "degrees C", status) { Thresholds = CpuThresholds };

    [Fact]
    public void SensorsWithinTheirThresholdsAreOk()
    {
        var health = HealthEvaluator.Evaluate(new SensorsResult([Cpu(48, SensorStatus.Ok), new("PSU1", "Power Supply", null, null, SensorStatus.Unavailable)]));

        Assert.Equal(("ok", 0), (health.Health, health.Reasons.Count));
    }

    [Fact]
    public void ACrossedThresholdIsNamedWithItsValue()
    {
        var health = HealthEvaluator.Evaluate(new SensorsResult([Cpu(96, SensorStatus.Critical), Cpu(86.5, SensorStatus.Warning)]));

        Assert.Equal("critical", health.Health);
        Assert.Equal(["CPU1 Temp 96 C above upper critical 95", "CPU1 Temp 86.5 C above upper non-critical 85"], health.Reasons);
    }

    [Fact]
    public void ALowReadingIsNamedAgainstItsLowerThreshold()
    {
        var fan = new SensorReadingResult("FAN3", "Fan", 0, "RPM", SensorStatus.Critical) { Thresholds = new(300, 500, 800, null, null, null) };

        Assert.Equal("FAN3 0 RPM below lower non-recoverable 300", Assert.Single(HealthEvaluator.Evaluate(new SensorsResult([fan])).Reasons));
    }

    [Fact]
    public void ADiscreteSensorIsNamedWithItsState()
    {
        var psu = new SensorReadingResult("PSU2 Status", "Power Supply", null, null, SensorStatus.Critical, "Failure detected");

        var health = HealthEvaluator.Evaluate(new SensorsResult([psu]));

        Assert.Equal(("critical", "PSU2 Status critical (Failure detected)"), (health.Health, Assert.Single(health.Reasons)));
    }

    [Fact]
    public void TheBmcsOwnRollupRaisesTheHealthAndAddsItsReasons()
    {
        var health = HealthEvaluator.Evaluate(new SensorsResult([Cpu(48, SensorStatus.Ok)]), new BmcHealthResult("warning", ["DIMM A1: Warning"]));

        Assert.Equal(("warning", "the BMC reports DIMM A1: Warning"), (health.Health, Assert.Single(health.Reasons)));
    }
}
