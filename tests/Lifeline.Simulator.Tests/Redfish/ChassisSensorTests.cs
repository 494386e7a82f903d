using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Tests.Redfish;

/// <summary>The legacy Thermal/Power resources and the Sensors collection report the model's own samples.</summary>
public sealed class ChassisSensorTests
{
    [Fact]
    public async Task ThermalTemperaturesAndFansAreTheModelsReadingsWithThresholds()
    {
        await using var h = await RedfishHarness.StartAsync();
        var thermal = await h.GetAsync("Chassis/1/Thermal"); // the clock is frozen: the model reads the same now
        var model = h.Model();
        var cpu1 = thermal["Temperatures"]!.AsArray().Single(t => t!["Name"]!.GetValue<string>() == "CPU1 Temp")!;
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.Cpu1Temp).Value, 2), cpu1["ReadingCelsius"]!.GetValue<double>());
        Assert.Equal(89, cpu1["UpperThresholdCritical"]!.GetValue<double>());
        Assert.Equal(95, cpu1["UpperThresholdFatal"]!.GetValue<double>());
        Assert.Equal("OK", cpu1["Status"]!["Health"]!.GetValue<string>());
        var fans = thermal["Fans"]!.AsArray();
        Assert.Equal(SensorNumbers.FanCount, fans.Count);
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.Fan1).Value, 2), fans[0]!["Reading"]!.GetValue<double>());
        Assert.Equal("RPM", fans[0]!["ReadingUnits"]!.GetValue<string>());
        Assert.Equal(600, fans[0]!["LowerThresholdCritical"]!.GetValue<double>());
    }

    [Fact]
    public async Task PowerShowsConsumptionVoltagesAndSupplies()
    {
        await using var h = await RedfishHarness.StartAsync();
        var power = await h.GetAsync("Chassis/1/Power");
        var model = h.Model();
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.PowerConsumption).Value), power["PowerControl"]![0]!["PowerConsumedWatts"]!.GetValue<double>());
        var v12 = power["Voltages"]!.AsArray().Single(v => v!["Name"]!.GetValue<string>() == "12V")!;
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.Volt12).Value, 2), v12["ReadingVolts"]!.GetValue<double>());
        Assert.Equal(2, power["PowerSupplies"]!.AsArray().Count);
        model.FailPowerSupply(2);
        power = await h.GetAsync("Chassis/1/Power");
        Assert.Equal("Critical", power["PowerSupplies"]![1]!["Status"]!["Health"]!.GetValue<string>());
        Assert.Equal("Critical", (await h.GetAsync("Chassis/1"))["Status"]!["Health"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSensorsCollectionAgreesWithThermalAndTheModel()
    {
        await using var h = await RedfishHarness.StartAsync();
        var sensors = await h.GetAsync("Chassis/1/Sensors");
        var model = h.Model();
        int thresholdSensors = model.Sensors.Sensors.Count(d => d.IsThreshold);
        Assert.Equal(thresholdSensors, sensors["Members@odata.count"]!.GetValue<int>());
        var cpu = await h.GetAsync("Chassis/1/Sensors/CPU1_Temp");
        Assert.Equal("Temperature", cpu["ReadingType"]!.GetValue<string>());
        Assert.Equal("Cel", cpu["ReadingUnits"]!.GetValue<string>());
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.Cpu1Temp).Value, 2), cpu["Reading"]!.GetValue<double>());
        Assert.Equal(89, cpu["Thresholds"]!["UpperCritical"]!["Reading"]!.GetValue<double>());
        var fan = await h.GetAsync("Chassis/1/Sensors/Fan1");
        Assert.Equal("Rotational", fan["ReadingType"]!.GetValue<string>());
    }

    [Fact]
    public async Task AForcedOverTemperatureTurnsHealthCriticalEverywhere()
    {
        await using var h = await RedfishHarness.StartAsync();
        h.Model().ForceSensorValue(SensorNumbers.Cpu1Temp, 92);
        var sensor = await h.GetAsync("Chassis/1/Sensors/CPU1_Temp");
        Assert.Equal(92, sensor["Reading"]!.GetValue<double>());
        Assert.Equal("Critical", sensor["Status"]!["Health"]!.GetValue<string>());
        Assert.Equal("Critical", (await h.GetAsync("Systems/1"))["Status"]!["Health"]!.GetValue<string>());
        var thermal = await h.GetAsync("Chassis/1/Thermal");
        Assert.Equal("Critical", thermal["Temperatures"]![0]!["Status"]!["Health"]!.GetValue<string>());
    }

    [Fact]
    public async Task MainPowerSensorsHaveNoReadingWhileOff()
    {
        await using var h = await RedfishHarness.StartAsync();
        h.Model().PowerOff();
        var sensor = await h.GetAsync("Chassis/1/Sensors/CPU1_Temp");
        Assert.Null(sensor["Reading"]);
        Assert.Equal("UnavailableOffline", sensor["Status"]!["State"]!.GetValue<string>());
    }
}
