using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Transport;

/// <summary>SOL configuration parameter selectors (IPMI v2.0 §26.3, Table 26-5).</summary>
public enum SolParameter : byte
{
    SetInProgress = 0,
    Enable = 1,
    Authentication = 2,
    CharacterAccumulateIntervalAndSendThreshold = 3,
    Retry = 4,
    NonVolatileBitRate = 5,
    VolatileBitRate = 6,
    PayloadChannel = 7,
    PayloadPort = 8,
}

// IPMI v2.0 §26.3 Get SOL Configuration Parameters (NetFn Transport 0Ch, cmd 22h)
//
// request:
//   0  [7] 1 = get parameter revision only, [3:0] channel number (Eh = this channel)
//   1  parameter selector
//   2  set selector (00h if unused)
//   3  block selector (00h if unused)
// response (after completion code):
//   0    parameter revision (11h)
//   1-N  parameter data: 1 SOL enable [0]; 7 payload channel (channel number); 8 payload port (UDP port, LSB first)
// completion codes: 80h parameter not supported (ipmi_sim answers 80h for 2, 3, 4, 7 and 8: use the session's
// channel and port 623 then)
public sealed class GetSolConfigurationParameters(
    byte channel,
    SolParameter parameter,
    byte setSelector = 0,
    byte blockSelector = 0,
    bool revisionOnly = false) : IIpmiCommand<SolConfigurationResponse>
{
    public const byte ParameterNotSupported = 0x80;

    public byte Channel { get; } = (byte)(channel & 0x0F);
    public SolParameter Parameter { get; } = parameter;
    public byte SetSelector { get; } = setSelector;
    public byte BlockSelector { get; } = blockSelector;
    public bool RevisionOnly { get; } = revisionOnly;

    public NetFn NetFn => NetFn.Transport;
    public byte Command => 0x22;
    public string Name => "Get SOL Configuration Parameters";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte((byte)((RevisionOnly ? 0x80 : 0) | Channel)).Byte((byte)Parameter).Byte(SetSelector).Byte(BlockSelector);

    public SolConfigurationResponse ReadResponse(ReadOnlySpan<byte> data) => SolConfigurationResponse.Read(data);

    public static GetSolConfigurationParameters Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte b0 = r.ReadByte();
        return new GetSolConfigurationParameters((byte)(b0 & 0x0F), (SolParameter)r.ReadByte(), r.ReadByte(), r.ReadByte(), (b0 & 0x80) != 0);
    }
}

public sealed record SolConfigurationResponse(byte Revision, byte[] Data)
{
    public const byte CurrentRevision = 0x11;

    /// <summary>Parameter 1: SOL enabled ([0]).</summary>
    public bool ToEnabled()
    {
        var r = new IpmiReader(Data);
        return (r.ReadByte() & 0x01) != 0;
    }

    /// <summary>Parameter 7: the channel SOL runs over.</summary>
    public byte ToPayloadChannel()
    {
        var r = new IpmiReader(Data);
        return (byte)(r.ReadByte() & 0x0F);
    }

    /// <summary>Parameter 8: the UDP port SOL runs over (LSB first).</summary>
    public ushort ToPayloadPort()
    {
        var r = new IpmiReader(Data);
        return r.ReadUInt16();
    }

    public static SolConfigurationResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new SolConfigurationResponse(r.ReadByte(), r.ReadRest().ToArray());
    }

    public void Write(IpmiWriter w) => w.Byte(Revision).Bytes(Data);
}

// IPMI v2.0 §26.2 Set SOL Configuration Parameters (NetFn Transport 0Ch, cmd 21h)
//
// request:
//   0    [3:0] channel number
//   1    parameter selector
//   2-N  parameter data
// response: completion code only; 80h parameter not supported, 81h set-in-progress conflict,
// 82h read-only parameter
public sealed class SetSolConfigurationParameters(byte channel, SolParameter parameter, byte[] data) : IIpmiCommand<EmptyResponse>
{
    public byte Channel { get; } = (byte)(channel & 0x0F);
    public SolParameter Parameter { get; } = parameter;
    public byte[] Data { get; } = data;

    public static SetSolConfigurationParameters Enable(byte channel, bool enabled) => new(channel, SolParameter.Enable, [(byte)(enabled ? 1 : 0)]);

    public NetFn NetFn => NetFn.Transport;
    public byte Command => 0x21;
    public string Name => "Set SOL Configuration Parameters";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(Channel).Byte((byte)Parameter).Bytes(Data);

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static SetSolConfigurationParameters Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte channel = (byte)(r.ReadByte() & 0x0F);
        return new SetSolConfigurationParameters(channel, (SolParameter)r.ReadByte(), r.ReadRest().ToArray());
    }
}
