using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.App;

// IPMI v2.0 §20.2 Cold Reset (NetFn App 06h, cmd 02h)
//
// request: (none)
// response: completion code only. The BMC may reset before it answers: a timeout after sending is not a failure.
public sealed class ColdReset : IIpmiCommand<EmptyResponse>
{
    public static readonly ColdReset Instance = new();

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x02;
    public string Name => "Cold Reset";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static ColdReset Read(ReadOnlySpan<byte> data) => Instance;
}

// IPMI v2.0 §20.3 Warm Reset (NetFn App 06h, cmd 03h)
//
// request: (none)
// response: completion code only.
public sealed class WarmReset : IIpmiCommand<EmptyResponse>
{
    public static readonly WarmReset Instance = new();

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x03;
    public string Name => "Warm Reset";

    public void WriteRequest(IpmiWriter writer)
    {
    }

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static WarmReset Read(ReadOnlySpan<byte> data) => Instance;
}
