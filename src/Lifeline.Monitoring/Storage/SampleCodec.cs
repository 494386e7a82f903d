using System.Buffers.Binary;
using Lifeline.Drivers;

namespace Lifeline.Monitoring.Storage;

/// <summary>One reading inside a poll blob: the sensor's number within its node, the value (NaN = none), the status.</summary>
internal readonly record struct EncodedReading(int Index, float Value, SensorStatus Status);

/// <summary>One sensor's aggregate inside a 5-minute blob (NaN min/avg/max = no values, only samples without one).</summary>
internal readonly record struct EncodedAggregate(int Index, float Min, float Avg, float Max, int Count);

/// <summary>
/// The blobs of sensor history. All numbers little-endian; readers check every length and never read past the end.
/// </summary>
/// <remarks>
/// <code>
/// poll blob    : kind (1 = dense, 2 = sparse) | count u16 | [sparse: index u16 × count] | value f32 × count | status u8 × count
/// rollup blob  : kind (3 = dense, 4 = sparse) | count u16 | samples u16 (the usual count) | [sparse: index u16 × count]
///              | flags u8 × count | per entry: [own samples u16] [min f32 [avg f32 max f32]]
///                flags: 1 = constant (min = avg = max: one value), 2 = no values (only samples without one), 4 = own count
/// </code>
/// "Dense" means the indexes are 0, 1, …, count − 1 in order, which is what a node's polls normally are (sensors are
/// numbered in the order the BMC first listed them), so a 20-sensor poll is 3 + 20 × 5 = 103 bytes, and a 5-minute
/// entry is 13 bytes (5 when the sensor did not change). Values are float32: every BMC reading (an 8-bit raw value
/// through the SDR's linear conversion, or a Redfish number) fits with room to spare; a missing value is NaN.
/// </remarks>
internal static class SampleCodec
{
    public const int MaxSensors = ushort.MaxValue;

    private const byte DensePoll = 1;
    private const byte SparsePoll = 2;
    private const byte DenseRollup = 3;
    private const byte SparseRollup = 4;
    private const int HeaderSize = 3;
    private const int RollupHeaderSize = 5;

    // Rollup entry flags.
    private const byte Constant = 1;
    private const byte NoValues = 2;
    private const byte OwnCount = 4;

    public static byte[] EncodePoll(IReadOnlyList<EncodedReading> readings)
    {
        int n = readings.Count;
        bool dense = IsDense(readings.Count, i => readings[i].Index);
        var blob = new byte[HeaderSize + (dense ? 0 : 2 * n) + (5 * n)];
        var span = blob.AsSpan();
        span[0] = dense ? DensePoll : SparsePoll;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)n);
        int offset = HeaderSize;
        if (!dense)
        {
            for (int i = 0; i < n; i++, offset += 2)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)readings[i].Index);
            }
        }

        for (int i = 0; i < n; i++, offset += 4)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], readings[i].Value);
        }

        for (int i = 0; i < n; i++)
        {
            span[offset++] = (byte)readings[i].Status;
        }

        return blob;
    }

    /// <exception cref="InvalidDataException">The blob is not a poll blob of the right length.</exception>
    public static EncodedReading[] DecodePoll(ReadOnlySpan<byte> blob)
    {
        var (dense, n) = Header(blob, DensePoll, SparsePoll, 5);
        var readings = new EncodedReading[n];
        int offset = HeaderSize;
        int values = offset + (dense ? 0 : 2 * n);
        int statuses = values + (4 * n);
        for (int i = 0; i < n; i++)
        {
            int index = dense ? i : BinaryPrimitives.ReadUInt16LittleEndian(blob[(offset + (2 * i))..]);
            float value = BinaryPrimitives.ReadSingleLittleEndian(blob[(values + (4 * i))..]);
            readings[i] = new EncodedReading(index, value, (SensorStatus)blob[statuses + i]);
        }

        return readings;
    }

    public static byte[] EncodeRollup(IReadOnlyList<EncodedAggregate> aggregates)
    {
        int n = aggregates.Count;
        bool dense = IsDense(n, i => aggregates[i].Index);
        int common = 0;
        foreach (var aggregate in aggregates)
        {
            common = Math.Max(common, Math.Min(aggregate.Count, ushort.MaxValue));
        }

        var flags = new byte[n];
        int size = RollupHeaderSize + (dense ? 0 : 2 * n) + n;
        for (int i = 0; i < n; i++)
        {
            var a = aggregates[i];
            int count = Math.Min(a.Count, ushort.MaxValue);
            if (count != common)
            {
                flags[i] |= OwnCount;
                size += 2;
            }

            if (float.IsNaN(a.Min))
            {
                flags[i] |= NoValues;
            }
            else if (a.Min.Equals(a.Max) && a.Avg.Equals(a.Min))
            {
                flags[i] |= Constant;
                size += 4;
            }
            else
            {
                size += 12;
            }
        }

        var blob = new byte[size];
        var span = blob.AsSpan();
        span[0] = dense ? DenseRollup : SparseRollup;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)n);
        BinaryPrimitives.WriteUInt16LittleEndian(span[3..], (ushort)common);
        int offset = RollupHeaderSize;
        if (!dense)
        {
            for (int i = 0; i < n; i++, offset += 2)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)aggregates[i].Index);
            }
        }

        flags.CopyTo(span[offset..]);
        offset += n;
        for (int i = 0; i < n; i++)
        {
            var a = aggregates[i];
            if ((flags[i] & OwnCount) != 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)Math.Min(a.Count, ushort.MaxValue));
                offset += 2;
            }

            if ((flags[i] & NoValues) != 0)
            {
                continue;
            }

            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], a.Min);
            offset += 4;
            if ((flags[i] & Constant) == 0)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[offset..], a.Avg);
                BinaryPrimitives.WriteSingleLittleEndian(span[(offset + 4)..], a.Max);
                offset += 8;
            }
        }

        return blob;
    }

    /// <exception cref="InvalidDataException">The blob is not a rollup blob, or is cut short or too long.</exception>
    public static EncodedAggregate[] DecodeRollup(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < RollupHeaderSize || (blob[0] != DenseRollup && blob[0] != SparseRollup))
        {
            throw new InvalidDataException($"a 5-minute history blob has an unknown format (kind {(blob.Length > 0 ? blob[0] : -1)}, {blob.Length} bytes)");
        }

        bool dense = blob[0] == DenseRollup;
        int n = BinaryPrimitives.ReadUInt16LittleEndian(blob[1..]);
        int common = BinaryPrimitives.ReadUInt16LittleEndian(blob[3..]);
        int indexes = RollupHeaderSize;
        int flags = indexes + (dense ? 0 : 2 * n);
        int offset = flags + n;
        if (offset > blob.Length)
        {
            throw new InvalidDataException($"a 5-minute history blob of {n} entries is cut short ({blob.Length} bytes)");
        }

        var aggregates = new EncodedAggregate[n];
        for (int i = 0; i < n; i++)
        {
            byte flag = blob[flags + i];
            int need = ((flag & OwnCount) != 0 ? 2 : 0) + ((flag & NoValues) != 0 ? 0 : (flag & Constant) != 0 ? 4 : 12);
            if (offset + need > blob.Length)
            {
                throw new InvalidDataException($"a 5-minute history blob of {n} entries is cut short at entry {i} ({blob.Length} bytes)");
            }

            int count = common;
            if ((flag & OwnCount) != 0)
            {
                count = BinaryPrimitives.ReadUInt16LittleEndian(blob[offset..]);
                offset += 2;
            }

            float min = float.NaN, avg = float.NaN, max = float.NaN;
            if ((flag & NoValues) == 0)
            {
                min = avg = max = BinaryPrimitives.ReadSingleLittleEndian(blob[offset..]);
                offset += 4;
                if ((flag & Constant) == 0)
                {
                    avg = BinaryPrimitives.ReadSingleLittleEndian(blob[offset..]);
                    max = BinaryPrimitives.ReadSingleLittleEndian(blob[(offset + 4)..]);
                    offset += 8;
                }
            }

            int index = dense ? i : BinaryPrimitives.ReadUInt16LittleEndian(blob[(indexes + (2 * i))..]);
            aggregates[i] = new EncodedAggregate(index, min, avg, max, count);
        }

        if (offset != blob.Length)
        {
            throw new InvalidDataException($"a 5-minute history blob of {n} entries has {blob.Length - offset} bytes too many");
        }

        return aggregates;
    }

    private static bool IsDense(int count, Func<int, int> indexAt)
    {
        for (int i = 0; i < count; i++)
        {
            if (indexAt(i) != i)
            {
                return false;
            }
        }

        return true;
    }

    private static (bool Dense, int Count) Header(ReadOnlySpan<byte> blob, byte dense, byte sparse, int bytesPerEntry)
    {
        if (blob.Length < HeaderSize || (blob[0] != dense && blob[0] != sparse))
        {
            throw new InvalidDataException($"a sensor history blob has an unknown format (kind {(blob.Length > 0 ? blob[0] : -1)}, {blob.Length} bytes)");
        }

        bool isDense = blob[0] == dense;
        int n = BinaryPrimitives.ReadUInt16LittleEndian(blob[1..]);
        int expected = HeaderSize + (isDense ? 0 : 2 * n) + (bytesPerEntry * n);
        if (blob.Length != expected)
        {
            throw new InvalidDataException($"a sensor history blob of {n} entries is {blob.Length} bytes, expected {expected}");
        }

        return (isDense, n);
    }
}
