using Lifeline.Ipmi.Sol;

namespace Lifeline.Ipmi.Tests.Sol;

public class SolSequencerTests
{
    private static ReadOnlyMemory<byte> Chars(string s) => System.Text.Encoding.ASCII.GetBytes(s);

    [Fact]
    public void SequenceNumbersRunFromOneToFifteenAndWrapToOne()
    {
        var sol = new SolSequencer();
        var seen = new List<byte>();
        for (int i = 0; i < 32; i++)
        {
            var packet = sol.Send(Chars("x"));
            seen.Add(packet.SequenceNumber);
            sol.Receive(SolPacket.AckOnly(packet.SequenceNumber, 1));
        }
        Assert.Equal(Enumerable.Range(1, 15).Concat(Enumerable.Range(1, 15)).Concat(Enumerable.Range(1, 2)).Select(i => (byte)i), seen);
        Assert.DoesNotContain((byte)0, seen);
    }

    [Fact]
    public void AFullAckClearsTheOutstandingPacket()
    {
        var sol = new SolSequencer();
        var sent = sol.Send(Chars("ab"));
        Assert.False(sol.CanSend);
        Assert.Throws<InvalidOperationException>(() => sol.Send(Chars("c")));

        var result = sol.Receive(SolPacket.AckOnly(sent.SequenceNumber, 2));

        Assert.Equal(SolAckOutcome.Acknowledged, result.Ack);
        Assert.True(sol.CanSend);
        Assert.Null(sol.Outstanding);
        Assert.True(result.Data.IsEmpty);
    }

    [Fact]
    public void APartialAckHandsBackTheCharactersToSendAgain()
    {
        var sol = new SolSequencer();
        var sent = sol.Send(Chars("hello"));

        var result = sol.Receive(SolPacket.AckOnly(sent.SequenceNumber, 2));

        Assert.Equal(SolAckOutcome.PartiallyAccepted, result.Ack);
        Assert.Equal("llo", System.Text.Encoding.ASCII.GetString(result.Unaccepted.Span));
        // the rest goes out as a new packet with the next sequence number
        var rest = sol.Send(result.Unaccepted);
        Assert.Equal(2, rest.SequenceNumber);
    }

    [Fact]
    public void ANackKeepsThePacketForARetransmitWithTheSameSequenceNumber()
    {
        var sol = new SolSequencer();
        var sent = sol.Send(Chars("abc"));

        var result = sol.Receive(new SolPacket(0, sent.SequenceNumber, 0, (byte)(SolStatus.Nack | SolStatus.CharacterTransferUnavailable), ReadOnlyMemory<byte>.Empty));

        Assert.Equal(SolAckOutcome.Nacked, result.Ack);
        Assert.Equal(SolStatus.Nack | SolStatus.CharacterTransferUnavailable, result.Status);
        Assert.False(sol.CanSend);
        var again = sol.Retransmit();
        Assert.NotNull(again);
        Assert.Equal(sent.ToArray(), again.Value.ToArray());
        Assert.Equal(1, sol.Retransmits);
    }

    [Fact]
    public void RetransmitsStopAtTheBound()
    {
        var sol = new SolSequencer(maxRetransmits: 3);
        Assert.Null(sol.Retransmit());   // nothing outstanding
        var sent = sol.Send(Chars("a"));
        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(sent.SequenceNumber, sol.Retransmit()!.Value.SequenceNumber);
        }
        Assert.True(sol.IsExhausted);
        Assert.Null(sol.Retransmit());
        // a late ack still completes the packet and resets the count
        Assert.Equal(SolAckOutcome.Acknowledged, sol.Receive(SolPacket.AckOnly(sent.SequenceNumber, 1)).Ack);
        Assert.False(sol.IsExhausted);
        Assert.Equal(0, sol.Retransmits);
    }

    [Fact]
    public void AnAckForAnotherPacketIsStale()
    {
        var sol = new SolSequencer();
        var sent = sol.Send(Chars("a"));
        Assert.Equal(SolAckOutcome.Stale, sol.Receive(SolPacket.AckOnly((byte)(sent.SequenceNumber + 1), 1)).Ack);
        Assert.False(sol.CanSend);
        Assert.Equal(SolAckOutcome.None, sol.Receive(SolPacket.ForData(1, Chars("z"))).Ack);
    }

    [Fact]
    public void IncomingDataIsDeliveredOnceAndAcked()
    {
        // the BMC echoes two characters as packet 1 (as ipmi_sim did in the ipmitool trace)
        var sol = new SolSequencer();
        var first = sol.Receive(SolPacket.ForData(1, Chars("ab")));
        Assert.Equal("ab", System.Text.Encoding.ASCII.GetString(first.Data.Span));
        Assert.False(first.Duplicate);
        Assert.True(sol.HasPendingAck);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x00 }, sol.TakeAck()!.Value.ToArray());
        Assert.Null(sol.TakeAck());

        // our ack was lost: the BMC sends packet 1 again
        var again = sol.Receive(SolPacket.ForData(1, Chars("ab")));
        Assert.True(again.Duplicate);
        Assert.True(again.Data.IsEmpty);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x00 }, sol.TakeAck()!.Value.ToArray());

        // the next packet is new again
        Assert.Equal("c", System.Text.Encoding.ASCII.GetString(sol.Receive(SolPacket.ForData(2, Chars("c"))).Data.Span));
    }

    [Fact]
    public void APendingAckRidesOnTheNextDataPacket()
    {
        var sol = new SolSequencer();
        sol.Receive(SolPacket.ForData(4, Chars("xyz")));

        var packet = sol.Send(Chars("q"));

        Assert.Equal((1, 4, 3), (packet.SequenceNumber, packet.AckSequenceNumber, packet.AcceptedCharacterCount));
        Assert.False(sol.HasPendingAck);
        Assert.Null(sol.TakeAck());
    }

    [Fact]
    public void AConsoleThatCannotTakeEverythingAcksPartlyOrNacks()
    {
        var sol = new SolSequencer();
        var partial = sol.Receive(SolPacket.ForData(1, Chars("hello")), acceptLimit: 2);
        Assert.Equal("he", System.Text.Encoding.ASCII.GetString(partial.Data.Span));
        Assert.Equal(new byte[] { 0, 1, 2, 0 }, sol.TakeAck()!.Value.ToArray());

        var refused = sol.Receive(SolPacket.ForData(2, Chars("llo")), acceptLimit: 0);
        Assert.True(refused.Data.IsEmpty);
        Assert.Equal(new byte[] { 0, 2, 0, 0x40 }, sol.TakeAck()!.Value.ToArray());

        // the BMC resends packet 2: a nacked packet is not a duplicate
        var resent = sol.Receive(SolPacket.ForData(2, Chars("llo")));
        Assert.False(resent.Duplicate);
        Assert.Equal("llo", System.Text.Encoding.ASCII.GetString(resent.Data.Span));
    }

    [Fact]
    public void ADataPacketCarryingAnAckDoesBoth()
    {
        var sol = new SolSequencer();
        var sent = sol.Send(Chars("ls\r"));

        var result = sol.Receive(new SolPacket(1, sent.SequenceNumber, 3, 0, Chars("ls\r\n")));

        Assert.Equal(SolAckOutcome.Acknowledged, result.Ack);
        Assert.Equal("ls\r\n", System.Text.Encoding.ASCII.GetString(result.Data.Span));
        Assert.True(sol.CanSend);
    }

    [Fact]
    public void DeactivatingStatusIsReported()
    {
        var sol = new SolSequencer();
        var result = sol.Receive(new SolPacket(3, 0, 0, (byte)SolStatus.Deactivating, ReadOnlyMemory<byte>.Empty));
        Assert.Equal(SolStatus.Deactivating, result.Status);
        // a status packet with a sequence number is acked with zero characters
        Assert.Equal(new byte[] { 0, 3, 0, 0 }, sol.TakeAck()!.Value.ToArray());
    }

    [Fact]
    public void OperationsWithoutDataAreSequencedToo()
    {
        var sol = new SolSequencer();
        var brk = sol.Send(ReadOnlyMemory<byte>.Empty, SolOperation.GenerateBreak | SolOperation.Nack);
        Assert.Equal(new byte[] { 1, 0, 0, 0x10 }, brk.ToArray());   // nack is the sequencer's business, not the caller's
        Assert.Equal(SolAckOutcome.Acknowledged, sol.Receive(SolPacket.AckOnly(1, 0)).Ack);
        Assert.Throws<ArgumentOutOfRangeException>(() => sol.Send(new byte[256]));
    }
}
