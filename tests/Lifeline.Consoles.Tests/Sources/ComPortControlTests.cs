using System.Buffers;
using System.IO.Ports;
using Lifeline.Consoles.Tcp;

namespace Lifeline.Consoles.Tests.Sources;

/// <summary>RFC 2217 sub-negotiations: their encoding, and the codec's offer, agreement, refusal and reading of answers.</summary>
public sealed class ComPortControlTests
{
    private const byte Iac = 255, Will = 251, Do = 253, Dont = 254, Sb = 250, Se = 240, Com = 44;

    private static byte[] Settings(TcpConsoleOptions options)
    {
        var output = new ArrayBufferWriter<byte>();
        ComPortControl.EncodeSettings(options, output);
        return output.WrittenSpan.ToArray();
    }

    private static TcpConsoleOptions Options => new() { Host = "cs1", Port = 7001 };

    [Fact]
    public void EachSettingIsOneSubnegotiationInRfc2217Order()
    {
        var bytes = Settings(Options with
        {
            BaudRate = 9600, DataBits = 7, Parity = Parity.Even, StopBits = StopBits.Two, FlowControl = Handshake.RequestToSend,
        });
        byte[] expected =
        [
            Iac, Sb, Com, 1, 0x00, 0x00, 0x25, 0x80, Iac, Se, // SET-BAUDRATE 9600, network order
            Iac, Sb, Com, 2, 7, Iac, Se,                       // SET-DATASIZE 7
            Iac, Sb, Com, 3, 3, Iac, Se,                       // SET-PARITY EVEN
            Iac, Sb, Com, 4, 2, Iac, Se,                       // SET-STOPSIZE 2
            Iac, Sb, Com, 5, 3, Iac, Se,                       // SET-CONTROL hardware flow
        ];
        Assert.Equal(expected, bytes);
        Assert.Equal([Iac, Sb, Com, 3, 1, Iac, Se, Iac, Sb, Com, 5, 2, Iac, Se], Settings(Options with { Parity = Parity.None, FlowControl = Handshake.XOnXOff }));
        Assert.Empty(Settings(Options));
        Assert.False(ComPortControl.Wanted(Options));
    }

    [Fact]
    public void AnIacByteInsideAValueIsDoubled()
    {
        // 0x0001C1FF = 115199 baud: its last byte is IAC
        Assert.Equal([Iac, Sb, Com, 1, 0x00, 0x01, 0xC1, Iac, Iac, Iac, Se], Settings(Options with { BaudRate = 0x0001C1FF }));
    }

    [Fact]
    public void TheSettingsAreSentWhenTheServerAgreesAndItsAnswersAreRead()
    {
        var settings = Settings(Options with { BaudRate = 9600 });
        var codec = new TelnetCodec(settings);
        var opening = new ArrayBufferWriter<byte>();
        codec.Start(opening);
        Assert.True(opening.WrittenSpan.EndsWith(new byte[] { Iac, Will, Com }));
        Assert.False(codec.ComPortEnabled);

        var data = new ArrayBufferWriter<byte>();
        var replies = new ArrayBufferWriter<byte>();
        codec.Decode([Iac, Do, Com], data, replies);
        Assert.True(codec.ComPortEnabled);
        Assert.Equal(settings, replies.WrittenSpan.ToArray()); // no WILL again: it answers our own offer

        // the answer (command + 100) split across reads, with an IAC IAC in the value, then data
        codec.Decode([Iac, Sb, Com, 101, 0x00, 0x01], data, replies);
        codec.Decode([0xC1, Iac, Iac, Iac, Se, (byte)'o', (byte)'k'], data, replies);
        Assert.Equal(0x0001C1FF, ComPortControl.DecodeBaudRate(codec.ComPortAnswer(ComPortCommand.SetBaudRate)));
        Assert.Equal("ok"u8.ToArray(), data.WrittenSpan.ToArray());
    }

    [Fact]
    public void ARefusalSendsNothingFurtherAndWithoutSettingsTheOptionIsNeitherOfferedNorAccepted()
    {
        var codec = new TelnetCodec(Settings(Options with { BaudRate = 9600 }));
        codec.Start(new ArrayBufferWriter<byte>());
        var replies = new ArrayBufferWriter<byte>();
        codec.Decode([Iac, Dont, Com], new ArrayBufferWriter<byte>(), replies);
        Assert.Equal(0, replies.WrittenCount);
        Assert.False(codec.ComPortEnabled);

        var plain = new TelnetCodec();
        var opening = new ArrayBufferWriter<byte>();
        plain.Start(opening);
        Assert.DoesNotContain(Com, opening.WrittenSpan.ToArray());
        replies = new ArrayBufferWriter<byte>();
        plain.Decode([Iac, Do, Com], new ArrayBufferWriter<byte>(), replies);
        Assert.Equal([Iac, 252, Com], replies.WrittenSpan.ToArray()); // WONT
        Assert.False(plain.ComPortEnabled);
    }
}
