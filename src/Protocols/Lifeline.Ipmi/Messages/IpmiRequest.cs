namespace Lifeline.Ipmi.Messages;

/// <summary>An IPMI request as the application sees it: network function, command, data (§13.8 without framing).</summary>
public readonly record struct IpmiRequest(NetFn NetFn, byte Command, ReadOnlyMemory<byte> Data, byte Lun = 0)
{
    public override string ToString() => $"NetFn {(byte)NetFn:X2}h cmd {Command:X2}h ({Data.Length} data bytes)";
}

/// <summary>An IPMI response: completion code and the bytes after it.</summary>
public readonly record struct IpmiResponse(CompletionCode Code, ReadOnlyMemory<byte> Data)
{
    public bool IsSuccess => Code == CompletionCode.Success;
}
