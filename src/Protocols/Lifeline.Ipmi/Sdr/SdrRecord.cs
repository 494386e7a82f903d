using System.Buffers.Binary;
using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sdr;

/// <summary>SDR record type codes (IPMI v2.0 §43, Table 43-1 .. 43-9; C0h-FFh OEM).</summary>
public enum SdrRecordType : byte
{
    FullSensor = 0x01,
    CompactSensor = 0x02,
    EventOnlySensor = 0x03,
    EntityAssociation = 0x08,
    DeviceRelativeEntityAssociation = 0x09,
    GenericDeviceLocator = 0x10,
    FruDeviceLocator = 0x11,
    McDeviceLocator = 0x12,
    McConfirmation = 0x13,
    BmcMessageChannelInfo = 0x14,
    Oem = 0xC0,
}

// IPMI v2.0 §43 "Sensor Data Record Formats" — header common to every record (Table 43-1 bytes 1-5):
//   1-2  record id (LS byte first)
//   3    SDR version (51h for IPMI 1.5/2.0)
//   4    record type
//   5    record length: number of bytes that follow (the record body)

/// <summary>The five-byte header in front of every SDR.</summary>
public readonly record struct SdrHeader(ushort RecordId, byte Version, byte RecordType, byte Length)
{
    public const int Size = 5;

    public static SdrHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < Size)
        {
            throw IpmiException.Malformed($"SDR header needs {Size} bytes, got {data.Length}");
        }
        return new SdrHeader(BinaryPrimitives.ReadUInt16LittleEndian(data), data[2], data[3], data[4]);
    }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, RecordId);
        destination[2] = Version;
        destination[3] = RecordType;
        destination[4] = Length;
    }

    public override string ToString() => $"SDR {RecordId:X4}h type {RecordType:X2}h v{Version:X2}h, {Length} bytes";
}

/// <summary>
/// One Sensor Data Record. <see cref="Parse"/> dispatches on the record type; every type encodes itself back with
/// <see cref="Encode"/> (the simulator serves its SDR repository from these). Records built in code have an empty
/// <see cref="Raw"/>; parsed ones keep the bytes they came from. Reserved bits are read as nothing and written as zero.
/// </summary>
public abstract class SdrRecord
{
    /// <summary>The SDR version of IPMI 1.5 and 2.0 (51h).</summary>
    public const byte CurrentVersion = 0x51;

    /// <summary>At most this many bytes of ID string (IPMI v2.0 §43.15).</summary>
    public const int MaxIdStringBytes = 16;

    protected SdrRecord()
    {
    }

    protected SdrRecord(SdrHeader header)
    {
        RecordId = header.RecordId;
        Version = header.Version;
    }

    public ushort RecordId { get; init; }

    public byte Version { get; init; } = CurrentVersion;

    public abstract SdrRecordType RecordType { get; }

    /// <summary>Header and body exactly as parsed (empty for records built in code).</summary>
    public ReadOnlyMemory<byte> Raw { get; private set; }

    /// <summary>
    /// Parses one record (header + body). Bytes after the record's declared length are ignored. A record shorter
    /// than its declared length or than its type's fixed fields throws <see cref="IpmiException"/>
    /// (<see cref="IpmiError.MalformedResponse"/>); an ID string cut short is kept as far as it goes.
    /// </summary>
    public static SdrRecord Parse(ReadOnlySpan<byte> record)
    {
        var header = SdrHeader.Read(record);
        if (record.Length < SdrHeader.Size + header.Length)
        {
            throw IpmiException.Malformed($"{header}: only {record.Length - SdrHeader.Size} body bytes present");
        }
        var body = record.Slice(SdrHeader.Size, header.Length);
        SdrRecord parsed = header.RecordType switch
        {
            (byte)SdrRecordType.FullSensor => new FullSensorRecord(header, body),
            (byte)SdrRecordType.CompactSensor => new CompactSensorRecord(header, body),
            (byte)SdrRecordType.EventOnlySensor => new EventOnlySensorRecord(header, body),
            (byte)SdrRecordType.FruDeviceLocator => new FruDeviceLocatorRecord(header, body),
            (byte)SdrRecordType.McDeviceLocator => new McDeviceLocatorRecord(header, body),
            >= (byte)SdrRecordType.Oem => new OemSdrRecord(header, body),
            _ => new UnknownSdrRecord(header, body),
        };
        parsed.Raw = record[..(SdrHeader.Size + header.Length)].ToArray();
        return parsed;
    }

    /// <summary>Parses records laid end to end (an `ipmitool sdr dump` file, a Get SDR loop's bytes).</summary>
    public static IReadOnlyList<SdrRecord> ParseAll(ReadOnlySpan<byte> records)
    {
        var list = new List<SdrRecord>();
        while (!records.IsEmpty)
        {
            var record = Parse(records);
            list.Add(record);
            records = records[record.Raw.Length..];
        }
        return list;
    }

    /// <summary>Header and body on the wire; the length byte is computed.</summary>
    public byte[] Encode()
    {
        var w = new IpmiWriter(64);
        w.Bytes(stackalloc byte[SdrHeader.Size]);
        WriteBody(w);
        byte[] bytes = w.ToArray();
        int length = bytes.Length - SdrHeader.Size;
        if (length > byte.MaxValue)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"SDR {RecordId:X4}h body is {length} bytes; at most 255 fit");
        }
        new SdrHeader(RecordId, Version, (byte)RecordType, (byte)length).Write(bytes);
        return bytes;
    }

    /// <summary>Writes the bytes after the header (from byte 6 on).</summary>
    protected abstract void WriteBody(IpmiWriter writer);

    public override string ToString() => $"{GetType().Name} {RecordId:X4}h";

    /// <summary>Reads a type/length byte and the ID string after it; a string cut short keeps what is present.</summary>
    internal static (string Text, FruFieldEncoding Encoding) ReadIdString(ReadOnlySpan<byte> body, int typeLengthIndex)
    {
        if (typeLengthIndex >= body.Length)
        {
            return ("", FruFieldEncoding.Text);
        }
        byte typeLength = body[typeLengthIndex];
        var encoding = (FruFieldEncoding)(typeLength >> 6);
        int length = Math.Min(typeLength & 0x1F, body.Length - typeLengthIndex - 1);
        var bytes = body.Slice(typeLengthIndex + 1, length);
        // Type 00b means "Unicode" in an SDR, with no encoding named: read it byte for byte, as ipmitool does.
        string text = encoding == FruFieldEncoding.Binary ? System.Text.Encoding.Latin1.GetString(bytes) : FruField.DecodeText(encoding, bytes);
        return (text, encoding);
    }

    /// <summary>Writes the type/length byte and ID string bytes.</summary>
    internal static void WriteIdString(IpmiWriter writer, string text, FruFieldEncoding encoding)
    {
        byte[] data = encoding == FruFieldEncoding.Binary
            ? System.Text.Encoding.Latin1.GetBytes(text)
            : FruField.FromText(text, encoding).Data;
        if (data.Length > MaxIdStringBytes)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"SDR ID string \"{text}\" needs {data.Length} bytes; at most {MaxIdStringBytes} fit");
        }
        writer.Byte((byte)(((byte)encoding << 6) | data.Length)).Bytes(data);
    }

    /// <summary>Throws when a body is shorter than a record type's fixed fields.</summary>
    internal static void NeedBody(SdrHeader header, ReadOnlySpan<byte> body, int fixedBytes, string what)
    {
        if (body.Length < fixedBytes)
        {
            throw IpmiException.Malformed($"{header}: a {what} record needs {fixedBytes} body bytes, has {body.Length}");
        }
    }
}
