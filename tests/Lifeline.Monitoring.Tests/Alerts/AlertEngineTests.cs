using EventKinds = Lifeline.Monitoring.Detection.EventKinds;
using Lifeline.Drivers;
using Lifeline.Monitoring.Alerts;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Alerts;

public sealed class AlertEngineTests
{
    [Fact]
    public async Task AFanPastCriticalFiresAtOnceNotifiesEveryChannelAndResolvesItselfWhenItRecovers()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);

        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal("fan-critical", alert.Rule);
        Assert.Equal("Fan1", alert.Subject);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(AlertEngine.Fingerprint("fan-critical", "n1", "Fan1"), alert.Fingerprint);
        var firing = f.Rows(AlertTransition.Firing);
        Assert.Equal(["mail", "webhook"], firing.Select(n => n.Channel).Order());
        var payload = AlertPayload.FromJson(firing[0].Payload)!;
        Assert.Equal(alert.Id, payload.Alert.Id);
        Assert.Equal(AlertTransition.Firing, payload.Transition);
        Assert.Equal("test", payload.Service);
        Assert.Equal(1, f.Wakes);

        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Engine.ObserveAsync(f.Fan("n1", 7000, SensorStatus.Ok), f.Token);
        var resolved = Assert.Single(f.Store.Alerts);
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal("auto", resolved.ResolvedBy);
        Assert.Equal(f.Time.GetUtcNow(), resolved.ResolvedAt);
        Assert.Equal(2, f.Rows(AlertTransition.Resolved).Count);
    }

    [Fact]
    public async Task AConditionMustHoldForItsForDurationAndAnInterruptionStartsAgain()
    {
        using var f = new EngineFixture();
        await f.Store.SaveRuleAsync(new AlertRule { Name = "cpu-hot", Kind = RuleKind.Threshold, Sensor = "cpu", Above = 80, For = TimeSpan.FromMinutes(2) }, f.Token);

        await f.Engine.ObserveAsync(f.Cpu("n1", 85), f.Token);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Engine.ObserveAsync(f.Cpu("n1", 86), f.Token);
        f.Time.Advance(TimeSpan.FromSeconds(30));
        await f.Engine.ObserveAsync(f.Cpu("n1", 70), f.Token); // interrupted
        f.Time.Advance(TimeSpan.FromSeconds(30));
        await f.Engine.ObserveAsync(f.Cpu("n1", 85), f.Token);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Engine.ObserveAsync(f.Cpu("n1", 85), f.Token);
        Assert.Empty(f.Store.Alerts);

        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Engine.ObserveAsync(f.Cpu("n1", 87), f.Token);
        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal("cpu-hot", alert.Rule);
        Assert.Equal(Severity.Warning, alert.Severity);
        Assert.Contains("87 degrees C above 80", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(["webhook"], f.Rows(AlertTransition.Firing).Select(n => n.Channel)); // mail wants critical only
    }

    [Fact]
    public async Task RepeatedEventsDeduplicateIntoOneAlertThatStaysUntilAPersonResolvesIt()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveAsync(f.Event("n1", Severity.Critical, "Uncorrectable ECC | Asserted", EventKinds.MemoryUncorrectable, 1), f.Token);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        await f.Engine.ObserveAsync(f.Event("n1", Severity.Critical, "Uncorrectable ECC | Asserted", EventKinds.MemoryUncorrectable, 2), f.Token);
        await f.Engine.ObserveAsync(f.Event("n1", Severity.Info, "Correctable ECC | Deasserted", EventKinds.MemoryCorrectable, 3), f.Token);

        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal("critical-event", alert.Rule);
        Assert.Equal(EventKinds.MemoryUncorrectable, alert.Subject);
        Assert.Equal(2, alert.Occurrences);
        Assert.Equal(f.Time.GetUtcNow(), alert.LastSeen);
        Assert.Equal(EngineFixture.Start, alert.FirstSeen);
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(2, f.Store.Outbox.Count); // one firing per channel, not per occurrence

        f.Time.Advance(TimeSpan.FromMinutes(1));
        var resolved = await f.Engine.ResolveAsync(alert.Id, "alice", "DIMM replaced", f.Token);
        Assert.Equal(AlertState.Resolved, resolved!.State);
        Assert.Equal("alice", resolved.ResolvedBy);
        Assert.Equal(f.Time.GetUtcNow(), resolved.ResolvedAt);
        Assert.Equal("DIMM replaced", resolved.Comment);
        Assert.Equal(2, f.Rows(AlertTransition.Resolved).Count);
    }

    [Fact]
    public async Task AcknowledgeRecordsWhoAndWhenAndResolvedAlertsCannotChangeAgain()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        long id = f.Store.Alerts[0].Id;
        f.Time.Advance(TimeSpan.FromMinutes(3));

        var acked = await f.Engine.AcknowledgeAsync(id, "bob", "looking", f.Token);
        Assert.Equal(AlertState.Acknowledged, acked!.State);
        Assert.Equal("bob", acked.AcknowledgedBy);
        Assert.Equal(EngineFixture.Start.AddMinutes(3), acked.AcknowledgedAt);
        Assert.Equal(2, f.Rows(AlertTransition.Acknowledged).Count);

        // Still holding while acknowledged: no new alert, no new notification.
        await f.Engine.ObserveAsync(f.Fan("n1", 300, SensorStatus.Critical), f.Token);
        Assert.Single(f.Store.Alerts);
        Assert.Equal(4, f.Store.Outbox.Count);

        await f.Engine.ResolveAsync(id, "bob", null, f.Token);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => f.Engine.AcknowledgeAsync(id, "carol", null, f.Token));
        Assert.Contains("already resolved by bob", again.Message, StringComparison.Ordinal);
        Assert.Null(await f.Engine.ResolveAsync(999, "bob", null, f.Token));
        await Assert.ThrowsAsync<ArgumentException>(() => f.Engine.AcknowledgeAsync(id, " ", null, f.Token));
    }

    [Fact]
    public async Task AFlappingAlertReopensTheSameAlertAndHoldsNotificationsUntilStable()
    {
        using var f = new EngineFixture(new AlertEngineOptions { FlapWindow = TimeSpan.FromMinutes(15), FlapThreshold = 3 });
        for (int i = 0; i < 5; i++)
        {
            await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
            f.Time.Advance(TimeSpan.FromMinutes(1));
            await f.Engine.ObserveAsync(f.Fan("n1", 7000, SensorStatus.Ok), f.Token);
            f.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);

        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal(5, alert.Flaps);
        Assert.Equal(6, alert.Occurrences);
        Assert.Equal(AlertState.Firing, alert.State);
        // Fired, resolved, then two reopen/resolve pairs are told; from the third reopening on, nothing.
        Assert.Equal(3 * 2, f.Rows(AlertTransition.Firing).Count);
        Assert.Equal(3 * 2, f.Rows(AlertTransition.Resolved).Count);
        int before = f.Store.Outbox.Count;

        // Stable (still firing) for the flap window: the tick tells the channels once that it is firing.
        f.Time.Advance(TimeSpan.FromMinutes(10));
        await f.Engine.TickAsync(f.Token);
        Assert.Equal(before, f.Store.Outbox.Count);
        f.Time.Advance(TimeSpan.FromMinutes(6));
        await f.Engine.TickAsync(f.Token);
        Assert.Equal(before + 2, f.Store.Outbox.Count);
        Assert.All(f.Store.Outbox.Skip(before), n => Assert.Equal(AlertTransition.Firing, n.Transition));
        await f.Engine.TickAsync(f.Token);
        Assert.Equal(before + 2, f.Store.Outbox.Count);
    }

    [Fact]
    public async Task AConditionThatReturnsAfterTheFlapWindowIsANewAlert()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        await f.Engine.ObserveAsync(f.Fan("n1", 7000, SensorStatus.Ok), f.Token);
        f.Time.Advance(TimeSpan.FromMinutes(20));
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        Assert.Equal(2, f.Store.Alerts.Count);
        Assert.All(f.Store.Alerts, a => Assert.Equal(0, a.Flaps));
    }

    [Fact]
    public async Task SilencedAlertsAreRecordedButNotifyNobody()
    {
        using var f = new EngineFixture();
        var silence = await f.Engine.SilenceAsync("n1,n2", null, f.Time.GetUtcNow().AddHours(1), "alice", "maintenance", f.Token);
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        await f.Engine.ObserveAsync(f.Fan("n3", 400, SensorStatus.Critical), f.Token);
        Assert.Equal(2, f.Store.Alerts.Count);
        Assert.All(f.Store.Outbox, n => Assert.Equal(f.Store.Alerts.Single(a => a.Node == "n3").Id, n.AlertId));

        Assert.True(await f.Engine.EndSilenceAsync(silence.Id, f.Token));
        await f.Engine.ObserveAsync(f.Fan("n2", 400, SensorStatus.Critical), f.Token);
        Assert.Contains(f.Store.Outbox, n => n.AlertId == f.Store.Alerts.Single(a => a.Node == "n2").Id);
        await Assert.ThrowsAsync<ArgumentException>(() => f.Engine.SilenceAsync(null, null, f.Time.GetUtcNow(), "alice", "", f.Token));
    }

    [Fact]
    public async Task ASilenceOfOneRuleLeavesOtherRulesLoud()
    {
        using var f = new EngineFixture();
        await f.Engine.SilenceAsync(null, "fan-critical", f.Time.GetUtcNow().AddHours(1), "alice", "known fan", f.Token);
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        await f.Engine.ObserveAsync(f.Event("n1", Severity.Critical, "IERR | Asserted", EventKinds.ProcessorError), f.Token);
        Assert.Equal(2, f.Store.Alerts.Count);
        var loud = f.Store.Alerts.Single(a => a.Rule == "critical-event");
        Assert.All(f.Store.Outbox, n => Assert.Equal(loud.Id, n.AlertId));
    }

    [Fact]
    public async Task ARuleNamingChannelsNotifiesOnlyThose()
    {
        using var f = new EngineFixture();
        await f.Store.SaveRuleAsync(new AlertRule
        {
            Name = "fan-critical", Kind = RuleKind.Threshold, SensorType = "Fan", Status = "critical", Severity = Severity.Critical, Channels = ["mail"],
        }, f.Token);
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        Assert.Equal(["mail"], f.Store.Outbox.Select(n => n.Channel));
    }

    [Fact]
    public async Task TrendPredictionsFireEscalateAndResolveWithTheDetector()
    {
        using var f = new EngineFixture();
        Prediction P(Severity s) => new("n1", TrendNames.FanFalling, "Fan1", s, $"Fan1 falling ({s})",
            new PredictionEvidence(TimeSpan.FromMinutes(10), 10, -100, 0.97, 5000, 1000, "lower critical", TimeSpan.FromMinutes(40), "RPM"), f.Time.GetUtcNow());

        await f.Engine.ObserveAsync(new DetectionResult([P(Severity.Warning)], [], [P(Severity.Warning)]), f.Token);
        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal("trend-fan-falling", alert.Rule);
        Assert.Equal("Fan1", alert.Subject);
        Assert.Equal(Severity.Warning, alert.Severity);
        Assert.Contains("\"slope\":-100", alert.Evidence, StringComparison.Ordinal);
        Assert.Single(f.Rows(AlertTransition.Firing)); // webhook only

        await f.Engine.ObserveAsync(new DetectionResult([P(Severity.Critical)], [], [P(Severity.Critical)]), f.Token);
        Assert.Equal(Severity.Critical, Assert.Single(f.Store.Alerts).Severity);
        Assert.Equal(3, f.Rows(AlertTransition.Firing).Count); // told again, now mail too

        await f.Engine.ObserveAsync(new DetectionResult([], [P(Severity.Critical)], []), f.Token);
        Assert.Equal("auto", Assert.Single(f.Store.Alerts).ResolvedBy);
    }

    [Fact]
    public async Task ConsolePanicsFireAndOrdinaryLinesDoNot()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveConsoleAsync(new ConsoleHit("n1", "login", "n1 login:", f.Time.GetUtcNow()), f.Token);
        Assert.Empty(f.Store.Alerts);
        await f.Engine.ObserveConsoleAsync(new ConsoleHit("n1", "kernel-panic", "Kernel panic - not syncing: Fatal exception", f.Time.GetUtcNow()), f.Token);
        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal("console-panic", alert.Rule);
        Assert.Equal("kernel-panic", alert.Subject);
        Assert.Equal(Severity.Critical, alert.Severity);
    }

    [Fact]
    public async Task ALostBmcFiresAfterItsForThroughTheTickAndResolvesWhenItAnswers()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveReachabilityAsync(new Reachability("n1", false, null, f.Time.GetUtcNow()), f.Token);
        Assert.Empty(f.Store.Alerts);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Engine.TickAsync(f.Token);
        Assert.Empty(f.Store.Alerts);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Engine.TickAsync(f.Token);
        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal("bmc-lost", alert.Rule);
        Assert.Equal("bmc", alert.Subject);

        await f.Engine.ObserveReachabilityAsync(new Reachability("n1", true, true, f.Time.GetUtcNow()), f.Token);
        Assert.Equal(AlertState.Resolved, Assert.Single(f.Store.Alerts).State);
    }

    [Fact]
    public async Task PrimaryLostWhileTheBmcAnswersIsCriticalButNotWhenTheBmcIsAlsoDown()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveReachabilityAsync(new Reachability("n1", false, false, f.Time.GetUtcNow()), f.Token);
        await f.Engine.ObserveReachabilityAsync(new Reachability("n2", true, false, f.Time.GetUtcNow()), f.Token);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        await f.Engine.TickAsync(f.Token);
        var primary = Assert.Single(f.Store.Alerts);
        Assert.Equal("primary-lost", primary.Rule);
        Assert.Equal("n2", primary.Node);
        Assert.Equal(Severity.Critical, primary.Severity);
    }

    [Fact]
    public async Task StoredRulesAreCachedReloadedOnChangeAndInvalidOnesSkipped()
    {
        using var f = new EngineFixture();
        await f.Store.SaveRuleAsync(new AlertRule { Name = "broken", Kind = RuleKind.Event, Match = "([unclosed" }, f.Token);
        await f.Engine.ObserveAsync(f.Cpu("n1", 95), f.Token);
        await f.Engine.ObserveAsync(f.Cpu("n1", 95), f.Token);
        Assert.Equal(1, f.Store.ListRulesCalls);
        Assert.DoesNotContain(await f.Engine.RulesAsync(f.Token), r => r.Name == "broken");
        Assert.Empty(f.Store.Alerts);

        await f.Store.SaveRuleAsync(new AlertRule { Name = "cpu-90", Kind = RuleKind.Threshold, SensorType = "Temperature", Above = 90 }, f.Token);
        f.Engine.InvalidateRules();
        await f.Engine.ObserveAsync(f.Cpu("n1", 95), f.Token);
        Assert.Equal(2, f.Store.ListRulesCalls);
        Assert.Equal("cpu-90", Assert.Single(f.Store.Alerts).Rule);
    }

    [Fact]
    public async Task ARuleScopedToANoderangeIgnoresOtherNodes()
    {
        using var f = new EngineFixture(new AlertEngineOptions { UseDefaultRules = false });
        await f.Store.SaveRuleAsync(new AlertRule { Name = "cpu-90", Kind = RuleKind.Threshold, Sensor = "CPU", Above = 90, Nodes = "n1,n2" }, f.Token);
        await f.Engine.ObserveAsync(f.Cpu("n3", 95), f.Token);
        Assert.Empty(f.Store.Alerts);
        await f.Engine.ObserveAsync(f.Cpu("n2", 95), f.Token);
        Assert.Equal("n2", Assert.Single(f.Store.Alerts).Node);
    }

    [Fact]
    public async Task ConcurrentObservationsOfOneConditionMakeOneAlert()
    {
        using var f = new EngineFixture();
        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() =>
            f.Engine.ObserveAsync(f.Event("n1", Severity.Critical, "IERR | Asserted", EventKinds.ProcessorError, i), f.Token))))
            .WaitAsync(TimeSpan.FromSeconds(10));
        var alert = Assert.Single(f.Store.Alerts);
        Assert.Equal(50, alert.Occurrences);
        Assert.Equal(2, f.Store.Outbox.Count);
    }

    [Fact]
    public async Task OpenAlertsFromBeforeARestartAreContinuedNotDuplicated()
    {
        using var f = new EngineFixture();
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        using var restarted = new AlertEngine(f.Store, new AlertEngineOptions(), f.Time);
        await restarted.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        Assert.Single(f.Store.Alerts);
        await restarted.ObserveAsync(f.Fan("n1", 7000, SensorStatus.Ok), f.Token);
        Assert.Equal(AlertState.Resolved, Assert.Single(f.Store.Alerts).State);
    }

    [Fact]
    public async Task ATrendAlertWithoutAnActivePredictionResolvesWhenTheDetectorReportsTheNode()
    {
        using var f = new EngineFixture();
        var p = new Prediction("n1", TrendNames.SensorStale, "Fan2", Severity.Warning, "Fan2 frozen",
            new PredictionEvidence(TimeSpan.Zero, 10, 0, null, 7950, null, "unchanged", null, "RPM"), f.Time.GetUtcNow());
        await f.Engine.ObserveAsync(new DetectionResult([p], [], [p]) { Node = "n1" }, f.Token);
        Assert.Equal(AlertState.Firing, Assert.Single(f.Store.Alerts).State);

        // A restarted detector knows nothing about n1: its first result for n1 has no active prediction.
        var detector = new TrendDetector();
        var result = detector.Observe(new SensorSnapshot("n1", f.Time.GetUtcNow(), [new SensorPoint("Fan2", "Fan", "RPM", 7900, SensorStatus.Ok)]));
        Assert.Equal("n1", result.Node);
        await f.Engine.ObserveAsync(result, f.Token);
        Assert.Equal("auto", Assert.Single(f.Store.Alerts).ResolvedBy);
        await f.Engine.ObserveAsync(f.Fan("n1", 400, SensorStatus.Critical), f.Token);
        await f.Engine.ObserveAsync(detector.Observe(f.Fan("n1", 400, SensorStatus.Critical)), f.Token);
        Assert.Equal(AlertState.Firing, f.Store.Alerts.Single(a => a.Rule == "fan-critical").State); // other kinds are left alone
    }
}
