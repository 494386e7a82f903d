using System.Buffers.Binary;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Tests.Operations;

/// <summary>
/// A fake SDR repository answering Reserve SDR Repository and Get SDR (or the Device SDR pair) like a BMC: records
/// chained by next-record id, a largest read size (CAh or another code above it), reservations that a test can cancel
/// at a chosen moment.
/// </summary>
internal sealed class FakeSdrRepository
{
    private readonly List<byte[]> _records;
    private ushort _reservation;

    public FakeSdrRepository(IEnumerable<byte[]> records)
    {
        _records = records.ToList();
    }

    public int MaxRead { get; init; } = 255;
    public CompletionCode TooLargeCode { get; init; } = CompletionCode.CannotReturnRequestedBytes;

    /// <summary>Called before each Get SDR; returning true cancels the current reservation (as another client reserving would).</summary>
    public Func<ushort, byte, bool>? CancelReservationWhen { get; init; }

    /// <summary>Overrides the next-record id the repository reports after a record.</summary>
    public Func<ushort, ushort>? NextOverride { get; init; }

    public List<(ushort Record, byte Offset, byte Count)> Reads { get; } = [];

    public IpmiResponse Handle(IpmiRequest request, byte[] data)
    {
        bool sdrNetFn = request.NetFn is NetFn.Storage or NetFn.SensorEvent;
        if (sdrNetFn && request.Command == 0x22)
        {
            _reservation++;
            return new IpmiResponse(CompletionCode.Success, new byte[] { (byte)_reservation, (byte)(_reservation >> 8) });
        }
        if (sdrNetFn && request.Command is 0x23 or 0x21)
        {
            ushort reservation = BinaryPrimitives.ReadUInt16LittleEndian(data);
            ushort recordId = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2));
            byte offset = data[4];
            byte count = data[5];
            Reads.Add((recordId, offset, count));
            if (CancelReservationWhen?.Invoke(recordId, offset) == true)
            {
                _reservation++;
            }
            if (reservation != _reservation && (offset != 0 || reservation != 0))
            {
                return new IpmiResponse(CompletionCode.ReservationCanceled, ReadOnlyMemory<byte>.Empty);
            }
            int index = recordId == 0 ? (_records.Count > 0 ? 0 : -1) : _records.FindIndex(r => BinaryPrimitives.ReadUInt16LittleEndian(r) == recordId);
            if (index < 0)
            {
                return new IpmiResponse(CompletionCode.RequestedDataNotPresent, ReadOnlyMemory<byte>.Empty);
            }
            if (count != 0xFF && count > MaxRead)
            {
                return new IpmiResponse(TooLargeCode, ReadOnlyMemory<byte>.Empty);
            }
            var record = _records[index];
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(record);
            ushort next = index + 1 < _records.Count ? BinaryPrimitives.ReadUInt16LittleEndian(_records[index + 1]) : (ushort)0xFFFF;
            next = NextOverride?.Invoke(id) ?? next;
            int n = Math.Min(count == 0xFF ? record.Length : count, record.Length - offset);
            var answer = new byte[2 + n];
            BinaryPrimitives.WriteUInt16LittleEndian(answer, next);
            record.AsSpan(offset, n).CopyTo(answer.AsSpan(2));
            return new IpmiResponse(CompletionCode.Success, answer);
        }
        return new IpmiResponse(CompletionCode.InvalidCommand, ReadOnlyMemory<byte>.Empty);
    }
}
