namespace Lifeline.Consoles.Logging;

/// <summary>The last N bytes of a console, so a newcomer sees the recent screen at once. Thread-safe.</summary>
public sealed class ConsoleRingBuffer
{
    private readonly byte[] _buffer;
    private readonly Lock _lock = new();
    private int _start;
    private int _count;

    public ConsoleRingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _buffer = new byte[capacity];
    }

    public int Capacity => _buffer.Length;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_buffer.Length == 0)
        {
            return;
        }
        if (data.Length >= _buffer.Length)
        {
            data = data[^_buffer.Length..];
        }
        lock (_lock)
        {
            int end = (_start + _count) % _buffer.Length;
            int first = Math.Min(data.Length, _buffer.Length - end);
            data[..first].CopyTo(_buffer.AsSpan(end));
            data[first..].CopyTo(_buffer);
            int overflow = _count + data.Length - _buffer.Length;
            if (overflow > 0)
            {
                _start = (_start + overflow) % _buffer.Length;
                _count = _buffer.Length;
            }
            else
            {
                _count += data.Length;
            }
        }
    }

    /// <summary>
    /// The buffered bytes, oldest first, starting at a character boundary: UTF-8 continuation bytes cut off by the
    /// wrap-around are dropped from the front, so the snapshot never begins in the middle of a character.
    /// </summary>
    public byte[] Snapshot()
    {
        byte[] copy;
        lock (_lock)
        {
            copy = new byte[_count];
            int first = Math.Min(_count, _buffer.Length - _start);
            _buffer.AsSpan(_start, first).CopyTo(copy);
            _buffer.AsSpan(0, _count - first).CopyTo(copy.AsSpan(first));
        }
        int skip = 0;
        while (skip < 3 && skip < copy.Length && (copy[skip] & 0xC0) == 0x80)
        {
            skip++;
        }
        return skip == 0 ? copy : copy[skip..];
    }
}
