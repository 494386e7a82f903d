using System.Text.Json.Nodes;
using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Interop.Tests.SimulatorFace;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.SimulatorRedfish;

/// <summary>
/// DMTF's redfishtool 1.1.5 against the simulator's Redfish face over HTTPS (<c>-S Always</c>; redfishtool does not
/// verify certificates, and its requests library gets no CA bundle override). Its JSON output is checked against the model.
/// </summary>
[Collection(RedfishFleetCollection.Name)]
public sealed class RedfishtoolTests(RedfishFleet fleet)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private async Task<JsonNode> RunAsync(int node, params string[] command)
    {
        var tool = Peers.Require("redfishtool", "redfishtool");
        var args = new List<string> { "-r", fleet.HostPort(node), "-u", SimulatedFleetFixture.User, "-p", SimulatedFleetFixture.Password, "-S", "Always" };
        args.AddRange(command);
        var result = await ProcessRunner.RunAsync(tool, args, Timeout, RedfishFleet.NoCaBundle);
        Assert.True(result.ExitCode == 0, $"redfishtool {string.Join(' ', command)} on node {node + 1}: {result}");
        return result.StandardOutput.Trim().Length == 0 ? new JsonObject() : JsonNode.Parse(result.StandardOutput)!;
    }

    [SkippableFact]
    public async Task SystemsListsTheOneSystemAndGetShowsTheModelsPowerAndSerial()
    {
        const int n = 1;
        var list = await RunAsync(n, "Systems");
        Assert.Equal("/redfish/v1/Systems/1", list["Members"]![0]!["@odata.id"]!.GetValue<string>());
        var system = await RunAsync(n, "Systems", "get");
        Assert.Equal(fleet.Model(n).Fru.Product.SerialNumber, system["SerialNumber"]!.GetValue<string>());
        Assert.Equal(fleet.Model(n).IsPoweredOn ? "On" : "Off", system["PowerState"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task SystemsResetForceOffPowersTheModelOff()
    {
        const int n = 2;
        Assert.True(fleet.Model(n).IsPoweredOn);
        await RunAsync(n, "Systems", "reset", "ForceOff");
        Assert.Equal(PowerState.Off, fleet.Model(n).PowerState);
        var system = await RunAsync(n, "Systems", "get");
        Assert.Equal("Off", system["PowerState"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ChassisThermalAndPowerReportTheModelsReadings()
    {
        const int n = 3;
        var model = fleet.Model(n); // the fleet's clock is frozen: the model reads now what redfishtool read
        var thermal = await RunAsync(n, "Chassis", "Thermal");
        var cpu1 = thermal["Temperatures"]!.AsArray().Single(t => t!["Name"]!.GetValue<string>() == "CPU1 Temp")!;
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.Cpu1Temp).Value, 2), cpu1["ReadingCelsius"]!.GetValue<double>());
        Assert.Equal(89, cpu1["UpperThresholdCritical"]!.GetValue<double>());
        var fans = thermal["Fans"]!.AsArray();
        Assert.Equal(SensorNumbers.FanCount, fans.Count);
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.Fan1).Value, 2), fans[0]!["Reading"]!.GetValue<double>());

        var power = await RunAsync(n, "Chassis", "Power");
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.PowerConsumption).Value),
            power["PowerControl"]![0]!["PowerConsumedWatts"]!.GetValue<double>());
        var v12 = power["Voltages"]!.AsArray().Single(v => v!["Name"]!.GetValue<string>() == "12V")!;
        Assert.Equal(Math.Round(model.ReadSensor(SensorNumbers.Volt12).Value, 2), v12["ReadingVolts"]!.GetValue<double>());
    }

    [SkippableFact]
    public async Task ManagersAndSessionServiceShowTheBmc()
    {
        const int n = 1;
        var manager = await RunAsync(n, "Managers", "get");
        Assert.Equal(fleet.Model(n).FirmwareVersion, manager["FirmwareVersion"]!.GetValue<string>());
        Assert.Equal("BMC", manager["ManagerType"]!.GetValue<string>());
        var sessions = await RunAsync(n, "SessionService");
        Assert.Equal(1800, sessions["SessionTimeout"]!.GetValue<int>());
        var root = await RunAsync(n, "root");
        Assert.Equal(fleet.Model(n).SystemGuid.ToString(), root["UUID"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task SessionAuthenticationLogsInAndOutLeavingNoSession()
    {
        const int n = 1;
        var system = await RunAsync(n, "-A", "Session", "Systems", "get");
        Assert.Equal("1", system["Id"]!.GetValue<string>());
        Assert.Equal(0, fleet.Redfish[n].SessionCount);
    }
}
