using Lifeline.Ipmi.Messages;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// IPMI v2.0 §24.8 Get Channel Payload Support (NetFn App 06h, cmd 4Eh)
//
// request:
//   0  [3:0] channel number (Eh = this channel)
// response (after completion code):
//   0-1  standard payload types: bit n = payload type n supported (0 IPMI, 1 SOL, 2 OEM explicit)
//   2-3  session setup payload types: bit n = payload type 10h+n (Open Session Request/Response, RAKP 1-4)
//   4-5  OEM payload types: bit n = payload type 20h+n
//   6-7  reserved
//
// Lifeline.Ipmi has no typed command for 4Eh yet; this pair follows its Read/Write shape so it can move there
// unchanged.

internal sealed record ChannelPayloadSupportRequest(byte Channel)
{
    public static ChannelPayloadSupportRequest Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new ChannelPayloadSupportRequest((byte)(r.ReadByte() & 0x0F));
    }
}

internal sealed record ChannelPayloadSupportResponse(ushort StandardPayloads, ushort SessionSetupPayloads, ushort OemPayloads)
{
    public static ChannelPayloadSupportResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new ChannelPayloadSupportResponse(r.ReadUInt16(), r.ReadUInt16(), r.ReadUInt16());
    }

    public void Write(IpmiWriter w) => w.UInt16(StandardPayloads).UInt16(SessionSetupPayloads).UInt16(OemPayloads).UInt16(0);
}
