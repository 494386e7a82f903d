using System.Buffers.Binary;

namespace Lifeline.Ipmi.Messages;

/// <summary>
/// Bounds-checked little-endian (IPMI is LSB-first, §13.5) reader over a span. Reading past the end throws
/// <see cref="IpmiException"/> with <see cref="IpmiError.MalformedResponse"/>, never an IndexOutOfRangeException.
/// </summary>
public ref struct IpmiReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public IpmiReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;
    public readonly int Remaining => _data.Length - _position;
    public readonly bool End => _position >= _data.Length;
    public readonly ReadOnlySpan<byte> Rest => _data[_position..];

    public byte ReadByte()
    {
        Need(1, "byte");
        return _data[_position++];
    }

    /// <summary>Reads an optional trailing byte: BMCs may omit bytes at the end of a response.</summary>
    public byte? ReadOptionalByte() => End ? null : _data[_position++];

    public ushort ReadUInt16()
    {
        Need(2, "uint16");
        var v = BinaryPrimitives.ReadUInt16LittleEndian(_data[_position..]);
        _position += 2;
        return v;
    }

    public uint ReadUInt24()
    {
        Need(3, "uint24");
        uint v = (uint)(_data[_position] | (_data[_position + 1] << 8) | (_data[_position + 2] << 16));
        _position += 3;
        return v;
    }

    public uint ReadUInt32()
    {
        Need(4, "uint32");
        var v = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return v;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            throw IpmiException.Malformed($"negative length {count}");
        }
        Need(count, $"{count} bytes");
        var s = _data.Slice(_position, count);
        _position += count;
        return s;
    }

    public ReadOnlySpan<byte> ReadRest()
    {
        var s = _data[_position..];
        _position = _data.Length;
        return s;
    }

    public void Skip(int count) => ReadBytes(count);

    private readonly void Need(int count, string what)
    {
        if (_data.Length - _position < count)
        {
            throw IpmiException.Malformed($"truncated: wanted {what} at offset {_position}, only {_data.Length - _position} left of {_data.Length}");
        }
    }
}
