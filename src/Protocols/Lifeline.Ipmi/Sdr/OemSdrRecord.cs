using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sdr;

// IPMI v2.0 §43.12 OEM Record (types C0h-FFh), Table 43-11
//   1-5    header (SdrHeader)
//   6-8    manufacturer ID (IANA, LS byte first, 20 bits)
//   9-64   OEM data

/// <summary>An OEM record (type C0h-FFh): the manufacturer ID and the data kept as bytes.</summary>
public sealed class OemSdrRecord : SdrRecord
{
    private readonly byte _type = (byte)SdrRecordType.Oem;

    public OemSdrRecord()
    {
    }

    internal OemSdrRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header)
    {
        NeedBody(header, body, 3, "OEM");
        _type = header.RecordType;
        ManufacturerId = (uint)(body[0] | (body[1] << 8) | (body[2] << 16));
        Data = body[3..].ToArray();
    }

    /// <summary>C0h-FFh; settable for records built in code.</summary>
    public override SdrRecordType RecordType => (SdrRecordType)_type;

    public byte OemRecordType
    {
        get => _type;
        init => _type = value >= 0xC0 ? value : throw new IpmiException(IpmiError.InvalidRequest, $"OEM SDR types are C0h-FFh, not {value:X2}h");
    }

    public uint ManufacturerId { get; init; }
    public byte[] Data { get; init; } = [];

    protected override void WriteBody(IpmiWriter w) => w.UInt24(ManufacturerId & 0xFFFFFF).Bytes(Data);
}

/// <summary>A record of a type we do not decode (entity associations, generic locators, ...): body kept as bytes.</summary>
public sealed class UnknownSdrRecord : SdrRecord
{
    private readonly byte _type;

    public UnknownSdrRecord(byte recordType, ReadOnlySpan<byte> body)
    {
        _type = recordType;
        Body = body.ToArray();
    }

    internal UnknownSdrRecord(SdrHeader header, ReadOnlySpan<byte> body)
        : base(header)
    {
        _type = header.RecordType;
        Body = body.ToArray();
    }

    public override SdrRecordType RecordType => (SdrRecordType)_type;

    /// <summary>The bytes after the header.</summary>
    public byte[] Body { get; }

    protected override void WriteBody(IpmiWriter w) => w.Bytes(Body);
}
