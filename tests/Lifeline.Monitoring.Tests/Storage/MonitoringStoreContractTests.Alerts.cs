using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Storage;

public abstract partial class MonitoringStoreContractTests
{
    [SkippableFact]
    public async Task AnAlertIsInsertedFoundByFingerprintUpdatedAndResolved()
    {
        var alert = await Store.SaveAlertAsync(NewAlert("fan-low/n1/Fan3"), default);
        Assert.True(alert.Id > 0);
        Assert.Equal(alert, await Store.GetAlertAsync(alert.Id, default));
        Assert.Equal(alert, await Store.FindOpenAlertAsync("fan-low/n1/Fan3", default));

        var acknowledged = alert with
        {
            State = AlertState.Acknowledged,
            AcknowledgedBy = "alice",
            AcknowledgedAt = At(2),
            Occurrences = 3,
            Flaps = 1,
            LastSeen = At(2),
            Comment = "replacing the fan",
        };
        await Store.SaveAlertAsync(acknowledged, default);
        Assert.Equal(acknowledged, await Store.FindOpenAlertAsync("fan-low/n1/Fan3", default));

        var resolved = acknowledged with { State = AlertState.Resolved, ResolvedBy = "auto", ResolvedAt = At(5) };
        await Store.SaveAlertAsync(resolved, default);
        Assert.Null(await Store.FindOpenAlertAsync("fan-low/n1/Fan3", default));
        Assert.Equal(resolved, await Store.GetAlertAsync(alert.Id, default));

        var again = await Store.SaveAlertAsync(NewAlert("fan-low/n1/Fan3"), default);
        Assert.NotEqual(alert.Id, again.Id);
        Assert.Equal(again.Id, (await Store.FindOpenAlertAsync("fan-low/n1/Fan3", default))!.Id);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.SaveAlertAsync(alert with { Id = 999_999 }, default));
    }

    [SkippableFact]
    public async Task ASecondOpenAlertWithTheSameFingerprintIsRefusedAndQueuesNothing()
    {
        await Store.SaveAlertAsync(NewAlert("f"), default);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.SaveAlertAsync(NewAlert("f"), [("webhook", AlertTransition.Firing, "{}")], Start, default));

        Assert.Contains("FindOpenAlertAsync", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.ListNotificationsAsync(null, 10, default));
        Assert.Single(await Store.QueryAlertsAsync(new AlertQuery(), default));
    }

    [SkippableFact]
    public async Task AlertQueriesFilterByNodeStateSeverityAndRuleNewestFirst()
    {
        var a = await Store.SaveAlertAsync(NewAlert("a", node: "n1", rule: "fan-low", severity: Severity.Warning), default);
        var b = await Store.SaveAlertAsync(NewAlert("b", node: "n2", rule: "fan-low", severity: Severity.Critical), default);
        var c = await Store.SaveAlertAsync(NewAlert("c", node: "n1", rule: "hot") with { State = AlertState.Resolved, ResolvedAt = At(1) }, default);
        var d = await Store.SaveAlertAsync(NewAlert("d", node: "n3", rule: "hot", severity: Severity.Info) with { State = AlertState.Acknowledged }, default);

        async Task<long[]> Ids(AlertQuery query) => [.. (await Store.QueryAlertsAsync(query, default)).Select(x => x.Id)];

        Assert.Equal([d.Id, b.Id, a.Id], await Ids(new AlertQuery()));
        Assert.Equal([c.Id, a.Id], await Ids(new AlertQuery { Nodes = ["n1"], States = [AlertState.Firing, AlertState.Resolved] }));
        Assert.Equal([c.Id], await Ids(new AlertQuery { States = [AlertState.Resolved] }));
        Assert.Equal([b.Id], await Ids(new AlertQuery { MinSeverity = Severity.Critical }));
        Assert.Equal([d.Id], await Ids(new AlertQuery { Rule = "hot" }));
        Assert.Equal([d.Id], await Ids(new AlertQuery { Limit = 1 }));
    }

    [SkippableFact]
    public async Task NotificationsAreQueuedWithTheAlertAndDeliveredOrRetriedPerChannel()
    {
        var alert = await Store.SaveAlertAsync(NewAlert("f"),
            [("webhook", AlertTransition.Firing, """{"alert":{"id":0}}"""), ("mail", AlertTransition.Firing, "{}")], Start, default);
        var updated = await Store.SaveAlertAsync(alert with { State = AlertState.Acknowledged },
            [("webhook", AlertTransition.Acknowledged, "{}")], At(1), default);

        var webhook = await Store.DueNotificationsAsync("webhook", At(1), 10, default);
        Assert.Equal(alert.Id, updated.Id);
        Assert.Equal([AlertTransition.Firing, AlertTransition.Acknowledged], webhook.Select(n => n.Transition));
        Assert.All(webhook, n => Assert.Equal((alert.Id, DeliveryState.Pending, 0), (n.AlertId, n.State, n.Attempts)));
        Assert.Equal("""{"alert":{"id":0}}""", webhook[0].Payload);
        Assert.Equal(Start, webhook[0].CreatedAt);
        Assert.Single(await Store.DueNotificationsAsync("webhook", Start, 10, default)); // the second is due at 12:01
        Assert.Single(await Store.DueNotificationsAsync("mail", Start, 10, default));
        Assert.Single(await Store.DueNotificationsAsync("webhook", At(1), 1, default));

        await Store.MarkFailedAsync(webhook[0].Id, "connection refused", At(5), expire: false, default);
        await Store.MarkDeliveredAsync(webhook[1].Id, At(1), default);

        Assert.Empty(await Store.DueNotificationsAsync("webhook", At(4), 10, default));
        var retry = Assert.Single(await Store.DueNotificationsAsync("webhook", At(5), 10, default));
        Assert.Equal((1, "connection refused", At(5)), (retry.Attempts, retry.LastError, retry.NextAttemptAt));

        await Store.MarkFailedAsync(retry.Id, "still refused", At(10), expire: true, default);

        Assert.Empty(await Store.DueNotificationsAsync("webhook", At(60), 10, default));
        var expired = Assert.Single(await Store.ListNotificationsAsync(DeliveryState.Expired, 10, default));
        Assert.Equal((2, "still refused"), (expired.Attempts, expired.LastError));
        var delivered = Assert.Single(await Store.ListNotificationsAsync(DeliveryState.Delivered, 10, default));
        Assert.Equal((At(1), 1), (delivered.DeliveredAt, delivered.Attempts));
        Assert.Equal(3, (await Store.ListNotificationsAsync(null, 10, default)).Count);
        Assert.Equal("mail", (await Store.ListNotificationsAsync(DeliveryState.Pending, 10, default)).Single().Channel);
    }

    [SkippableFact]
    public async Task RulesAreStoredAsJsonReplacedByNameListedAndDeleted()
    {
        var rule = new AlertRule
        {
            Name = "fan-low",
            Kind = RuleKind.Threshold,
            Severity = Severity.Critical,
            Nodes = "rack1",
            Sensor = "fan",
            SensorType = "Fan",
            Below = 1000.5,
            For = TimeSpan.FromMinutes(2),
            Channels = ["webhook", "mail"],
            Description = "fans below 1000 RPM ✓",
        };
        await Store.SaveRuleAsync(rule, default);
        await Store.SaveRuleAsync(new AlertRule { Name = "bmc-lost", Kind = RuleKind.Reachability, Path = "bmc" }, default);

        var listed = await Store.ListRulesAsync(default);
        Assert.Equal(["bmc-lost", "fan-low"], listed.Select(r => r.Name));
        var back = listed[1];
        Assert.Equal(rule with { Channels = null }, back with { Channels = null });
        Assert.Equal(["webhook", "mail"], back.Channels!);

        await Store.SaveRuleAsync(rule with { Enabled = false, Channels = null }, default);
        Assert.False((await Store.ListRulesAsync(default))[1].Enabled);
        Assert.True(await Store.DeleteRuleAsync("fan-low", default));
        Assert.False(await Store.DeleteRuleAsync("fan-low", default));
        Assert.Equal(["bmc-lost"], (await Store.ListRulesAsync(default)).Select(r => r.Name));
    }

    [SkippableFact]
    public async Task SilencesAreListedUntilTheyEndAndCanBeEndedEarly()
    {
        var current = await Store.AddSilenceAsync(new Silence(0, "rack1", null, Start, At(60), "alice", "maintenance", Start), default);
        var future = await Store.AddSilenceAsync(new Silence(0, null, "fan-low", At(30), At(90), "bob", "", Start), default);
        await Store.AddSilenceAsync(new Silence(0, null, null, At(-60), At(-1), "carol", "past", Start), default);

        Assert.True(current.Id > 0);
        Assert.Equal([current, future], await Store.ListSilencesAsync(Start, default));

        Assert.True(await Store.EndSilenceAsync(current.Id, At(10), default));
        Assert.False(await Store.EndSilenceAsync(999_999, At(10), default));

        Assert.Equal([future], await Store.ListSilencesAsync(At(10), default));
        Assert.Equal([current with { EndsAt = At(10) }, future], await Store.ListSilencesAsync(At(9), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddSilenceAsync(new Silence(0, null, null, At(5), At(5), "x", "", Start), default));
    }
}
