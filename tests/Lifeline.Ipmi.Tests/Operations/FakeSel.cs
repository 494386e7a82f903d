using System.Buffers.Binary;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Tests.Operations;

/// <summary>A fake SEL: Get SEL Info, Reserve SEL, Get SEL Entry and Clear SEL with an erase that takes a number of polls.</summary>
internal sealed class FakeSel
{
    private ushort _reservation;
    private int _pollsLeft;

    public FakeSel(IEnumerable<byte[]> entries)
    {
        Entries = entries.ToList();
    }

    public List<byte[]> Entries { get; }

    /// <summary>Status polls answered "in progress" before the erase completes; 0 completes at once; -1 never.</summary>
    public int PollsBeforeErased { get; init; }

    /// <summary>Status poll (1-based) before which the reservation is canceled.</summary>
    public int CancelReservationAtPoll { get; init; }

    public Func<ushort, ushort>? NextOverride { get; init; }

    public int Polls { get; private set; }

    public IpmiResponse Handle(IpmiRequest request, byte[] data)
    {
        if (request.NetFn != NetFn.Storage)
        {
            return Fail(CompletionCode.InvalidCommand);
        }
        switch (request.Command)
        {
            case 0x40:
                var info = new byte[14];
                info[0] = 0x51;
                BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(1), (ushort)Entries.Count);
                BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(3), 0x3E80);
                info[13] = 0x0A;
                return Ok(info);
            case 0x42:
                _reservation++;
                return Ok((byte)_reservation, (byte)(_reservation >> 8));
            case 0x43:
                ushort id = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2));
                int index = id == 0x0000 ? (Entries.Count > 0 ? 0 : -1)
                    : id == 0xFFFF ? Entries.Count - 1
                    : Entries.FindIndex(e => BinaryPrimitives.ReadUInt16LittleEndian(e) == id);
                if (index < 0)
                {
                    return Fail(CompletionCode.RequestedDataNotPresent);
                }
                ushort actual = BinaryPrimitives.ReadUInt16LittleEndian(Entries[index]);
                ushort next = index + 1 < Entries.Count ? BinaryPrimitives.ReadUInt16LittleEndian(Entries[index + 1]) : (ushort)0xFFFF;
                next = NextOverride?.Invoke(actual) ?? next;
                var answer = new byte[2 + Entries[index].Length];
                BinaryPrimitives.WriteUInt16LittleEndian(answer, next);
                Entries[index].CopyTo(answer, 2);
                return Ok(answer);
            case 0x47:
                ushort reservation = BinaryPrimitives.ReadUInt16LittleEndian(data);
                bool initiate = data[5] == 0xAA;
                if (!initiate)
                {
                    Polls++;
                    if (Polls == CancelReservationAtPoll)
                    {
                        _reservation++;
                    }
                }
                if (reservation != _reservation)
                {
                    return Fail(CompletionCode.ReservationCanceled);
                }
                if (initiate)
                {
                    Entries.Clear();
                    _pollsLeft = PollsBeforeErased;
                    return Ok((byte)(_pollsLeft == 0 ? 0x01 : 0x00));
                }
                if (_pollsLeft == 0)
                {
                    return Ok(0x01);
                }
                if (_pollsLeft > 0)
                {
                    _pollsLeft--;
                }
                return Ok(0x00);
            default:
                return Fail(CompletionCode.InvalidCommand);
        }
    }

    private static IpmiResponse Ok(params byte[] data) => new(CompletionCode.Success, data);

    private static IpmiResponse Fail(CompletionCode code) => new(code, ReadOnlyMemory<byte>.Empty);
}
