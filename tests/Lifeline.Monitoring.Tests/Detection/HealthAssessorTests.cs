using EventKinds = Lifeline.Monitoring.Detection.EventKinds;
using Lifeline.Drivers;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Detection;

public sealed class HealthAssessorTests
{
    private static readonly DateTimeOffset Now = SyntheticNode.Start.AddHours(1);

    private static SensorSnapshot Snapshot(params SensorPoint[] sensors) => new("n1", Now.AddMinutes(-1), sensors);

    private static SensorPoint Cpu(double value, SensorStatus status) =>
        new("CPU1 Temp", "Temperature", "degrees C", value, status, null, new SensorThresholdValues(null, null, null, 84, 89, 95));

    private static Prediction FanPrediction(Severity severity) =>
        new("n1", TrendNames.FanFalling, "Fan1", severity, "Fan1 falling 100 RPM/min; lower critical 1000 RPM in ~42 min",
            new PredictionEvidence(TimeSpan.FromMinutes(10), 10, -100, 0.95, 5200, 1000, "lower critical", TimeSpan.FromMinutes(42), "RPM"), Now);

    [Fact]
    public void AHealthyNodeWithFreshDataIsOk()
    {
        var health = new HealthAssessor().Assess("n1", Snapshot(Cpu(50, SensorStatus.Ok)), [], [], [], new Reachability("n1", true, true, Now), Now);
        Assert.Equal(HealthNames.Ok, health.Health);
        Assert.Empty(health.Reasons);
    }

    [Fact]
    public void ReasonsComeWorstFirstAndNameTheSensorAndTheEvent()
    {
        var critical = new MonitoredEvent(7, "n1", Now.AddHours(-2), Severity.Critical, EventSources.Sel, "Uncorrectable ECC | Asserted",
            "Memory DIMM A", "k", null, EventKinds.MemoryUncorrectable, Now.AddHours(-2));
        var health = new HealthAssessor().Assess("n1", Snapshot(Cpu(86, SensorStatus.Warning)), [FanPrediction(Severity.Warning)], [],
            [critical], null, Now);
        Assert.Equal(HealthNames.Critical, health.Health);
        Assert.Equal(["event", "sensor", "prediction"], health.Reasons.Select(r => r.Source));
        Assert.Equal("7", health.Reasons[0].Subject);
        Assert.Contains("Uncorrectable ECC", health.Reasons[0].Message, StringComparison.Ordinal);
        Assert.Equal("CPU1 Temp", health.Reasons[1].Subject);
        Assert.Contains("past upper non-critical 84", health.Reasons[1].Message, StringComparison.Ordinal);
        Assert.Equal("fan-falling Fan1", health.Reasons[2].Subject);
    }

    [Fact]
    public void OldCriticalEventsAreOutsideTheLookback()
    {
        var old = new MonitoredEvent(7, "n1", Now.AddDays(-2), Severity.Critical, EventSources.Sel, "IERR | Asserted", "Processor CPU1", "k",
            null, null, Now.AddDays(-2));
        var health = new HealthAssessor().Assess("n1", Snapshot(Cpu(50, SensorStatus.Ok)), [], [], [old], null, Now);
        Assert.Equal(HealthNames.Ok, health.Health);
    }

    [Fact]
    public void ANeverPolledNodeIsUnknownAndALostBmcAloneIsUnknownWithAReason()
    {
        var assessor = new HealthAssessor();
        Assert.Equal(HealthNames.Unknown, assessor.Assess("n1", null, [], [], [], null, Now).Health);
        var lost = assessor.Assess("n1", Snapshot(Cpu(50, SensorStatus.Ok)), [], [], [], new Reachability("n1", false, null, Now.AddMinutes(-3)), Now);
        Assert.Equal(HealthNames.Unknown, lost.Health);
        Assert.Equal("bmc", Assert.Single(lost.Reasons).Subject);
    }

    [Fact]
    public void PrimaryLostWhileTheBmcAnswersIsCritical()
    {
        var health = new HealthAssessor().Assess("n1", Snapshot(Cpu(50, SensorStatus.Ok)), [], [], [], new Reachability("n1", true, false, Now), Now);
        Assert.Equal(HealthNames.Critical, health.Health);
        Assert.Equal("primary", health.Reasons[0].Subject);
    }

    [Fact]
    public void AnOpenAlertCountsAndSaysWhoAcknowledgedIt()
    {
        var alert = new Alert
        {
            Id = 3, Fingerprint = "f", Rule = "r", Node = "n1", Summary = "Fan1 falling", Severity = Severity.Warning,
            State = AlertState.Acknowledged, AcknowledgedBy = "alice",
        };
        var health = new HealthAssessor().Assess("n1", Snapshot(Cpu(50, SensorStatus.Ok)), [], [alert], [], null, Now);
        Assert.Equal(HealthNames.Warning, health.Health);
        Assert.Contains("acknowledged by alice", health.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRollupCountsPerGroupAndSite()
    {
        NodeHealth H(string node, string health) => new(node, health, [], Now);
        var placement = new Dictionary<string, NodePlacement>
        {
            ["a1"] = new(["rack1", "compute"], "ams"),
            ["a2"] = new(["rack1", "compute"], "ams"),
            ["b1"] = new(["rack2"], "fra"),
            ["b2"] = new(["rack2"], "fra"), // never assessed: unknown
        };
        var summary = FleetHealthRollup.Rollup([H("a1", HealthNames.Ok), H("a2", HealthNames.Critical), H("b1", HealthNames.Warning), H("x", HealthNames.Ok)],
            placement);
        Assert.Equal(new HealthCounts(2, 1, 1, 1), summary.Total);
        Assert.Equal(new HealthCounts(1, 0, 1, 0), summary.Groups["rack1"]);
        Assert.Equal(new HealthCounts(1, 0, 1, 0), summary.Groups["compute"]);
        Assert.Equal(new HealthCounts(0, 1, 0, 1), summary.Sites["fra"]);
        Assert.Equal(new HealthCounts(1, 0, 0, 0), summary.Sites[FleetHealthRollup.None]);
        Assert.Equal(5, summary.Total.Total);
    }
}
