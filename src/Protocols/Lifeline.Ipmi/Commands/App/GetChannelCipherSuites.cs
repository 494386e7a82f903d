using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

// IPMI v2.0 §22.15 Get Channel Cipher Suites (NetFn App 06h, cmd 54h) — usually sent outside a session
//
// request:
//   0  [3:0] channel number (Eh = this channel)
//   1  [5:0] payload type (00h = IPMI)
//   2  [7] 1 = list algorithms by cipher suite, 0 = list supported algorithms; [5:0] list index (00h-3Fh):
//      index N selects record bytes 16N .. 16N+15
// response (after completion code):
//   0  channel number
//   1-16  up to 16 bytes of cipher suite record data; fewer than 16 bytes marks the last chunk
//        (a list that is an exact multiple of 16 ends with an empty chunk)
public sealed class GetChannelCipherSuites(
    byte channel,
    byte listIndex,
    PayloadType payloadType = PayloadType.Ipmi,
    bool listByCipherSuite = true) : IIpmiCommand<ChannelCipherSuitesResponse>
{
    /// <summary>Most record bytes one answer carries.</summary>
    public const int ChunkSize = 16;

    public byte Channel { get; } = (byte)(channel & 0x0F);
    public byte ListIndex { get; } = listIndex <= 0x3F ? listIndex
        : throw new IpmiException(IpmiError.InvalidRequest, $"cipher suite list index {listIndex} exceeds 3Fh");
    public PayloadType PayloadType { get; } = payloadType;
    public bool ListByCipherSuite { get; } = listByCipherSuite;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x54;
    public string Name => "Get Channel Cipher Suites";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte(Channel).Byte((byte)((byte)PayloadType & 0x3F)).Byte((byte)((ListByCipherSuite ? 0x80 : 0) | ListIndex));

    public ChannelCipherSuitesResponse ReadResponse(ReadOnlySpan<byte> data) => ChannelCipherSuitesResponse.Read(data);

    public static GetChannelCipherSuites Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte channel = (byte)(r.ReadByte() & 0x0F);
        var payload = (PayloadType)(r.ReadByte() & 0x3F);
        byte b2 = r.ReadByte();
        return new GetChannelCipherSuites(channel, (byte)(b2 & 0x3F), payload, (b2 & 0x80) != 0);
    }
}

public sealed record ChannelCipherSuitesResponse(byte ChannelNumber, byte[] RecordData)
{
    /// <summary>True when this chunk is the last one (fewer than 16 record bytes).</summary>
    public bool IsLastChunk => RecordData.Length < GetChannelCipherSuites.ChunkSize;

    public static ChannelCipherSuitesResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte channel = r.ReadByte();
        var rest = r.ReadRest();
        if (rest.Length > GetChannelCipherSuites.ChunkSize)
        {
            throw IpmiException.Malformed($"cipher suite chunk of {rest.Length} bytes exceeds 16");
        }
        return new ChannelCipherSuitesResponse(channel, rest.ToArray());
    }

    public void Write(IpmiWriter w) => w.Byte(ChannelNumber).Bytes(RecordData);
}
