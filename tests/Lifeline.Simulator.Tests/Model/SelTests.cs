using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class SelTests
{
    private static SelEntry OemEvent => new(0, SelEntry.SystemEventRecord, 0, 0x0041, SelEntry.EvmRevisionIpmi2,
        SensorType.SystemEvent, 0x99, EventDirection.Assertion, 0x6F, 0x01, 0xFF, 0xFF);

    [Fact]
    public void ClearEmptiesTheLogAndReportsEraseInProgressForTheEraseDuration()
    {
        var clock = Clock();
        var node = On(clock);
        node.PowerCycle();
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.NotEmpty(node.GetSelEntries());
        var clearedAt = clock.GetUtcNow();

        node.ClearSel();

        var info = node.GetSelInfo();
        Assert.Equal(0, info.Entries);
        Assert.True(info.EraseInProgress);
        Assert.Equal(Seconds(clearedAt), info.LastEraseTimestamp);
        Assert.Equal(1024 * 16, info.FreeBytes);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(node.GetSelInfo().EraseInProgress);
    }

    [Fact]
    public void ClearCompletesAtOnceWhenTheEraseDurationIsZero()
    {
        var node = On(Clock(), Quiet with { Timings = PowerTimings.Default with { SelEraseDuration = TimeSpan.Zero } });

        node.ClearSel();

        Assert.False(node.GetSelInfo().EraseInProgress);
    }

    [Fact]
    public void ClearInvalidatesTheReservation()
    {
        var node = On(Clock());
        ushort reservation = node.ReserveSel();
        Assert.True(node.IsSelReservationValid(reservation));

        node.ClearSel();

        Assert.False(node.IsSelReservationValid(reservation));
        Assert.NotEqual(reservation, node.ReserveSel());
    }

    [Fact]
    public void DellLikeLogsOneEntryAfterAClear()
    {
        var node = On(Clock(), Quiet with { Personality = VendorPersonality.DellLike });
        node.AddSelEntry(OemEvent);

        node.ClearSel();

        var entry = Assert.Single(node.GetSelEntries());
        Assert.Equal(SensorType.EventLoggingDisabled, entry.SensorType);
        Assert.Equal(2, entry.Offset); // log area reset/cleared
    }

    [Fact]
    public void FullSelStopsLoggingAndSetsOverflow()
    {
        var node = On(Clock(), Quiet with { SelCapacity = 4 });

        var ids = Enumerable.Range(0, 6).Select(_ => node.AddSelEntry(OemEvent)).ToArray();

        Assert.Equal(new ushort?[] { 1, 2, 3, 4, null, null }, ids);
        var info = node.GetSelInfo();
        Assert.Equal(4, info.Entries);
        Assert.Equal(0, info.FreeBytes);
        Assert.True(info.Overflow);

        node.ClearSel();
        Assert.False(node.GetSelInfo().Overflow);
    }

    [Fact]
    public void OverwritingSelDropsTheOldestEntry()
    {
        var node = On(Clock(), Quiet with { SelCapacity = 3, SelFullBehavior = SelFullBehavior.Overwrite });

        for (int i = 0; i < 5; i++)
        {
            node.AddSelEntry(OemEvent);
        }

        Assert.Equal(new ushort[] { 3, 4, 5 }, node.GetSelEntries().Select(e => e.RecordId));
        Assert.True(node.GetSelInfo().Overflow);
    }

    [Fact]
    public void RecordIdsKeepIncreasingAcrossAClear()
    {
        var node = On(Clock());
        node.AddSelEntry(OemEvent);
        node.AddSelEntry(OemEvent);

        node.ClearSel();
        ushort? next = node.AddSelEntry(OemEvent);

        Assert.Equal((ushort)3, next);
    }

    [Fact]
    public void SelCanBeReadIncrementallyById()
    {
        var clock = Clock();
        var node = On(clock);
        for (int i = 0; i < 3; i++)
        {
            node.AddSelEntry(OemEvent);
        }

        var ids = new List<ushort>();
        ushort id = 0x0000;
        while (id != 0xFFFF && node.GetSelEntry(id) is { } read)
        {
            ids.Add(read.Entry.RecordId);
            id = read.NextRecordId;
        }
        Assert.Equal(new ushort[] { 1, 2, 3 }, ids);
        Assert.Equal((ushort)3, node.GetSelEntry(0xFFFF)!.Value.Entry.RecordId);
        Assert.Null(node.GetSelEntry(77));

        node.DiagnosticInterrupt();
        var fresh = node.GetSelEntriesAfter(3);
        Assert.Equal(SensorType.CriticalInterrupt, Assert.Single(fresh).SensorType);
        Assert.Empty(node.GetSelEntriesAfter(fresh[0].RecordId));
    }

    [Fact]
    public void AddedEntriesAreStampedByTheBmc()
    {
        var clock = Clock();
        var node = On(clock);
        clock.Advance(TimeSpan.FromSeconds(42));

        node.AddSelEntry(OemEvent with { Timestamp = 12345 });

        var entry = Assert.Single(node.GetSelEntries());
        Assert.Equal(Seconds(Start) + 42, entry.Timestamp);
        Assert.Equal(entry.Timestamp, node.GetSelInfo().LastAddTimestamp);
    }

    [Fact]
    public void SetSelTimeShiftsLaterTimestamps()
    {
        var clock = Clock();
        var node = On(clock);
        var sel = new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);

        node.SetSelTime(sel);
        clock.Advance(TimeSpan.FromSeconds(10));
        node.PowerOff();

        Assert.Equal(sel.AddSeconds(10), node.SelTime);
        Assert.Equal(Seconds(sel) + 10, Assert.Single(node.GetSelEntries()).Timestamp);
    }

    [Fact]
    public void CorrectableEccErrorsArriveAtAboutTheConfiguredRateOnlyWhilePoweredOn()
    {
        var clock = Clock();
        var node = On(clock, Quiet with { CorrectableEccPerHour = 1 });

        clock.Advance(TimeSpan.FromHours(200));
        var ecc = Events(node, SensorNumbers.MemoryEcc);
        Assert.InRange(ecc.Length, 150, 250);
        Assert.All(ecc, e =>
        {
            Assert.Equal(SensorType.Memory, e.SensorType);
            Assert.Equal(0, e.Offset); // correctable ECC
            Assert.Equal(0x30, e.EventData1 & 0xF0); // byte 3 = sensor-specific (memory module)
            Assert.InRange(e.EventData3, 0, 3);
        });

        node.PowerOff();
        clock.Advance(TimeSpan.FromHours(200));
        Assert.Equal(ecc.Length, Events(node, SensorNumbers.MemoryEcc).Length);
    }

    [Fact]
    public void InjectedUncorrectableErrorIsLogged()
    {
        var node = On(Clock());

        node.InjectMemoryError(dimm: 2, uncorrectable: true);

        var e = Assert.Single(node.GetSelEntries());
        Assert.Equal((1, 2), (e.Offset, (int)e.EventData3));
    }
}
