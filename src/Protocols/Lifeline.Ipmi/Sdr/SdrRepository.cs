using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Sdr;

/// <summary>
/// A list of SDRs with the look-ups event and reading decoders need. <see cref="FindSensor"/> matches a SEL entry's
/// generator ID and sensor number to its sensor record, as ipmitool does (owner ID = generator ID low byte).
/// </summary>
public sealed class SdrRepository : IReadOnlyList<SdrRecord>
{
    private readonly List<SdrRecord> _records;

    public SdrRepository(IEnumerable<SdrRecord> records)
    {
        _records = [.. records];
    }

    public int Count => _records.Count;

    public SdrRecord this[int index] => _records[index];

    /// <summary>Parses records laid end to end (an `ipmitool sdr dump` file).</summary>
    public static SdrRepository Parse(ReadOnlySpan<byte> records) => new(SdrRecord.ParseAll(records));

    /// <summary>All records end to end, the format `ipmitool sdr dump` writes and `sdr fill file` reads.</summary>
    public byte[] Encode()
    {
        var w = new IpmiWriter(_records.Count * 48);
        foreach (var record in _records)
        {
            w.Bytes(record.Encode());
        }
        return w.ToArray();
    }

    /// <summary>
    /// The sensor record (full, compact or event-only) owned by <paramref name="generatorId"/>'s low byte (slave
    /// address or software ID, with its ID-type bit) that covers <paramref name="sensorNumber"/>; null if none.
    /// </summary>
    public SdrRecord? FindSensor(ushort generatorId, byte sensorNumber)
    {
        byte owner = (byte)generatorId;
        foreach (var record in _records)
        {
            if (record is ISensorIdentity sensor && sensor.OwnerId == owner && sensor.Covers(sensorNumber))
            {
                return record;
            }
        }
        return null;
    }

    public IEnumerator<SdrRecord> GetEnumerator() => _records.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
