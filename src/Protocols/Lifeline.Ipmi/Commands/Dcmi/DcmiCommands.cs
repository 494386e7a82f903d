using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Dcmi;

/// <summary>DCMI commands travel as group extension (NetFn 2Ch) with DCh as first request and response byte.</summary>
internal static class DcmiGroup
{
    public const byte Id = 0xDC;

    public static void ReadResponseId(ref IpmiReader r)
    {
        byte id = r.ReadByte();
        if (id != Id)
        {
            throw IpmiException.Malformed($"DCMI response carries group extension id {id:X2}h, expected DCh");
        }
    }

    public static void ReadRequestId(ref IpmiReader r)
    {
        byte id = r.ReadByte();
        if (id != Id)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"DCMI request carries group extension id {id:X2}h, expected DCh");
        }
    }
}

/// <summary>Get DCMI Capabilities Info parameter selectors (DCMI 1.5 §6.1.1).</summary>
public enum DcmiCapabilityParameter : byte
{
    SupportedCapabilities = 0x01,
    MandatoryPlatformAttributes = 0x02,
    OptionalPlatformAttributes = 0x03,
    ManageabilityAccessAttributes = 0x04,
    EnhancedSystemPowerStatisticsAttributes = 0x05,
}

/// <summary>Parameter 1 of Get DCMI Capabilities Info (parameter revision 02h, DCMI 1.5).</summary>
public sealed record DcmiSupportedCapabilities(
    bool PowerManagement,
    bool InBandSystemInterface,
    bool SerialTMode,
    bool SecondaryLan,
    bool PrimaryLan,
    bool Sol,
    bool Vlan);

// DCMI 1.5 §6.1.1 Get DCMI Capabilities Info (NetFn Group Extension 2Ch, cmd 01h)
//
// request:
//   0  DCh group extension id
//   1  parameter selector
// response (after completion code):
//   0    DCh
//   1    DCMI specification conformance: major version (01h)
//   2    minor version (05h for DCMI 1.5)
//   3    parameter revision (02h)
//   4-N  parameter data; parameter 1 (supported capabilities):
//        4: reserved (mandatory platform capabilities in revision 01h)
//        5: optional platform capabilities: [0] power management
//        6: manageability access: [5] VLAN capable (rev 01h), [4] SOL (rev 01h), [3] primary LAN out-of-band (rev 01h),
//           [2] secondary LAN out-of-band, [1] serial TMODE, [0] in-band system interface channel
public sealed class GetDcmiCapabilities(DcmiCapabilityParameter parameter = DcmiCapabilityParameter.SupportedCapabilities) : IIpmiCommand<DcmiCapabilitiesResponse>
{
    public DcmiCapabilityParameter Parameter { get; } = parameter;

    public NetFn NetFn => NetFn.GroupExtension;
    public byte Command => 0x01;
    public string Name => "Get DCMI Capabilities Info";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(DcmiGroup.Id).Byte((byte)Parameter);

    public DcmiCapabilitiesResponse ReadResponse(ReadOnlySpan<byte> data) => DcmiCapabilitiesResponse.Read(data);

    public static GetDcmiCapabilities Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        DcmiGroup.ReadRequestId(ref r);
        return new GetDcmiCapabilities((DcmiCapabilityParameter)r.ReadByte());
    }
}

public sealed record DcmiCapabilitiesResponse(byte MajorVersion, byte MinorVersion, byte ParameterRevision, byte[] Data)
{
    public string Version => $"{MajorVersion}.{MinorVersion}";

    /// <summary>Decodes parameter 1 (supported DCMI capabilities).</summary>
    public DcmiSupportedCapabilities ToSupportedCapabilities()
    {
        var r = new IpmiReader(Data);
        r.Skip(1);
        byte optional = r.ReadByte();
        byte access = r.ReadByte();
        return new DcmiSupportedCapabilities(
            PowerManagement: (optional & 0x01) != 0,
            InBandSystemInterface: (access & 0x01) != 0,
            SerialTMode: (access & 0x02) != 0,
            SecondaryLan: (access & 0x04) != 0,
            PrimaryLan: (access & 0x08) != 0,
            Sol: (access & 0x10) != 0,
            Vlan: (access & 0x20) != 0);
    }

    public static DcmiCapabilitiesResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        DcmiGroup.ReadResponseId(ref r);
        return new DcmiCapabilitiesResponse(r.ReadByte(), r.ReadByte(), r.ReadByte(), r.ReadRest().ToArray());
    }

    public void Write(IpmiWriter w) => w.Byte(DcmiGroup.Id).Byte(MajorVersion).Byte(MinorVersion).Byte(ParameterRevision).Bytes(Data);
}

public enum DcmiPowerReadingMode : byte
{
    SystemPowerStatistics = 0x01,
    EnhancedSystemPowerStatistics = 0x02,
}

// DCMI 1.5 §6.6.1 Get Power Reading (NetFn Group Extension 2Ch, cmd 02h)
//
// request:
//   0  DCh
//   1  mode: 01h system power statistics, 02h enhanced system power statistics
//   2  mode attributes (enhanced mode: rolling average time period; 00h otherwise)
//   3  reserved (00h)
// response (after completion code):
//   0      DCh
//   1-2    current power in watts (LSB first)
//   3-4    minimum power over the sampling duration
//   5-6    maximum power over the sampling duration
//   7-8    average power over the sampling duration
//   9-12   IPMI timestamp of the reading
//   13-16  statistics reporting time period in milliseconds
//   17     power reading state: [6] 1 = power measurement active
public sealed class GetPowerReading(DcmiPowerReadingMode mode = DcmiPowerReadingMode.SystemPowerStatistics, byte modeAttributes = 0) : IIpmiCommand<PowerReadingResponse>
{
    public DcmiPowerReadingMode Mode { get; } = mode;
    public byte ModeAttributes { get; } = modeAttributes;

    public NetFn NetFn => NetFn.GroupExtension;
    public byte Command => 0x02;
    public string Name => "Get Power Reading";

    public void WriteRequest(IpmiWriter writer) => writer.Byte(DcmiGroup.Id).Byte((byte)Mode).Byte(ModeAttributes).Byte(0);

    public PowerReadingResponse ReadResponse(ReadOnlySpan<byte> data) => PowerReadingResponse.Read(data);

    public static GetPowerReading Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        DcmiGroup.ReadRequestId(ref r);
        var mode = (DcmiPowerReadingMode)r.ReadByte();
        byte attributes = r.ReadByte();
        r.Skip(1);
        return new GetPowerReading(mode, attributes);
    }
}

public sealed record PowerReadingResponse(
    ushort CurrentWatts,
    ushort MinimumWatts,
    ushort MaximumWatts,
    ushort AverageWatts,
    uint Timestamp,
    uint PeriodMilliseconds,
    bool MeasurementActive)
{
    public TimeSpan Period => TimeSpan.FromMilliseconds(PeriodMilliseconds);

    public static PowerReadingResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        DcmiGroup.ReadResponseId(ref r);
        return new PowerReadingResponse(r.ReadUInt16(), r.ReadUInt16(), r.ReadUInt16(), r.ReadUInt16(), r.ReadUInt32(), r.ReadUInt32(),
            (r.ReadByte() & 0x40) != 0);
    }

    public void Write(IpmiWriter w) =>
        w.Byte(DcmiGroup.Id).UInt16(CurrentWatts).UInt16(MinimumWatts).UInt16(MaximumWatts).UInt16(AverageWatts)
         .UInt32(Timestamp).UInt32(PeriodMilliseconds).Byte((byte)(MeasurementActive ? 0x40 : 0));
}
