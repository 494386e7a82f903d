using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Tests.Commands.Support;

namespace Lifeline.Ipmi.Tests.Operations;

public class FruReaderTests
{
    [Fact]
    public async Task ReadsTheWholeIpmiSimImageInChunks()
    {
        var bmc = new FakeFru(IpmiSimImages.Fru0);
        var reader = new FruReader(new ScriptedChannel(bmc.Handle));

        var image = await reader.ReadAsync(0, CancellationToken.None);

        Assert.Equal(IpmiSimImages.Fru0, image);
        Assert.Equal(8, bmc.Reads.Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (ushort)(i * 32)), bmc.Reads.Select(r => r.Offset));
    }

    [Fact]
    public async Task ShrinksWhenTheRequestedBytesAreTooLargeAsIpmiSimSays()
    {
        // ipmi_sim answers C8h to a 40h-byte read and serves 20h
        var bmc = new FakeFru(IpmiSimImages.Fru0);
        var reader = new FruReader(new ScriptedChannel(bmc.Handle), options: new FruReadOptions { InitialChunkSize = 64 });

        var image = await reader.ReadAsync(0, CancellationToken.None);

        Assert.Equal(IpmiSimImages.Fru0, image);
        Assert.Equal(32, reader.ChunkSize);
        Assert.Equal(64, bmc.Reads[0].Count);
        Assert.All(bmc.Reads.Skip(1), r => Assert.Equal(32, r.Count));
    }

    [Theory]
    [InlineData(0xC7)]
    [InlineData(0xC8)]
    [InlineData(0xCA)]
    [InlineData(0xFF)]
    public async Task ShrinksOnEveryTooLargeCode(byte code)
    {
        var bmc = new FakeFru(IpmiSimImages.Fru0) { MaxCount = 10, TooLargeCode = (CompletionCode)code };
        var reader = new FruReader(new ScriptedChannel(bmc.Handle));

        Assert.Equal(IpmiSimImages.Fru0, await reader.ReadAsync(0, CancellationToken.None));
        Assert.Equal(8, reader.ChunkSize);   // 32 → 16 → 8
    }

    [Fact]
    public async Task AReadRefusedAtOneByteFails()
    {
        var bmc = new FakeFru(IpmiSimImages.Fru0) { MaxCount = 0 };
        var e = await Assert.ThrowsAsync<IpmiException>(() => new FruReader(new ScriptedChannel(bmc.Handle)).ReadAsync(0, CancellationToken.None));
        Assert.Equal(CompletionCode.RequestDataFieldLengthLimitExceeded, e.CompletionCode);
        Assert.Equal(1, bmc.Reads[^1].Count);
    }

    [Fact]
    public async Task WordAccessDevicesAreAddressedInWords()
    {
        var image = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var bmc = new FakeFru(image, accessByWords: true) { MaxCount = 16 };
        var reader = new FruReader(new ScriptedChannel(bmc.Handle));

        Assert.Equal(image, await reader.ReadAsync(3, CancellationToken.None));
        // 32-byte chunks are 16 words: word offsets 0, 16, 32, then the last 4 bytes as 2 words at 48
        Assert.Equal([(0, 16), (16, 16), (32, 16), (48, 2)], bmc.Reads.Select(r => ((int)r.Offset, (int)r.Count)));
    }

    [Fact]
    public async Task BusyAnswersAreRetriedAfterABackoff()
    {
        var time = new SteppingTimeProvider();
        var bmc = new FakeFru(IpmiSimImages.Fru0) { Interfere = n => n is 2 or 3 ? CompletionCode.NodeBusy : n == 5 ? (CompletionCode)0x81 : null };
        var reader = new FruReader(new ScriptedChannel(bmc.Handle), time);

        var reading = reader.ReadAsync(0, CancellationToken.None);
        await time.StepAsync("FRU read after the first busy answer", FruReader.BusyBackoff(1));
        await time.StepAsync("FRU read after the second busy answer", FruReader.BusyBackoff(2));
        // a success resets the count: the FRU-device-busy answer waits the first backoff again
        await time.StepAsync("FRU read after FRU device busy", FruReader.BusyBackoff(1));
        var image = await SteppingTimeProvider.Finish(reading, "FRU read after the BMC stopped being busy");

        Assert.Equal(IpmiSimImages.Fru0, image);
        Assert.Equal(8 + 3, bmc.Reads.Count);
    }

    [Fact]
    public async Task ABmcThatStaysBusyFailsAfterTheBound()
    {
        var time = new SteppingTimeProvider();
        var bmc = new FakeFru(IpmiSimImages.Fru0) { Interfere = _ => CompletionCode.Timeout };
        var reader = new FruReader(new ScriptedChannel(bmc.Handle), time, new FruReadOptions { MaxBusyRetries = 2 });

        var reading = reader.ReadAsync(0, CancellationToken.None);
        await time.StepAsync("FRU read after busy answer 1", FruReader.BusyBackoff(1));
        await time.StepAsync("FRU read after busy answer 2", FruReader.BusyBackoff(2));

        var e = await Assert.ThrowsAsync<IpmiException>(() => SteppingTimeProvider.Finish(reading, "FRU read giving up"));
        Assert.Equal(CompletionCode.Timeout, e.CompletionCode);
        Assert.True(e.IsRetryable);
        Assert.Equal(3, bmc.Reads.Count);
    }

    [Fact]
    public void BackoffDoublesFromOneHundredMillisecondsToOneSecond()
    {
        Assert.Equal([100, 200, 400, 800, 1000, 1000], new[] { 1, 2, 3, 4, 5, 12 }.Select(a => FruReader.BusyBackoff(a).TotalMilliseconds));
    }

    [Fact]
    public async Task AReadThatReturnsNothingIsMalformed()
    {
        var bmc = new FakeFru(IpmiSimImages.Fru0) { ReturnNothing = true };
        var e = await Assert.ThrowsAsync<IpmiException>(() => new FruReader(new ScriptedChannel(bmc.Handle)).ReadAsync(0, CancellationToken.None));
        Assert.Equal(IpmiError.MalformedResponse, e.Error);
    }

    [Fact]
    public async Task OtherCompletionCodesAreReportedAsTheyCame()
    {
        var channel = new ScriptedChannel()
            .Reply(NetFn.Storage, 0x10, CompletionCode.Success, 0x00, 0x01, 0x00)
            .Reply(NetFn.Storage, 0x11, CompletionCode.RequestedDataNotPresent);
        var e = await Assert.ThrowsAsync<IpmiException>(() => new FruReader(channel).ReadAsync(7, CancellationToken.None));
        Assert.Equal(CompletionCode.RequestedDataNotPresent, e.CompletionCode);
        Assert.Equal(7, channel.Requests[1].Data[0]);
    }

    [Fact]
    public async Task AnEmptyInventoryAreaReadsAsNoBytes()
    {
        var bmc = new FakeFru([]);
        Assert.Empty(await new FruReader(new ScriptedChannel(bmc.Handle)).ReadAsync(0, CancellationToken.None));
        Assert.Empty(bmc.Reads);
    }
}
