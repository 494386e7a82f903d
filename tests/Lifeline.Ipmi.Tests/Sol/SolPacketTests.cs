using Lifeline.Ipmi.Sol;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Sol;

public class SolPacketTests
{
    // The header fields ipmitool -v -v -v -v sol activate (-C 1) traced against ipmi_sim; the trace does not print the
    // characters, so "ab" stands in for the two it counted:
    //   console → BMC  seq 1, ack 0, 2 chars            01 00 00 00 61 62
    //   BMC → console  ack-only: ack 1, accepted 2       00 01 02 00
    //   BMC → console  seq 1, 2 chars                    01 00 00 00 .. ..
    //   console → BMC  ack-only: ack 1, accepted 2       00 01 02 00

    [Fact]
    public void ConsoleDataPacketFromTheIpmitoolTraceRoundTrips()
    {
        var packet = SolPacket.ForData(1, "ab"u8.ToArray());
        Assert.Equal(Hex("01 00 00 00 61 62"), packet.ToArray());
        var back = SolPacket.Read(Hex("01 00 00 00 61 62"));
        Assert.Equal(1, back.SequenceNumber);
        Assert.False(back.CarriesAck);
        Assert.False(back.IsAckOnly);
        Assert.Equal("ab"u8.ToArray(), back.Data.ToArray());
        Assert.Equal(packet.ToArray(), back.ToArray());
    }

    [Fact]
    public void BmcAckOnlyPacketFromTheIpmitoolTraceParses()
    {
        var ack = SolPacket.Read(Hex("00 01 02 00"));
        Assert.True(ack.IsAckOnly);
        Assert.True(ack.CarriesAck);
        Assert.Equal(1, ack.AckSequenceNumber);
        Assert.Equal(2, ack.AcceptedCharacterCount);
        Assert.False(ack.IsNack);
        Assert.Equal(SolStatus.None, ack.Status);
        Assert.True(ack.Data.IsEmpty);
        Assert.Equal(Hex("00 01 02 00"), SolPacket.AckOnly(1, 2).ToArray());
    }

    [Theory]
    [InlineData(SolOperation.Nack, 0x40)]
    [InlineData(SolOperation.RingWor, 0x20)]
    [InlineData(SolOperation.GenerateBreak, 0x10)]
    [InlineData(SolOperation.PauseCts, 0x08)]
    [InlineData(SolOperation.DropDcdDsr, 0x04)]
    [InlineData(SolOperation.FlushInbound, 0x02)]
    [InlineData(SolOperation.FlushOutbound, 0x01)]
    public void ConsoleOperationsAreTheBitsOfByteFour(SolOperation operation, byte bit)
    {
        var packet = SolPacket.ForData(3, ReadOnlyMemory<byte>.Empty, operation);
        Assert.Equal(new byte[] { 3, 0, 0, bit }, packet.ToArray());
        Assert.Equal(operation, SolPacket.Read(packet.ToArray()).Operation);
    }

    [Theory]
    [InlineData(0x40, SolStatus.Nack)]
    [InlineData(0x20, SolStatus.CharacterTransferUnavailable)]
    [InlineData(0x10, SolStatus.Deactivating)]
    [InlineData(0x08, SolStatus.TransmitOverrun)]
    [InlineData(0x04, SolStatus.BreakDetected)]
    public void BmcStatusBitsDecode(byte bit, SolStatus status)
    {
        var packet = SolPacket.Read(new byte[] { 0, 5, 0, bit });
        Assert.Equal(status, packet.Status);
        Assert.Equal(bit == 0x40, packet.IsNack);
    }

    [Fact]
    public void ReservedBitsAreIgnoredOnRead()
    {
        // reserved high nibbles of the sequence bytes and status bits 1:0
        var packet = SolPacket.Read(Hex("f3 a2 05 63 41"));
        Assert.Equal(3, packet.SequenceNumber);
        Assert.Equal(2, packet.AckSequenceNumber);
        Assert.Equal(SolStatus.Nack | SolStatus.CharacterTransferUnavailable, packet.Status);
        Assert.Equal(0x63, packet.OperationStatus);
    }

    [Fact]
    public void PacketsShorterThanTheHeaderAreMalformed()
    {
        AssertTruncationIsMalformed(Hex("01 00 00 00"), 4, d => SolPacket.Read(d));
    }

    [Fact]
    public void SequenceNumbersAboveFifteenAreRefused()
    {
        Assert.Equal(IpmiError.InvalidRequest, Assert.Throws<IpmiException>(() => SolPacket.ForData(16, ReadOnlyMemory<byte>.Empty)).Error);
        Assert.Equal(IpmiError.InvalidRequest, Assert.Throws<IpmiException>(() => SolPacket.AckOnly(16, 0)).Error);
    }

    [Fact]
    public void WriteNeedsRoomForTheWholePacket()
    {
        var packet = SolPacket.ForData(1, "hello"u8.ToArray());
        Assert.Throws<ArgumentException>(() => packet.Write(new byte[8]));
        var buffer = new byte[16];
        Assert.Equal(9, packet.Write(buffer));
        Assert.Equal(Hex("01 00 00 00 68 65 6c 6c 6f"), buffer[..9]);
    }

    [Fact]
    public void ToStringNamesTheFields()
    {
        Assert.Equal("SOL seq 0 ack 4 accepted 3 NACK op/status 40h, 0 chars", SolPacket.AckOnly(4, 3, nack: true).ToString());
    }
}
