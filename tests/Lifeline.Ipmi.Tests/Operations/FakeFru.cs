using System.Buffers.Binary;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Tests.Operations;

/// <summary>A fake FRU device: Get FRU Inventory Area Info and Read FRU Data with a read limit and injectable busy answers.</summary>
internal sealed class FakeFru(byte[] image, bool accessByWords = false)
{
    /// <summary>Largest count (in access units) answered; above it the BMC answers <see cref="TooLargeCode"/>.</summary>
    public int MaxCount { get; init; } = 32;
    public CompletionCode TooLargeCode { get; init; } = CompletionCode.RequestDataFieldLengthLimitExceeded;

    /// <summary>Answer for the Nth Read FRU Data (1-based), or null for a normal answer.</summary>
    public Func<int, CompletionCode?>? Interfere { get; init; }

    /// <summary>Make every read return a count of zero.</summary>
    public bool ReturnNothing { get; init; }

    public List<(ushort Offset, byte Count)> Reads { get; } = [];

    public IpmiResponse Handle(IpmiRequest request, byte[] data)
    {
        if (request.NetFn == NetFn.Storage && request.Command == 0x10)
        {
            return new IpmiResponse(CompletionCode.Success, new byte[] { (byte)image.Length, (byte)(image.Length >> 8), (byte)(accessByWords ? 1 : 0) });
        }
        if (request.NetFn == NetFn.Storage && request.Command == 0x11)
        {
            ushort offset = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(1));
            byte count = data[3];
            Reads.Add((offset, count));
            if (Interfere?.Invoke(Reads.Count) is { } code)
            {
                return new IpmiResponse(code, ReadOnlyMemory<byte>.Empty);
            }
            if (count > MaxCount)
            {
                return new IpmiResponse(TooLargeCode, ReadOnlyMemory<byte>.Empty);
            }
            int unit = accessByWords ? 2 : 1;
            int start = offset * unit;
            if (start >= image.Length)
            {
                return new IpmiResponse(CompletionCode.Unspecified, ReadOnlyMemory<byte>.Empty);   // as ipmi_sim does
            }
            int units = ReturnNothing ? 0 : Math.Min(count, (image.Length - start + unit - 1) / unit);
            var answer = new byte[1 + units * unit];
            answer[0] = (byte)units;
            image.AsSpan(start, Math.Min(units * unit, image.Length - start)).CopyTo(answer.AsSpan(1));
            return new IpmiResponse(CompletionCode.Success, answer);
        }
        return new IpmiResponse(CompletionCode.InvalidCommand, ReadOnlyMemory<byte>.Empty);
    }
}
