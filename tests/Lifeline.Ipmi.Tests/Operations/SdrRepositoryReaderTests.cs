using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Tests.Commands.Support;

namespace Lifeline.Ipmi.Tests.Operations;

public class SdrRepositoryReaderTests
{
    private static readonly List<byte[]> IpmiSimRecords = IpmiSimImages.SplitSdrs(IpmiSimImages.SdrDump);

    private static byte[] Record(ushort id, int bodyLength, byte fill)
    {
        var r = new byte[5 + bodyLength];
        r[0] = (byte)id;
        r[1] = (byte)(id >> 8);
        r[2] = 0x51;
        r[3] = 0x01;
        r[4] = (byte)bodyLength;
        for (int i = 5; i < r.Length; i++)
        {
            r[i] = (byte)(fill + i);
        }
        return r;
    }

    [Fact]
    public async Task ReadsEveryRecordOfIpmiSimInChunks()
    {
        var bmc = new FakeSdrRepository(IpmiSimRecords);
        var reader = new SdrRepositoryReader(new ScriptedChannel(bmc.Handle));

        var records = await reader.ReadAllAsync(CancellationToken.None);

        Assert.Equal(6, records.Count);
        Assert.Equal(IpmiSimImages.SdrDump, records.SelectMany(r => r).ToArray());
        Assert.Equal(1, reader.Reservations);
        Assert.All(bmc.Reads, r => Assert.True(r.Count <= 32, $"asked for {r.Count} bytes"));
        // every record: a 5-byte header read at offset 0, then the body from offset 5
        Assert.Equal(6, bmc.Reads.Count(r => r.Offset == 0 && r.Count == 5));
        Assert.DoesNotContain(bmc.Reads, r => r.Count == 0xFF);
    }

    [Fact]
    public async Task FollowsNextRecordIdsThatAreNotContiguous()
    {
        var records = new[] { Record(0x0001, 11, 0), Record(0x0007, 60, 1), Record(0x0100, 0, 2), Record(0x00FE, 43, 3) };
        var bmc = new FakeSdrRepository(records);

        var read = await SdrRepositoryReader.ReadAllAsync(new ScriptedChannel(bmc.Handle), CancellationToken.None);

        Assert.Equal(records, read);
        Assert.Equal(new ushort[] { 0x0000, 0x0007, 0x0100, 0x00FE }, bmc.Reads.Where(r => r.Offset == 0).Select(r => r.Record));
    }

    [Fact]
    public async Task ShrinksTheChunkWhenTheBmcCannotReturnThatManyBytes()
    {
        // the BMC returns at most 20 bytes per read and answers CAh above that
        var bmc = new FakeSdrRepository(IpmiSimRecords) { MaxRead = 20 };
        var reader = new SdrRepositoryReader(new ScriptedChannel(bmc.Handle));

        var records = await reader.ReadAllAsync(CancellationToken.None);

        Assert.Equal(IpmiSimImages.SdrDump, records.SelectMany(r => r).ToArray());
        // record 1 has a 22-byte body: the 22-byte read is refused and halved to 11, which then serves every record
        Assert.Equal(11, reader.ChunkSize);
        Assert.Single(bmc.Reads, r => r.Count > 20);
        Assert.All(bmc.Reads.SkipWhile(r => r.Count != 22).Skip(1), r => Assert.True(r.Count <= 11));
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0xC7)]
    public async Task ShrinksTheChunkOnOlderFirmwareCodesToo(byte code)
    {
        var bmc = new FakeSdrRepository(IpmiSimRecords) { MaxRead = 10, TooLargeCode = (CompletionCode)code };
        var reader = new SdrRepositoryReader(new ScriptedChannel(bmc.Handle));

        var records = await reader.ReadAllAsync(CancellationToken.None);

        Assert.Equal(IpmiSimRecords, records);
        Assert.True(reader.ChunkSize <= 10);
    }

    [Fact]
    public async Task AChunkRefusedAtOneByteFails()
    {
        var bmc = new FakeSdrRepository(IpmiSimRecords) { MaxRead = 0 };
        var e = await Assert.ThrowsAsync<IpmiException>(() => SdrRepositoryReader.ReadAllAsync(new ScriptedChannel(bmc.Handle), CancellationToken.None));
        Assert.Equal(CompletionCode.CannotReturnRequestedBytes, e.CompletionCode);
    }

    [Fact]
    public async Task ReservationLostMidRecordRestartsThatRecord()
    {
        // another client reserves while we read record 3 at offset 21 (its second body chunk)
        bool fired = false;
        var bmc = new FakeSdrRepository(IpmiSimRecords)
        {
            MaxRead = 16,
            CancelReservationWhen = (record, offset) => !fired && record == 3 && offset > 5 && (fired = true),
        };
        var reader = new SdrRepositoryReader(new ScriptedChannel(bmc.Handle), new SdrReadOptions { InitialChunkSize = 16 });

        var records = await reader.ReadAllAsync(CancellationToken.None);

        Assert.Equal(IpmiSimRecords, records);
        Assert.Equal(2, reader.Reservations);
        // record 3's header was read twice: once before and once after the new reservation
        Assert.Equal(2, bmc.Reads.Count(r => r.Record == 3 && r.Offset == 0));
    }

    [Fact]
    public async Task ReservationLostOnEveryTryGivesUpAfterTheBound()
    {
        var bmc = new FakeSdrRepository(IpmiSimRecords) { MaxRead = 16, CancelReservationWhen = (record, offset) => record == 2 && offset > 5 };
        var reader = new SdrRepositoryReader(new ScriptedChannel(bmc.Handle), new SdrReadOptions { MaxReservationRetries = 3 });

        var e = await Assert.ThrowsAsync<IpmiException>(() => reader.ReadAllAsync(CancellationToken.None));

        Assert.Equal(CompletionCode.ReservationCanceled, e.CompletionCode);
        Assert.Equal(4, reader.Reservations);
        Assert.Contains("0002h", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordIdSeenTwiceEndsWithMalformedResponse()
    {
        // record 3 claims record 2 comes next: 1 → 2 → 3 → 2 ...
        var bmc = new FakeSdrRepository(IpmiSimRecords) { NextOverride = id => id == 3 ? (ushort)2 : (ushort)(id == 6 ? 0xFFFF : id + 1) };

        var e = await Assert.ThrowsAsync<IpmiException>(() => SdrRepositoryReader.ReadAllAsync(new ScriptedChannel(bmc.Handle), CancellationToken.None));

        Assert.Equal(IpmiError.MalformedResponse, e.Error);
        Assert.Contains("loops", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordPointingAtItselfIsALoop()
    {
        var bmc = new FakeSdrRepository(IpmiSimRecords) { NextOverride = id => 1 };
        var e = await Assert.ThrowsAsync<IpmiException>(() => SdrRepositoryReader.ReadAllAsync(new ScriptedChannel(bmc.Handle), CancellationToken.None));
        Assert.Equal(IpmiError.MalformedResponse, e.Error);
    }

    [Fact]
    public async Task AnEmptyRepositoryReadsAsNoRecords()
    {
        var bmc = new FakeSdrRepository([]);
        Assert.Empty(await SdrRepositoryReader.ReadAllAsync(new ScriptedChannel(bmc.Handle), CancellationToken.None));
    }

    [Fact]
    public async Task ATruncatedHeaderIsMalformed()
    {
        var channel = new ScriptedChannel()
            .Reply(NetFn.Storage, 0x22, CompletionCode.Success, 0x01, 0x00)
            .Reply(NetFn.Storage, 0x23, CompletionCode.Success, 0xFF, 0xFF, 0x01, 0x00, 0x51);
        var e = await Assert.ThrowsAsync<IpmiException>(() => SdrRepositoryReader.ReadAllAsync(channel, CancellationToken.None));
        Assert.Equal(IpmiError.MalformedResponse, e.Error);
    }

    [Fact]
    public async Task OtherCompletionCodesAreReportedAsTheyCame()
    {
        var channel = new ScriptedChannel()
            .Reply(NetFn.Storage, 0x22, CompletionCode.Success, 0x01, 0x00)
            .Reply(NetFn.Storage, 0x23, CompletionCode.SdrInUpdateMode);
        var e = await Assert.ThrowsAsync<IpmiException>(() => SdrRepositoryReader.ReadAllAsync(channel, CancellationToken.None));
        Assert.Equal(CompletionCode.SdrInUpdateMode, e.CompletionCode);
        Assert.Contains("Get SDR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceSdrOptionReadsThroughTheSensorNetFn()
    {
        var bmc = new FakeSdrRepository(IpmiSimRecords);
        var channel = new ScriptedChannel(bmc.Handle);
        var records = await new SdrRepositoryReader(channel, new SdrReadOptions { DeviceSdr = true }).ReadAllAsync(CancellationToken.None);
        Assert.Equal(IpmiSimRecords, records);
        Assert.All(channel.Requests, r => Assert.Equal(NetFn.SensorEvent, r.NetFn));
        Assert.Equal(1, channel.Count(NetFn.SensorEvent, 0x22));
    }

    [Fact]
    public async Task CancellationStopsTheRead()
    {
        var bmc = new FakeSdrRepository(IpmiSimRecords);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SdrRepositoryReader.ReadAllAsync(new ScriptedChannel(bmc.Handle), cts.Token));
    }
}
