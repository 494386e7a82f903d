using Lifeline.Drivers;
using Lifeline.Simulator.Model;

namespace Lifeline.Cli.Tests.Drivers;

/// <summary><see cref="IBmcBackend.ReadEventsSinceAsync"/> over IPMI against the simulator: incremental, cheap when idle, clear- and reboot-proof.</summary>
public sealed class EventsSinceIpmiTests
{
    private static HashSet<string> Keys(params EventBatch[] batches) => batches.SelectMany(b => b.Events).Select(e => e.DedupeKey).ToHashSet();

    [Fact]
    public async Task TheFirstReadReturnsEveryRecordAndTheNextOnlyTheNewOnes()
    {
        await using var h = await EventsSinceHarness.StartAsync(91);
        h.InjectErrors(3);
        var first = await h.ReadIpmiAsync(null);
        Assert.Equal(h.Model.GetSelEntries().Select(e => (int)e.RecordId), first.Events.Select(e => e.Event.Id));
        Assert.False(first.Cleared || first.Restarted || first.Overflow);

        h.InjectErrors(2, dimm: 1);
        var second = await h.ReadIpmiAsync(first.Cursor);
        var added = h.Model.GetSelEntries()[^2..];
        Assert.Equal(added.Select(e => (int)e.RecordId), second.Events.Select(e => e.Event.Id));
        Assert.All(second.Events, e =>
        {
            Assert.Equal(EventKinds.MemoryCorrectable, e.Kind);
            Assert.Equal(32, e.Raw.Length);
            Assert.Equal($"{e.Event.Id:X4}", e.SourceId);
            Assert.Equal(EventSeverity.Warning, e.Event.Severity);
        });
        var listed = (await h.Ipmi.ListSelAsync(h.IpmiTarget, EventsSinceHarness.Connection, CancellationToken.None)).Events;
        Assert.Equal(listed, first.Events.Concat(second.Events).Select(e => e.Event)); // decoded as `sel list` does
        Assert.Empty(Keys(first).Intersect(Keys(second)));
    }

    [Fact]
    public async Task NothingNewCostsExactlyOneGetSelInfoAndNoEntryRead()
    {
        await using var h = await EventsSinceHarness.StartAsync(92);
        h.InjectErrors(4);
        var first = await h.ReadIpmiAsync(null);
        long infos = h.Model.SelInfoRequests, entries = h.Model.SelEntryRequests;

        var idle = await h.ReadIpmiAsync(first.Cursor);

        Assert.True(idle.Unchanged);
        Assert.Empty(idle.Events);
        Assert.Equal(first.Cursor, idle.Cursor);
        Assert.Equal(infos + 1, h.Model.SelInfoRequests);
        Assert.Equal(entries, h.Model.SelEntryRequests);
    }

    [Fact]
    public async Task AClearIsDetectedAndARecordAfterItWithTheIdAndBytesOfAnOldOneIsStillNew()
    {
        await using var h = await EventsSinceHarness.StartAsync(93, BmcOptions.Default with { CorrectableEccPerHour = 0, SelRestartsRecordIdsAfterClear = true });
        h.Model.ClearSel(); // start from record 1
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var stamp = h.Model.SelTime;
        h.Model.InjectMemoryError(2);
        var before = await h.ReadIpmiAsync(null);
        var old = Assert.Single(before.Events);

        h.Model.ClearSel();
        h.Clock.Advance(TimeSpan.FromSeconds(5)); // the erase completes
        h.Model.SetSelTime(stamp);                 // … and the BMC clock is set back: the same record again, byte for byte
        h.Model.InjectMemoryError(2);
        var after = await h.ReadIpmiAsync(before.Cursor);

        Assert.True(after.Cleared);
        Assert.False(after.Restarted);
        var again = Assert.Single(after.Events);
        Assert.Equal(old.Raw, again.Raw);
        Assert.Equal(old.SourceId, again.SourceId);
        Assert.NotEqual(old.DedupeKey, again.DedupeKey);
        Assert.Equal(before.Cursor.ClearCount + 1, after.Cursor.ClearCount);
    }

    [Fact]
    public async Task AClearedEmptySelIsReportedWithNoEvents()
    {
        await using var h = await EventsSinceHarness.StartAsync(94);
        h.InjectErrors(2);
        var before = await h.ReadIpmiAsync(null);
        h.Model.ClearSel();
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var after = await h.ReadIpmiAsync(before.Cursor);
        Assert.True(after.Cleared);
        Assert.Empty(after.Events);
        Assert.Null(after.Cursor.LastRecordId);
        h.InjectErrors(1);
        var next = await h.ReadIpmiAsync(after.Cursor);
        Assert.Single(next.Events);
        Assert.False(next.Cleared);
    }

    [Fact]
    public async Task AFullSelReportsOverflow()
    {
        await using var h = await EventsSinceHarness.StartAsync(95, BmcOptions.Default with { CorrectableEccPerHour = 0, SelCapacity = 8 });
        h.InjectErrors(12);
        var batch = await h.ReadIpmiAsync(null);
        Assert.True(batch.Overflow);
        Assert.Equal(8, batch.Events.Count);
    }

    [Fact]
    public async Task ABmcRebootBetweenReadsLosesAndDuplicatesNothing()
    {
        await using var h = await EventsSinceHarness.StartAsync(96);
        await using var warm = h.Ipmi.CreateWarm(); // as the service polls: one session kept open, which the reboot kills
        h.InjectErrors(3);
        var first = await h.ReadIpmiAsync(null, warm);
        h.InjectErrors(2);
        h.Model.RebootBmc();
        h.Clock.Advance(h.Model.Options.Timings.BmcRebootDuration + TimeSpan.FromSeconds(1));
        h.InjectErrors(2);
        var second = await h.ReadIpmiAsync(first.Cursor, warm);
        var third = await h.ReadIpmiAsync(second.Cursor, warm);

        Assert.Equal(4, second.Events.Count);
        Assert.True(third.Unchanged);
        var stored = first.Events.Concat(second.Events).ToList();
        Assert.Equal(stored.Count, stored.Select(e => e.DedupeKey).Distinct().Count());
        Assert.Equal(h.Model.GetSelEntries().Select(e => (int)e.RecordId), stored.Select(e => e.Event.Id));
    }

    [Fact]
    public async Task ARolledOverSelRestartsAndRereadRecordsKeepTheirKeys()
    {
        await using var h = await EventsSinceHarness.StartAsync(97,
            BmcOptions.Default with { CorrectableEccPerHour = 0, SelCapacity = 6, SelFullBehavior = SelFullBehavior.Overwrite });
        h.InjectErrors(4);
        var first = await h.ReadIpmiAsync(null);
        h.InjectErrors(8); // the last record read is overwritten
        var second = await h.ReadIpmiAsync(first.Cursor);

        Assert.True(second.Restarted);
        Assert.False(second.Cleared);
        Assert.True(second.Overflow);
        Assert.Equal(h.Model.GetSelEntries().Select(e => (int)e.RecordId), second.Events.Select(e => e.Event.Id));
        Assert.Equal(first.Cursor.ClearCount, second.Cursor.ClearCount);
    }

    [Fact]
    public async Task AForeignOrMissingCursorStartsOver()
    {
        await using var h = await EventsSinceHarness.StartAsync(98);
        h.InjectErrors(2);
        var all = await h.ReadIpmiAsync(new EventReadCursor { Kind = EventReadCursor.RedfishLog, LastEntryId = "7" });
        Assert.Equal(h.Model.GetSelInfo().Entries, all.Events.Count);
        Assert.Equal(EventReadCursor.IpmiSel, all.Cursor.Kind);
    }
}
