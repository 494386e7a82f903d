using System.Buffers;
using Lifeline.Consoles.Tcp;

namespace Lifeline.Consoles.Tests.Sources;

public sealed class TelnetCodecTests
{
    private const byte Iac = 255, Will = 251, Wont = 252, Do = 253, Dont = 254, Sb = 250, Se = 240;

    private static (byte[] Data, byte[] Replies) Decode(TelnetCodec codec, params byte[][] pieces)
    {
        var data = new ArrayBufferWriter<byte>();
        var replies = new ArrayBufferWriter<byte>();
        foreach (var piece in pieces)
        {
            codec.Decode(piece, data, replies);
        }
        return (data.WrittenSpan.ToArray(), replies.WrittenSpan.ToArray());
    }

    [Fact]
    public void AnEscapedIacSplitAcrossReadsIsOneDataByte()
    {
        var (data, _) = Decode(new TelnetCodec(), [(byte)'a', Iac], [Iac, (byte)'b']);
        Assert.Equal(new byte[] { (byte)'a', 0xFF, (byte)'b' }, data);
    }

    [Fact]
    public void OptionsWeTakePartInAreAcceptedAndOthersRefused()
    {
        var codec = new TelnetCodec();
        var (data, replies) = Decode(codec, [Iac, Will, 1, Iac, Do, 0, Iac, Do, 24, Iac, Will, 31]);
        Assert.Empty(data);
        // WILL ECHO → DO ECHO; DO BINARY → WILL BINARY; DO TERMINAL-TYPE → WONT; WILL NAWS → DONT
        Assert.Equal(new byte[] { Iac, Do, 1, Iac, Will, 0, Iac, Wont, 24, Iac, Dont, 31 }, replies);
        Assert.True(codec.RemoteEcho);
        Assert.True(codec.LocalBinary);
    }

    [Fact]
    public void AnswersToOurOwnRequestsAreNotAnsweredAgain()
    {
        var codec = new TelnetCodec();
        var opening = new ArrayBufferWriter<byte>();
        codec.Start(opening);
        Assert.Equal(new byte[] { Iac, Will, 0, Iac, Do, 0, Iac, Will, 3, Iac, Do, 3 }, opening.WrittenSpan.ToArray());
        var (_, replies) = Decode(codec, [Iac, Do, 0, Iac, Will, 0, Iac, Do, 3, Iac, Wont, 3]);
        Assert.Empty(replies);
        Assert.True(codec.LocalBinary && codec.RemoteBinary);
        // a repeated request for the state we are in is not acknowledged (RFC 854 loop rule)
        Assert.Empty(Decode(codec, [Iac, Will, 0]).Replies);
        // the server leaving binary mode is acknowledged once
        Assert.Equal(new byte[] { Iac, Dont, 0 }, Decode(codec, [Iac, Wont, 0]).Replies);
        Assert.False(codec.RemoteBinary);
    }

    [Fact]
    public void SubnegotiationAndCommandsAreStrippedFromData()
    {
        var (data, replies) = Decode(new TelnetCodec(), [(byte)'x', Iac, Sb, 24, 1, Iac], [Se, Iac, 241, (byte)'y']);
        Assert.Equal("xy"u8.ToArray(), data);
        Assert.Empty(replies);
    }

    [Fact]
    public void OutsideBinaryModeCrNulIsABareCrAndOurCrIsStuffed()
    {
        var codec = new TelnetCodec();
        Assert.Equal(new byte[] { 13, (byte)'a', 13, 10 }, Decode(codec, [13], [0, (byte)'a', 13, 10]).Data);
        var output = new ArrayBufferWriter<byte>();
        codec.Encode([13, (byte)'b', 13, 10, 0xFF], output);
        Assert.Equal(new byte[] { 13, 0, (byte)'b', 13, 10, Iac, Iac }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void InBinaryModeCrIsSentAsIsAndOnlyIacIsDoubled()
    {
        var codec = new TelnetCodec();
        Decode(codec, [Iac, Do, 0, Iac, Will, 0]);
        var output = new ArrayBufferWriter<byte>();
        codec.Encode([13, 0xFF, 0], output);
        Assert.Equal(new byte[] { 13, Iac, Iac, 0 }, output.WrittenSpan.ToArray());
        Assert.Equal(new byte[] { 13, 0, 7 }, Decode(codec, [13, 0, 7]).Data);
    }
}
