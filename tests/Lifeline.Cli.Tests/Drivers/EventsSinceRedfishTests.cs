using System.Text.Json;
using Lifeline.Drivers;

namespace Lifeline.Cli.Tests.Drivers;

/// <summary><see cref="IBmcBackend.ReadEventsSinceAsync"/> over Redfish (the SEL LogService) against the simulator's Redfish face.</summary>
public sealed class EventsSinceRedfishTests
{
    [Fact]
    public async Task TheFirstReadReturnsEveryEntryAndTheNextOnlyTheNewOnesWithTheirJson()
    {
        await using var h = await EventsSinceHarness.StartAsync(101);
        h.InjectErrors(3);
        var first = await h.ReadRedfishAsync(null);
        Assert.Equal(h.Model.GetSelEntries().Select(e => (int)e.RecordId), first.Events.Select(e => e.Event.Id));
        Assert.Equal("/redfish/v1/Systems/1/LogServices/SEL", first.Cursor.LogServiceUri);

        h.InjectErrors(2);
        var second = await h.ReadRedfishAsync(first.Cursor);
        Assert.Equal(h.Model.GetSelEntries()[^2..].Select(e => (int)e.RecordId), second.Events.Select(e => e.Event.Id));
        var entry = second.Events[0];
        Assert.Equal(EventKinds.MemoryCorrectable, entry.Kind);
        using var json = JsonDocument.Parse(entry.Raw);
        Assert.Equal(entry.SourceId, json.RootElement.GetProperty("Id").GetString());
        Assert.False(second.Cleared || second.Restarted);

        var idle = await h.ReadRedfishAsync(second.Cursor);
        Assert.Empty(idle.Events);
        Assert.Equal(second.Cursor, idle.Cursor);
    }

    [Fact]
    public async Task AClearIsDetectedAndTheEntriesAfterItAreReturned()
    {
        await using var h = await EventsSinceHarness.StartAsync(102);
        h.InjectErrors(3);
        var before = await h.ReadRedfishAsync(null);
        h.Model.ClearSel();
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        h.InjectErrors(1, dimm: 3);
        var after = await h.ReadRedfishAsync(before.Cursor);
        Assert.True(after.Cleared);
        var fresh = Assert.Single(after.Events);
        Assert.Equal(h.Model.GetSelEntries()[^1].RecordId, fresh.Event.Id);
        Assert.Equal(before.Cursor.ClearCount + 1, after.Cursor.ClearCount);
    }

    [Fact]
    public async Task ABmcRebootBetweenReadsLosesAndDuplicatesNothing()
    {
        await using var h = await EventsSinceHarness.StartAsync(103);
        h.InjectErrors(2);
        var first = await h.ReadRedfishAsync(null);
        h.InjectErrors(1);
        h.Model.RebootBmc();
        h.Clock.Advance(h.Model.Options.Timings.BmcRebootDuration + TimeSpan.FromSeconds(1));
        h.InjectErrors(2);
        var second = await h.ReadRedfishAsync(first.Cursor);
        var stored = first.Events.Concat(second.Events).ToList();
        Assert.Equal(stored.Count, stored.Select(e => e.DedupeKey).Distinct().Count());
        Assert.Equal(h.Model.GetSelEntries().Select(e => (int)e.RecordId), stored.Select(e => e.Event.Id));
    }

    [Fact]
    public async Task APowerSupplyFailureIsClassifiedOnBothFaces()
    {
        await using var h = await EventsSinceHarness.StartAsync(104);
        h.Model.FailPowerSupply(2);
        var ipmi = await h.ReadIpmiAsync(null);
        var redfish = await h.ReadRedfishAsync(null);
        foreach (var batch in new[] { ipmi, redfish })
        {
            Assert.Contains(batch.Events, e => e.Kind == EventKinds.PsuFailure);
            Assert.Contains(batch.Events, e => e.Kind == EventKinds.PsuRedundancyLost);
        }
        Assert.Contains(ipmi.Events, e => e.Kind == EventKinds.PsuRedundancyLost && e.Event.Message.Contains("Redundancy Lost", StringComparison.Ordinal));
    }
}
