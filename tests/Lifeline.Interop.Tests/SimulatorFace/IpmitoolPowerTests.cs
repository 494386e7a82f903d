using System.Diagnostics;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.SimulatorFace;

/// <summary>Nodes on the real clock with short power timings (a power-on takes 200 ms, a cycle keeps power off 300 ms).</summary>
public sealed class QuickPowerFleet() : SimulatedFleetFixture(subnet: 72, nodes: 4, defaults: BmcOptions.Default with
{
    CorrectableEccPerHour = 0,
    Timings = PowerTimings.Default with
    {
        PowerOnDelay = TimeSpan.FromMilliseconds(200),
        PowerCycleOffInterval = TimeSpan.FromMilliseconds(300),
        SoftOffDelay = TimeSpan.FromMilliseconds(300),
    },
});

/// <summary>ipmitool and FreeIPMI drive the simulated power state machine; the model shows the change, the peer reads it back.</summary>
public sealed class IpmitoolPowerTests(QuickPowerFleet fleet) : IClassFixture<QuickPowerFleet>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task ChassisPowerOffOnCycleChangeTheModelAndStatusReportsIt(int suite)
    {
        int node = suite == 3 ? 0 : 1;
        var model = fleet.Model(node);
        var timings = model.Options.Timings;

        Assert.Contains("Chassis Power is on", await IpmiTool.OkAsync(fleet, node, suite, "chassis", "power", "status"), StringComparison.Ordinal);

        Assert.Contains("Down/Off", await IpmiTool.OkAsync(fleet, node, suite, "chassis", "power", "off"), StringComparison.Ordinal);
        Assert.Equal(PowerState.Off, model.PowerState);
        Assert.Contains("Chassis Power is off", await IpmiTool.OkAsync(fleet, node, suite, "chassis", "power", "status"), StringComparison.Ordinal);

        var cycleWhileOff = await IpmiTool.RunAsync(fleet, node, suite, "chassis", "power", "cycle");
        Assert.Contains("Command not supported in present state", cycleWhileOff.StandardError + cycleWhileOff.StandardOutput, StringComparison.Ordinal);

        Assert.Contains("Up/On", await IpmiTool.OkAsync(fleet, node, suite, "chassis", "power", "on"), StringComparison.Ordinal);
        Assert.True(model.PowerState is PowerState.PoweringOn or PowerState.On, $"after power on the model is {model.PowerState}");
        await WaitForAsync(() => model.PowerState == PowerState.On, timings.PowerOnDelay + Settle, "main power on");
        Assert.Contains("Chassis Power is on", await IpmiTool.OkAsync(fleet, node, suite, "chassis", "power", "status"), StringComparison.Ordinal);

        var before = model.GetSelEntries().Length;
        Assert.Contains("Cycle", await IpmiTool.OkAsync(fleet, node, suite, "chassis", "power", "cycle"), StringComparison.Ordinal);
        Assert.True(model.PowerState is PowerState.Cycling or PowerState.On, $"after power cycle the model is {model.PowerState}");
        await WaitForAsync(() => model.PowerState == PowerState.On, timings.PowerCycleOffInterval + Settle, "power back after the cycle");
        Assert.Contains(model.GetSelEntries().Skip(before), e => e.SensorNumber == SensorNumbers.PowerUnit && e.Offset == 0x01); // power cycle
        Assert.Equal(SystemRestartCause.ChassisControlCommand, model.RestartCause);
        Assert.Contains("Chassis Power is on", await IpmiTool.OkAsync(fleet, node, suite, "chassis", "power", "status"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task FreeIpmiChassisStatusFollowsAPowerOffByIpmipower(int suite)
    {
        int node = suite == 3 ? 2 : 3;
        var model = fleet.Model(node);
        var off = await FreeIpmi.OkAsync("ipmipower", fleet, node, suite, "--off");
        Assert.Contains($"{fleet.Host(node)}: ok", off, StringComparison.Ordinal);
        Assert.False(model.IsPoweredOn);

        var status = IpmiTool.Fields(await FreeIpmi.OkAsync("ipmi-chassis", fleet, node, suite, "--get-chassis-status"));
        Assert.Equal("off", status["System Power"]);

        await FreeIpmi.OkAsync("ipmipower", fleet, node, suite, "--on");
        await WaitForAsync(() => model.PowerState == PowerState.On, model.Options.Timings.PowerOnDelay + Settle, "main power on");
        status = IpmiTool.Fields(await FreeIpmi.OkAsync("ipmi-chassis", fleet, node, suite, "--get-chassis-status"));
        Assert.Equal("on", status["System Power"]);
        Assert.Equal("power on via ipmi command", status["Last Power Event"]);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"simulated node: {what} did not happen within {timeout.TotalSeconds} s");
            }
            await Task.Delay(20);
        }
    }
}
