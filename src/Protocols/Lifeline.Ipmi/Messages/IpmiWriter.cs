using System.Buffers.Binary;

namespace Lifeline.Ipmi.Messages;

/// <summary>Little-endian growable writer used to build request and response data (IPMI is LSB-first, §13.5).</summary>
public sealed class IpmiWriter
{
    private byte[] _buffer;
    private int _length;

    public IpmiWriter(int capacity = 32)
    {
        _buffer = new byte[Math.Max(capacity, 8)];
    }

    public int Length => _length;

    public IpmiWriter Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
        return this;
    }

    public IpmiWriter UInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_length), value);
        _length += 2;
        return this;
    }

    public IpmiWriter UInt24(uint value)
    {
        Ensure(3);
        _buffer[_length] = (byte)value;
        _buffer[_length + 1] = (byte)(value >> 8);
        _buffer[_length + 2] = (byte)(value >> 16);
        _length += 3;
        return this;
    }

    public IpmiWriter UInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
        return this;
    }

    public IpmiWriter Bytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
        return this;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
