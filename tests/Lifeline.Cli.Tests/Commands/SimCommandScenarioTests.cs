using Lifeline.Cli.Commands;
using Lifeline.Cli.Tests.Fakes;
using Lifeline.Simulator.Model;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Cli.Tests.Commands;

/// <summary><c>lifeline sim --scenario NAME:NODES[:key=value,...]</c>: parsing, errors, and what it does to a node.</summary>
public sealed class SimCommandScenarioTests
{
    [Fact]
    public void AScenarioWithoutOptionsGetsItsDefaults()
    {
        var s = SimScenario.Parse("fan-degrade:sim[0001-0002]", 4);
        Assert.Equal([1, 2], s.Nodes);
        Assert.Equal("3", s.Options["fan"]);
        Assert.Equal("120", s.Options["rate"]);
    }

    [Fact]
    public void NodesMayBeNamedAsTheModelNamesThemOrAll()
    {
        Assert.Equal([1, 3], SimScenario.Parse("psu-fail:node[1,3]:psu=2", 3).Nodes);
        Assert.Equal([2], SimScenario.Parse("psu-fail:node002", 3).Nodes);
        Assert.Equal([1, 2, 3], SimScenario.Parse("sel-flood:all:per-minute=10", 3).Nodes);
    }

    [Theory]
    [InlineData("fan-melt:all", "unknown scenario 'fan-melt'; expected one of")]
    [InlineData("fan-degrade", "say which nodes")]
    [InlineData("fan-degrade:all:speed=5", "fan-degrade has no option 'speed'; it takes fan=…, rate=…")]
    [InlineData("fan-degrade:all:fan=9", "fan=9 is not a whole number from 1 to 6")]
    [InlineData("packet-loss:all:percent=130", "percent=130 is not a number from 0 to 100")]
    [InlineData("packet-loss:node9", "'node9' is not a node of this fleet")]
    [InlineData("sensor-stuck:all:sensor=Flux", "no threshold sensor 'Flux'; expected one of CPU1 Temp")]
    [InlineData("dimm-degrade:all:rate=", "give a value, as in rate=1")]
    public void BadScenariosSayWhatIsAccepted(string spec, string message)
    {
        var e = Assert.Throws<UsageException>(() => SimScenario.Parse(spec, 4));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyingScenariosDegradesTheModel()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var model = new BmcModel(0, BmcOptions.Default with { CorrectableEccPerHour = 0 }, clock);
        SimScenario.Parse("fan-degrade:all:fan=2,rate=6000", 1).Apply(model);
        SimScenario.Parse("sensor-stuck:all:sensor=cpu1_temp", 1).Apply(model);
        SimScenario.Parse("packet-loss:all", 1).Apply(model);
        double cpu = model.ReadSensor(SensorNumbers.Cpu1Temp).Value;
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, model.ReadSensor(SensorNumbers.Fan1 + 1).Value);
        Assert.Equal(cpu, model.ReadSensor(SensorNumbers.Cpu1Temp).Value);
        Assert.Equal(30, model.Faults.PacketLossPercent);
    }

    [Fact]
    public async Task SimPassesScenariosToTheHostAndNamesThemInTheBanner()
    {
        var cli = new CliRunner();
        using var cts = new CancellationTokenSource();
        var run = cli.RunAsync(["sim", "--nodes", "3", "--address", "127.0.0.1", "--port-base", "9101",
            "--scenario", "fan-degrade:sim0002", "--scenario", "dimm-degrade:all:dimm=1,uncorrectable-after=2"], cts.Token);
        await Task.WhenAny(cli.Backend.SimulatorStartedSignal.Task, run).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(run.IsCompleted, $"sim ended before starting the fleet: {cli.Terminal.Errors}");
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        var scenarios = cli.Backend.SimulatorStarted!.Scenarios;
        Assert.Equal(["fan-degrade", "dimm-degrade"], scenarios.Select(s => s.Name));
        Assert.Contains("scenario fan-degrade: fan 3 loses 120 RPM a minute on 1 node", cli.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownScenarioIsAUsageErrorAndStartsNothing()
    {
        var cli = new CliRunner();
        Assert.Equal(2, await cli.RunAsync("sim", "--nodes", "2", "--scenario", "meteor:all"));
        Assert.Null(cli.Backend.SimulatorStarted);
        Assert.Contains("unknown scenario 'meteor'", cli.Terminal.Errors + cli.Terminal.Output, StringComparison.Ordinal);
    }
}
