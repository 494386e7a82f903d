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
/// rollup blob  : kind (3 = dense, 4 = sparse) | count u16 | [sparse: index u16 × count] | min f32 × count | avg f32 × count
///              | max f32 × count | samples u16 × count
/// </code>
/// "Dense" means the indexes are 0, 1, …, count − 1 in order, which is what a node's polls normally are (sensors are
/// numbered in the order the BMC first listed them), so a 20-sensor poll is 3 + 20 × 5 = 103 bytes. Values are
/// float32: every BMC reading (an 8-bit raw value through the SDR's linear conversion, or a Redfish number) fits with
/// room to spare; a missing value is NaN.
/// </remarks>
internal static class SampleCodec
{
    public const int MaxSensors = ushort.MaxValue;

    private const byte DensePoll = 1;
    private const byte SparsePoll = 2;
    private const byte DenseRollup = 3;
    private const byte SparseRollup = 4;
    private const int HeaderSize = 3;

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
        var blob = new byte[HeaderSize + (dense ? 0 : 2 * n) + (14 * n)];
        var span = blob.AsSpan();
        span[0] = dense ? DenseRollup : SparseRollup;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)n);
        int offset = HeaderSize;
        if (!dense)
        {
            for (int i = 0; i < n; i++, offset += 2)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)aggregates[i].Index);
            }
        }

        for (int i = 0; i < n; i++, offset += 4)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], aggregates[i].Min);
        }

        for (int i = 0; i < n; i++, offset += 4)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], aggregates[i].Avg);
        }

        for (int i = 0; i < n; i++, offset += 4)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], aggregates[i].Max);
        }

        for (int i = 0; i < n; i++, offset += 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)Math.Min(aggregates[i].Count, ushort.MaxValue));
        }

        return blob;
    }

    /// <exception cref="InvalidDataException">The blob is not a rollup blob of the right length.</exception>
    public static EncodedAggregate[] DecodeRollup(ReadOnlySpan<byte> blob)
    {
        var (dense, n) = Header(blob, DenseRollup, SparseRollup, 14);
        var aggregates = new EncodedAggregate[n];
        int mins = HeaderSize + (dense ? 0 : 2 * n);
        int avgs = mins + (4 * n);
        int maxes = avgs + (4 * n);
        int counts = maxes + (4 * n);
        for (int i = 0; i < n; i++)
        {
            int index = dense ? i : BinaryPrimitives.ReadUInt16LittleEndian(blob[(HeaderSize + (2 * i))..]);
            aggregates[i] = new EncodedAggregate(
                index,
                BinaryPrimitives.ReadSingleLittleEndian(blob[(mins + (4 * i))..]),
                BinaryPrimitives.ReadSingleLittleEndian(blob[(avgs + (4 * i))..]),
                BinaryPrimitives.ReadSingleLittleEndian(blob[(maxes + (4 * i))..]),
                BinaryPrimitives.ReadUInt16LittleEndian(blob[(counts + (2 * i))..]));
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
