namespace Lifeline.Simulator.Model;

/// <summary>Where a console read started, how many bytes it copied, and how many the reader missed.</summary>
public readonly record struct ConsoleRead(long Position, int Count, long DroppedBytes)
{
    /// <summary>The position to pass to the next read.</summary>
    public long Next => Position + Count;
}

/// <summary>
/// A bounded byte ring addressed by absolute stream positions (0 = the first byte ever written). It starts empty
/// and grows by doubling up to its capacity, so an idle node costs nothing. Not thread-safe.
/// </summary>
internal sealed class ConsoleRing
{
    private const int InitialSize = 4096;

    private readonly int _capacity;
    private byte[] _buffer = [];
    private long _start;
    private long _end;

    public ConsoleRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        _capacity = capacity;
    }

    /// <summary>Oldest position still held.</summary>
    public long Start => _start;

    /// <summary>Position after the newest byte: the total ever written.</summary>
    public long End => _end;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }
        if (data.Length >= _capacity)
        {
            // Only the tail survives.
            long skipped = data.Length - _capacity;
            _end += skipped;
            _start = _end;
            data = data[(int)skipped..];
        }
        EnsureSize((int)Math.Min(_capacity, _end - _start + data.Length));
        int size = _buffer.Length;
        int at = (int)(_end % size);
        int first = Math.Min(data.Length, size - at);
        data[..first].CopyTo(_buffer.AsSpan(at));
        data[first..].CopyTo(_buffer);
        _end += data.Length;
        _start = Math.Max(_start, _end - size);
    }

    public ConsoleRead Read(long position, Span<byte> destination)
    {
        long dropped = 0;
        if (position < _start)
        {
            dropped = _start - position;
            position = _start;
        }
        if (position > _end)
        {
            position = _end;
        }
        int count = (int)Math.Min(destination.Length, _end - position);
        if (count > 0)
        {
            int size = _buffer.Length;
            int at = (int)(position % size);
            int first = Math.Min(count, size - at);
            _buffer.AsSpan(at, first).CopyTo(destination);
            _buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
        }
        return new ConsoleRead(position, count, dropped);
    }

    private void EnsureSize(int needed)
    {
        if (_buffer.Length >= needed)
        {
            return;
        }
        int size = Math.Max(_buffer.Length, InitialSize);
        while (size < needed)
        {
            size *= 2;
        }
        size = Math.Min(size, _capacity);
        var grown = new byte[size];
        // Re-lay the held bytes at their positions modulo the new size.
        for (long p = _start; p < _end; p++)
        {
            grown[p % size] = _buffer[p % _buffer.Length];
        }
        _buffer = grown;
    }
}
