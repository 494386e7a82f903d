using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Tests.Storage;

public abstract partial class MonitoringStoreContractTests
{
    [SkippableFact]
    public async Task OnlyNewEventsAreStoredAndReturnedWithIncreasingIdsInTheGivenOrder()
    {
        var first = await Store.AppendEventsAsync([Event("n1", "a"), Event("n1", "b")], null, default);
        var second = await Store.AppendEventsAsync(
            [Event("n1", "c"), Event("n1", "a"), Event("n2", "a"), Event("n1", "a", source: EventSources.Redfish), Event("n1", "c")], null, default);

        Assert.Equal(["a", "b"], first.Select(e => e.DedupeKey));
        Assert.Equal([("n1", "c", "sel"), ("n2", "a", "sel"), ("n1", "a", "redfish")], second.Select(e => (e.Node, e.DedupeKey, e.Source)));
        var ids = first.Concat(second).Select(e => e.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(second, e => Assert.Equal(Start, e.ReceivedAt));
        Assert.Equal(5, (await Store.QueryEventsAsync(new EventQuery(), default)).Count);
    }

    [SkippableFact]
    public async Task EveryEventFieldRoundTrips()
    {
        var e = new NewEvent("n1", At(3, 7), Severity.Critical, EventSources.Redfish, "PSU 2 lost input 🔌", "PSU2", "Entries/42",
            """{"Id":"42","Message":"PSU 2 lost input"}""", "psu-redundancy-lost");
        Clock.Advance(TimeSpan.FromSeconds(90));

        var stored = Assert.Single(await Store.AppendEventsAsync([e], null, default));
        var read = Assert.Single(await Store.QueryEventsAsync(new EventQuery(), default));

        Assert.Equal(stored, read);
        Assert.Equal(new MonitoredEvent(stored.Id, e.Node, e.Time, e.Severity, e.Source, e.Message, e.Sensor, e.DedupeKey, e.Raw, e.Kind, Start.AddSeconds(90)), read);
    }

    [SkippableFact]
    public async Task TheCursorIsSavedWithTheEventsItCovers()
    {
        Assert.Null(await Store.GetCursorAsync("n1", EventSources.Sel, default));

        await Store.AppendEventsAsync([Event("n1", "a")], new EventCursor("n1", EventSources.Sel, """{"last":1}""", At(1)), default);
        await Store.AppendEventsAsync([], new EventCursor("n1", EventSources.Sel, """{"last":2}""", At(2)), default);

        Assert.Equal(new EventCursor("n1", EventSources.Sel, """{"last":2}""", At(2)), await Store.GetCursorAsync("n1", EventSources.Sel, default));
        Assert.Null(await Store.GetCursorAsync("n1", EventSources.Redfish, default));
    }

    [SkippableFact]
    public async Task AnAppendThatFailsInTheDatabaseStoresNeitherItsEventsNorItsCursor()
    {
        await Store.AppendEventsAsync([Event("n1", "a")], new EventCursor("n1", EventSources.Sel, "before", At(0)), default);
        await ExecuteSqlAsync(FailingCursorTriggerSql);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            Store.AppendEventsAsync([Event("n1", "b"), Event("n1", "c")], new EventCursor("n1", EventSources.Sel, "boom", At(1)), default));

        Assert.Equal("before", (await Store.GetCursorAsync("n1", EventSources.Sel, default))!.State);
        Assert.Equal(["a"], (await Store.QueryEventsAsync(new EventQuery(), default)).Select(e => e.DedupeKey));
        var retried = await Store.AppendEventsAsync([Event("n1", "b"), Event("n1", "c")], new EventCursor("n1", EventSources.Sel, "after", At(1)), default);
        Assert.Equal(["b", "c"], retried.Select(e => e.DedupeKey));
    }

    [SkippableFact]
    public async Task FollowingByAfterIdReturnsLaterEventsOldestFirst()
    {
        var stored = await Store.AppendEventsAsync([Event("n1", "a", minute: 5), Event("n1", "b", minute: 1), Event("n1", "c", minute: 3)], null, default);

        var newestFirst = await Store.QueryEventsAsync(new EventQuery(), default);
        var followed = await Store.QueryEventsAsync(new EventQuery { AfterId = stored[0].Id }, default);
        var page = await Store.QueryEventsAsync(new EventQuery { AfterId = 0, Limit = 2 }, default);

        Assert.Equal(["a", "c", "b"], newestFirst.Select(e => e.DedupeKey));
        Assert.Equal(["b", "c"], followed.Select(e => e.DedupeKey));
        Assert.Equal(["a", "b"], page.Select(e => e.DedupeKey));
        Assert.Empty(await Store.QueryEventsAsync(new EventQuery { AfterId = stored[2].Id }, default));
    }

    [SkippableFact]
    public async Task EventFiltersCombineNodesTimesSeveritySourceAndText()
    {
        await Store.AppendEventsAsync(
        [
            Event("n1", "1", "Fan 3 speed LOW", Severity.Warning, minute: 0, sensor: "Fan3"),
            Event("n1", "2", "Temperature critical", Severity.Critical, minute: 1, sensor: "CPU1 Temp"),
            Event("n2", "3", "Log cleared", Severity.Info, EventSources.Monitor, minute: 2, sensor: null),
            Event("n2", "4", "Voltage 100% of range", Severity.Critical, EventSources.Redfish, minute: 3, sensor: "P12V"),
            Event("n3", "5", "Voltage 1000 mV", Severity.Critical, EventSources.Redfish, minute: 4, sensor: "P1_V"),
        ], null, default);

        async Task<string[]> Keys(EventQuery query) => [.. (await Store.QueryEventsAsync(query, default)).Select(e => e.DedupeKey).Order()];

        Assert.Equal(["1", "2"], await Keys(new EventQuery { Nodes = ["n1"] }));
        Assert.Equal(["2", "3"], await Keys(new EventQuery { Since = At(1), Until = At(3) }));
        Assert.Equal(["2", "4", "5"], await Keys(new EventQuery { MinSeverity = Severity.Critical }));
        Assert.Equal(["4", "5"], await Keys(new EventQuery { Source = EventSources.Redfish }));
        Assert.Equal(["1"], await Keys(new EventQuery { Text = "speed low" }));
        Assert.Equal(["2"], await Keys(new EventQuery { Text = "cpu1" }));
        Assert.Equal(["4"], await Keys(new EventQuery { Text = "100%" }));
        Assert.Equal(["5"], await Keys(new EventQuery { Text = "p1_" }));
        Assert.Empty(await Keys(new EventQuery { Text = "\\" }));
        Assert.Equal(["4"], await Keys(new EventQuery { Nodes = ["n2", "n3"], MinSeverity = Severity.Warning, Text = "voltage", Until = At(4) }));
        Assert.Empty(await Keys(new EventQuery { Nodes = [] }));
        Assert.Equal(2, (await Store.QueryEventsAsync(new EventQuery { Limit = 2 }, default)).Count);
    }
}
