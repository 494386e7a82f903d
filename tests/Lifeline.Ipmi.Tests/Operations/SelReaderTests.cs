using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Tests.Commands.Support;
using Microsoft.Extensions.Time.Testing;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Operations;

public class SelReaderTests
{
    // entries 1 and 3 as ipmi_sim returned them (Get SEL Entry), entry 2 made up in the same shape
    private static readonly byte[] Entry1 = Hex("01 00 02 1d 01 00 00 20 00 04 01 01 01 57 52 50");
    private static readonly byte[] Entry2 = Hex("02 00 02 1e 01 00 00 20 00 04 01 01 01 59 52 50");
    private static readonly byte[] Entry3 = Hex("03 00 02 1d 01 00 00 20 00 04 04 03 01 52 14 14");

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task ReadsInfoAndEveryEntryFromTheFirstToTheLast()
    {
        var channel = new ScriptedChannel(new FakeSel([Entry1, Entry2, Entry3]).Handle);

        var sel = await new SelReader(channel).ReadAllAsync(CancellationToken.None);

        Assert.Equal(3, sel.Info.Entries);
        Assert.Equal([Entry1, Entry2, Entry3], sel.Entries);
        var gets = channel.Requests.Where(r => r.Command == 0x43).Select(r => ToHex(r.Data)).ToList();
        Assert.Equal(["0000000000FF", "0000020000FF", "0000030000FF"], gets);
    }

    [Fact]
    public async Task AnEmptySelNeedsNoEntryReads()
    {
        var channel = new ScriptedChannel(new FakeSel([]).Handle);
        var sel = await new SelReader(channel).ReadAllAsync(CancellationToken.None);
        Assert.Empty(sel.Entries);
        Assert.Equal(0, channel.Count(NetFn.Storage, 0x43));
        // asking for the first entry of an empty SEL (ipmi_sim answers CBh) also reads as empty
        Assert.Empty(await new SelReader(channel).ReadFromAsync(0x0000, CancellationToken.None));
    }

    [Fact]
    public async Task ReadsFromAGivenRecordInclusive()
    {
        var channel = new ScriptedChannel(new FakeSel([Entry1, Entry2, Entry3]).Handle);
        Assert.Equal([Entry2, Entry3], await new SelReader(channel).ReadFromAsync(0x0002, CancellationToken.None));
    }

    [Fact]
    public async Task ReadsOnlyWhatCameAfterTheLastSeenRecord()
    {
        var bmc = new FakeSel([Entry1]);
        var reader = new SelReader(new ScriptedChannel(bmc.Handle));

        var nothing = await reader.ReadAfterAsync(0x0001, CancellationToken.None);
        Assert.Empty(nothing.Entries);
        Assert.Null(nothing.LastRecordId);

        bmc.Entries.Add(Entry2);
        bmc.Entries.Add(Entry3);
        var news = await reader.ReadAfterAsync(0x0001, CancellationToken.None);
        Assert.Equal([Entry2, Entry3], news.Entries);
        Assert.False(news.Restarted);
        Assert.Equal((ushort)3, news.LastRecordId);
    }

    [Fact]
    public async Task ReadingAfterARecordThatVanishedStartsOver()
    {
        // the SEL was cleared and refilled: record 7 is gone
        var reader = new SelReader(new ScriptedChannel(new FakeSel([Entry1, Entry2]).Handle));
        var result = await reader.ReadAfterAsync(0x0007, CancellationToken.None);
        Assert.True(result.Restarted);
        Assert.Equal([Entry1, Entry2], result.Entries);
    }

    [Fact]
    public async Task ARecordIdSeenTwiceEndsWithMalformedResponse()
    {
        var bmc = new FakeSel([Entry1, Entry2, Entry3]) { NextOverride = id => id == 3 ? (ushort)1 : (ushort)(id + 1) };
        var e = await Assert.ThrowsAsync<IpmiException>(() => new SelReader(new ScriptedChannel(bmc.Handle)).ReadAllAsync(CancellationToken.None));
        Assert.Equal(IpmiError.MalformedResponse, e.Error);
        Assert.Contains("loops", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryShorterThanSixteenBytesIsMalformed()
    {
        var bmc = new FakeSel([Entry1[..12]]);
        var e = await Assert.ThrowsAsync<IpmiException>(() => new SelReader(new ScriptedChannel(bmc.Handle)).ReadAllAsync(CancellationToken.None));
        Assert.Equal(IpmiError.MalformedResponse, e.Error);
    }

    [Fact]
    public async Task ClearSelSendsWhatIpmitoolSendsAndStopsWhenTheEraseIsDone()
    {
        // ipmi_sim completes at once: Reserve SEL, Clear SEL 'CLR' AAh → 01
        var time = new FakeTimeProvider();
        var bmc = new FakeSel([Entry1]);
        var channel = new ScriptedChannel(bmc.Handle);

        await new SelReader(channel, time).ClearSelAsync(CancellationToken.None);

        Assert.Equal([(NetFn.Storage, (byte)0x42), (NetFn.Storage, (byte)0x47)], channel.Requests.Select(r => (r.NetFn, r.Command)));
        Assert.Equal(Hex("01 00 43 4c 52 aa"), channel.Requests[1].Data);
        Assert.Empty(bmc.Entries);
    }

    [Fact]
    public async Task ClearSelPollsTheErasureStatusUntilCompleted()
    {
        var time = new SteppingTimeProvider();
        var bmc = new FakeSel([Entry1]) { PollsBeforeErased = 3 };
        var channel = new ScriptedChannel(bmc.Handle);
        var options = new SelClearOptions { PollInterval = Poll, Timeout = TimeSpan.FromSeconds(10) };

        var clearing = new SelReader(channel, time).ClearSelAsync(options, CancellationToken.None);

        await time.WaitForTimerAsync("SEL clear before status poll 1");
        for (int poll = 1; poll <= 3; poll++)
        {
            time.Advance(Poll);
            await time.WaitForTimerAsync($"SEL clear after status poll {poll} (erasure in progress)");
            Assert.Equal(poll, bmc.Polls);
            Assert.False(clearing.IsCompleted, $"SEL clear finished while the BMC still reported erasure in progress at poll {poll}");
        }
        time.Advance(Poll);
        await SteppingTimeProvider.Finish(clearing, "SEL clear after the BMC reported erasure completed");
        Assert.Equal(4, bmc.Polls);
        Assert.All(channel.Requests.Where(r => r.Command == 0x47).Skip(1), r => Assert.Equal(0x00, r.Data[5]));
    }

    [Fact]
    public async Task ClearSelGivesUpAtTheDeadlineWithAClearError()
    {
        var time = new SteppingTimeProvider();
        var bmc = new FakeSel([Entry1]) { PollsBeforeErased = -1 };
        var options = new SelClearOptions { PollInterval = Poll, Timeout = TimeSpan.FromSeconds(2) };

        var clearing = new SelReader(new ScriptedChannel(bmc.Handle), time).ClearSelAsync(options, CancellationToken.None);
        for (int step = 1; step <= 4; step++)
        {
            await time.StepAsync($"SEL clear before status poll {step}", Poll);
        }

        var e = await Assert.ThrowsAsync<IpmiException>(() => SteppingTimeProvider.Finish(clearing, "SEL clear at its deadline"));
        Assert.Equal(IpmiError.Timeout, e.Error);
        Assert.Contains("still erasing the SEL 2 s", e.Message, StringComparison.Ordinal);
        Assert.True(e.MayHaveBeenDelivered);
        Assert.Equal(4, bmc.Polls);   // at 0.5, 1.0, 1.5 and 2.0 s
    }

    [Fact]
    public async Task ClearSelTakesANewReservationWhenItIsCanceledWhilePolling()
    {
        var time = new SteppingTimeProvider();
        var bmc = new FakeSel([Entry1]) { PollsBeforeErased = 2, CancelReservationAtPoll = 2 };
        var channel = new ScriptedChannel(bmc.Handle);

        var clearing = new SelReader(channel, time).ClearSelAsync(new SelClearOptions { PollInterval = Poll }, CancellationToken.None);
        // poll 1: in progress; poll 2: reservation canceled → re-reserve; poll 3: in progress; poll 4: completed
        for (int step = 1; step <= 4; step++)
        {
            await time.StepAsync($"SEL clear before status poll {step}", Poll);
        }

        await SteppingTimeProvider.Finish(clearing, "SEL clear after a new reservation");
        Assert.Equal(2, channel.Count(NetFn.Storage, 0x42));
        Assert.Equal(4, bmc.Polls);
    }

    [Fact]
    public async Task ClearSelCanBeCanceledWhileWaiting()
    {
        var time = new SteppingTimeProvider();
        var bmc = new FakeSel([Entry1]) { PollsBeforeErased = -1 };
        using var cts = new CancellationTokenSource();

        var clearing = new SelReader(new ScriptedChannel(bmc.Handle), time).ClearSelAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clearing);
        Assert.Equal(0, bmc.Polls);
    }
}
