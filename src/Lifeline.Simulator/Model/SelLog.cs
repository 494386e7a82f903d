namespace Lifeline.Simulator.Model;

/// <summary>
/// The SEL storage of one node. Not thread-safe: <see cref="BmcModel"/> holds its lock around every call.
/// Record ids are monotonic (1, 2, …, wrapping past FFFEh to 0001h) and, unless the SEL restarts them after a clear
/// (<see cref="BmcOptions.SelRestartsRecordIdsAfterClear"/>), not reused, so an incremental reader never mistakes a
/// new record for one it has seen.
/// </summary>
internal sealed class SelLog
{
    public const ushort FirstRecord = 0x0000;
    public const ushort LastRecord = 0xFFFF;

    private readonly List<SelEntry> _entries = [];
    private readonly int _capacity;
    private readonly SelFullBehavior _fullBehavior;
    private ushort _nextId = 1;
    private ushort _lastReservation;
    private ushort _reservation; // 0 when cancelled

    private readonly bool _restartIdsAfterClear;

    public SelLog(int capacity, SelFullBehavior fullBehavior, bool restartIdsAfterClear = false)
    {
        _capacity = capacity;
        _fullBehavior = fullBehavior;
        _restartIdsAfterClear = restartIdsAfterClear;
    }

    public int Count => _entries.Count;
    public bool Overflow { get; private set; }
    public uint LastAddTimestamp { get; private set; } = SelInfo.Unspecified;
    public uint LastEraseTimestamp { get; private set; } = SelInfo.Unspecified;
    public DateTimeOffset EraseCompletesAt { get; private set; } = DateTimeOffset.MinValue;

    public SelInfo Info(DateTimeOffset now) => new(
        _entries.Count, _capacity, (_capacity - _entries.Count) * SelInfo.EntrySize,
        LastAddTimestamp, LastEraseTimestamp, Overflow, now < EraseCompletesAt);

    /// <summary>Adds an entry with the next record id; returns the id, or null when the SEL is full.</summary>
    public ushort? Add(SelEntry entry)
    {
        if (_entries.Count >= _capacity)
        {
            Overflow = true;
            if (_fullBehavior == SelFullBehavior.StopLogging || _capacity == 0)
            {
                return null;
            }
            _entries.RemoveAt(0);
        }
        ushort id = _nextId;
        _nextId = id >= 0xFFFE ? (ushort)1 : (ushort)(id + 1);
        _entries.Add(entry with { RecordId = id });
        LastAddTimestamp = entry.Timestamp;
        return id;
    }

    public ushort Reserve()
    {
        _lastReservation = _lastReservation == 0xFFFF ? (ushort)1 : (ushort)(_lastReservation + 1);
        _reservation = _lastReservation;
        return _reservation;
    }

    public bool IsReservationValid(ushort reservation) => reservation != 0 && reservation == _reservation;

    public void Clear(uint timestamp, DateTimeOffset completesAt)
    {
        _entries.Clear();
        if (_restartIdsAfterClear)
        {
            _nextId = 1;
        }
        Overflow = false;
        LastEraseTimestamp = timestamp;
        EraseCompletesAt = completesAt;
        _reservation = 0; // a clear cancels the reservation (§31.9)
    }

    public bool Delete(ushort recordId, uint timestamp)
    {
        int i = IndexOf(recordId);
        if (i < 0)
        {
            return false;
        }
        _entries.RemoveAt(i);
        LastEraseTimestamp = timestamp;
        _reservation = 0;
        return true;
    }

    /// <summary>§31.5 Get SEL Entry: 0000h = first, FFFFh = last.</summary>
    public SelRecordRead? Get(ushort recordId)
    {
        if (_entries.Count == 0)
        {
            return null;
        }
        int i = recordId switch
        {
            FirstRecord => 0,
            LastRecord => _entries.Count - 1,
            _ => IndexOf(recordId),
        };
        if (i < 0)
        {
            return null;
        }
        ushort next = i + 1 < _entries.Count ? _entries[i + 1].RecordId : LastRecord;
        return new SelRecordRead(_entries[i], next);
    }

    /// <summary>Entries after the one with <paramref name="lastSeenId"/> (all of them for 0000h, or when that
    /// record is gone: a reader that lost its place starts over).</summary>
    public SelEntry[] After(ushort lastSeenId)
    {
        int start = lastSeenId == FirstRecord ? 0 : IndexOf(lastSeenId) + 1;
        return _entries.GetRange(start, _entries.Count - start).ToArray();
    }

    public SelEntry[] All() => _entries.ToArray();

    private int IndexOf(ushort recordId)
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].RecordId == recordId)
            {
                return i;
            }
        }
        return -1;
    }
}
