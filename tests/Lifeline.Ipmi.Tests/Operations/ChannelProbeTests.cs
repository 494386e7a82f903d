using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Tests.Commands.Support;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Operations;

public class ChannelProbeTests
{
    private const byte GetCipherSuites = 0x54;

    [Fact]
    public async Task GathersEveryChunkOfIpmiSimAndParsesFifteenSuites()
    {
        // sessionless 06h 54h 01 00 80..84 to ipmi_sim
        var channel = new ScriptedChannel()
            .Reply(NetFn.App, GetCipherSuites, CompletionCode.Success, Hex("01 c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 c0"))
            .Reply(NetFn.App, GetCipherSuites, CompletionCode.Success, Hex("01 03 01 41 81 c0 04 01 41 82 c0 05 01 41 83 c0 06"))
            .Reply(NetFn.App, GetCipherSuites, CompletionCode.Success, Hex("01 02 40 80 c0 07 02 42 80 c0 08 02 42 81 c0 09 02"))
            .Reply(NetFn.App, GetCipherSuites, CompletionCode.Success, Hex("01 42 82 c0 0a 02 42 83 c0 0b 02 43 80 c0 0c 02 43"))
            .Reply(NetFn.App, GetCipherSuites, CompletionCode.Success, Hex("01 81 c0 0d 02 43 82 c0 0e 02 43 83"));

        var suites = await ChannelProbe.GetCipherSuitesAsync(channel, 1, CancellationToken.None);

        Assert.Equal(15, suites.Count);
        Assert.Equal(["010080", "010081", "010082", "010083", "010084"], channel.Requests.Select(r => ToHex(r.Data)));
        var suite3 = Assert.Single(suites, s => s.Id == 3);
        Assert.Equal((AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.AesCbc128),
            (suite3.Authentication, suite3.Integrity, suite3.Confidentiality));
        Assert.DoesNotContain(suites, s => s.Id == 17);
    }

    [Fact]
    public async Task AListThatFillsWholeChunksEndsWithAnEmptyChunk()
    {
        // eight standard records (5 bytes) and one OEM record (8 bytes) make exactly 48 bytes: three full chunks
        static CipherSuite Sha1(byte id) => new(id, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.AesCbc128);
        var padded = CipherSuiteRecords.Encode([
            Sha1(1), Sha1(2), Sha1(3),
            new CipherSuite(0x80, AuthenticationAlgorithm.RakpHmacSha256, IntegrityAlgorithm.HmacSha256_128, ConfidentialityAlgorithm.AesCbc128, OemIana: 674),
            new CipherSuite(17, AuthenticationAlgorithm.RakpHmacSha256, IntegrityAlgorithm.HmacSha256_128, ConfidentialityAlgorithm.AesCbc128),
            Sha1(4), Sha1(5), Sha1(6), Sha1(7),
        ]);
        Assert.Equal(48, padded.Length);
        var channel = new ScriptedChannel((request, data) =>
        {
            int index = data[2] & 0x3F;
            int start = Math.Min(index * 16, padded.Length);
            return ScriptedChannel.Ok([0x0E, .. padded.AsSpan(start, Math.Min(16, padded.Length - start))]);
        });

        var suites = await ChannelProbe.GetCipherSuitesAsync(channel, CancellationToken.None);

        Assert.Equal(9, suites.Count);
        Assert.Equal(4, channel.Requests.Count);   // three full chunks and the empty one that ends the list
        Assert.All(channel.Requests, r => Assert.Equal(ChannelProbe.ThisChannel, r.Data[0]));
        // the OEM record (bytes 15-22) spans the chunk boundary at byte 16 and still parses
        var oem = Assert.Single(suites, s => s.OemIana is not null);
        Assert.Equal((byte)0x80, oem.Id);
        Assert.Equal(674u, oem.OemIana);
    }

    [Fact]
    public async Task ABmcThatRefusesTheCommandReportsItsCode()
    {
        var channel = new ScriptedChannel().Reply(NetFn.App, GetCipherSuites, CompletionCode.InvalidCommand);
        var e = await Assert.ThrowsAsync<IpmiException>(() => ChannelProbe.GetCipherSuitesAsync(channel, 1, CancellationToken.None));
        Assert.Equal(CompletionCode.InvalidCommand, e.CompletionCode);
    }

    [Fact]
    public async Task AListThatNeverEndsStopsAtIndex3Fh()
    {
        // a BMC that always answers a full chunk: the probe stops after list index 3Fh
        var chunk = Hex("c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 80");
        var channel = new ScriptedChannel((request, data) => ScriptedChannel.Ok([0x01, .. chunk]));
        var suites = await ChannelProbe.GetCipherSuitesAsync(channel, 1, CancellationToken.None);
        Assert.Equal(64, channel.Requests.Count);
        Assert.Equal(0x3F, channel.Requests[^1].Data[2] & 0x3F);
        Assert.Equal(64 * 3, suites.Count);
    }
}
