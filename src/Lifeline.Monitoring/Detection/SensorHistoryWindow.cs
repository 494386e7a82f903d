using System.Runtime.InteropServices;
using Lifeline.Drivers;

namespace Lifeline.Monitoring.Detection;

/// <summary>
/// The recent history of one sensor of one node: a bounded ring of (time, value, status), oldest overwritten first.
/// Built to be kept for every trend sensor of a large fleet: a sample is 8 bytes (seconds since the window's epoch
/// shifted left by three bits with the status in the low bits, and the value as <see cref="float"/>), so the default
/// 40 samples cost about 0.4 KB (10,000 nodes × 20 sensors ≈ 80 MB). A missing reading is stored as NaN and skipped
/// by fits.
/// Not thread-safe: the <see cref="TrendDetector"/> serialises access per node.
/// </summary>
public sealed class SensorHistoryWindow
{
    private const int StatusBits = 3;
    private const int StatusMask = (1 << StatusBits) - 1;
    private const long MaxOffset = int.MaxValue >> (StatusBits + 1);

    private readonly HistorySample[] _samples;
    private long _epochSeconds;
    private int _start;
    private int _count;

    public SensorHistoryWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _samples = new HistorySample[capacity];
    }

    public int Capacity => _samples.Length;

    public int Count => _count;

    /// <summary>The time of the newest sample, or null when empty.</summary>
    public DateTimeOffset? LastTime => _count == 0 ? null : TimeAt(_count - 1);

    /// <summary>Appends a sample (a null value is a missing reading); returns false when older than the newest (ignored).</summary>
    public bool Add(DateTimeOffset time, double? value, SensorStatus status)
    {
        long seconds = time.ToUnixTimeSeconds();
        if (_count == 0)
        {
            _epochSeconds = seconds;
        }
        else if (seconds < _epochSeconds + _samples[Index(_count - 1)].Seconds)
        {
            return false;
        }
        long offset = seconds - _epochSeconds;
        if (offset > MaxOffset)
        {
            Clear();
            _epochSeconds = seconds;
            offset = 0;
        }
        int slot;
        if (_count < _samples.Length)
        {
            slot = Index(_count);
            _count++;
        }
        else
        {
            slot = _start;
            _start = (_start + 1) % _samples.Length;
        }
        _samples[slot] = new HistorySample((int)(offset << StatusBits) | ((int)status & StatusMask), value is double v ? (float)v : float.NaN);
        return true;
    }

    /// <summary>Forgets every sample (a power transition: the next fit must not span it).</summary>
    public void Clear()
    {
        _start = 0;
        _count = 0;
    }

    /// <summary>The i-th sample, oldest first.</summary>
    public (DateTimeOffset Time, double? Value, SensorStatus Status) this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            int slot = Index(index);
            float v = _samples[slot].Value;
            return (TimeAt(index), float.IsNaN(v) ? null : v, _samples[slot].Status);
        }
    }

    /// <summary>
    /// Copies the readings at or after <paramref name="from"/>, oldest first, as minutes after <paramref name="from"/>
    /// and values; missing readings are skipped. Returns how many were copied (at most the spans' length).
    /// </summary>
    public int CopySince(DateTimeOffset from, Span<double> minutes, Span<double> values)
    {
        long fromSeconds = from.ToUnixTimeSeconds();
        int n = 0;
        for (int i = 0; i < _count && n < minutes.Length && n < values.Length; i++)
        {
            var s = _samples[Index(i)];
            long at = _epochSeconds + s.Seconds;
            if (at < fromSeconds || float.IsNaN(s.Value))
            {
                continue;
            }
            minutes[n] = (at - fromSeconds) / 60.0;
            values[n] = s.Value;
            n++;
        }
        return n;
    }

    /// <summary>Approximate heap bytes of one window of the given capacity (arrays, headers and the object).</summary>
    public static long EstimatedBytes(int capacity) =>
        (2 * IntPtr.Size) + 8 + 4 + 4 + IntPtr.Size // object header and method table, epoch, start, count, the array reference
        + (3 * IntPtr.Size) + ((long)capacity * Marshal.SizeOf<HistorySample>());

    private DateTimeOffset TimeAt(int index) => DateTimeOffset.FromUnixTimeSeconds(_epochSeconds + _samples[Index(index)].Seconds);

    private int Index(int logical) => (_start + logical) % _samples.Length;

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct HistorySample(int Packed, float Value)
    {
        public int Seconds => Packed >> StatusBits;

        public SensorStatus Status => (SensorStatus)(Packed & StatusMask);
    }
}
