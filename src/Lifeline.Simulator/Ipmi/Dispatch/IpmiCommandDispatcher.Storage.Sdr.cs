using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;
using GetSdrRequest = Lifeline.Ipmi.Commands.Storage.GetSdr;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// Storage (NetFn 0Ah), SDR repository (§33): read-only, served from the shared SdrImage. The slow-SDR fault
// delays every Get SDR answer.
public sealed partial class IpmiCommandDispatcher
{
    private SdrImage? _sdr;
    private ushort _sdrReservation;

    private static IEnumerable<Command> SdrCommands() =>
    [
        new(NetFn.Storage, 0x20, "Get SDR Repository Info", 0, 0, static (d, _, _) => d.GetSdrRepositoryInfo()),
        new(NetFn.Storage, 0x22, "Reserve SDR Repository", 0, 0, static (d, _, _) => d.ReserveSdrRepository()),
        new(NetFn.Storage, 0x23, "Get SDR", 6, 6, static (d, c, data) => d.GetSdr(c, data)),
    ];

    /// <summary>The SDR repository this node serves.</summary>
    public SdrImage Sdr => _sdr ??= SdrImage.For(_model);

    // §33.9 Get SDR Repository Info
    private IpmiResponse GetSdrRepositoryInfo() =>
        Ok(new SdrRepositoryInfoResponse(0x51, (ushort)Sdr.Count, FreeSpace: 0, Sdr.AdditionTimestamp, IpmiTimestamp.Unspecified,
            SdrRepositorySupport.Reserve).Write);

    // §33.11 Reserve SDR Repository: the newest reservation is the only valid one.
    private IpmiResponse ReserveSdrRepository()
    {
        ushort id;
        lock (_lock)
        {
            _sdrReservation = _sdrReservation == 0xFFFF ? (ushort)1 : (ushort)(_sdrReservation + 1);
            id = _sdrReservation;
        }
        return Ok(new ReservationResponse(id).Write);
    }

    // §33.12 Get SDR: a reservation is required for reads at a non-zero offset (and checked whenever one is given);
    // C5h when it is not the newest, CBh for a missing record, CAh for more than MaxReadBytes (FFh = entire record).
    private IpmiResponse GetSdr(IpmiCommandContext context, ReadOnlySpan<byte> data)
    {
        var request = GetSdrRequest.Read(data);
        context.ResponseDelay = _model.Faults.SdrDelay;
        if (request.Offset != 0 || request.ReservationId != 0)
        {
            lock (_lock)
            {
                if (request.ReservationId == 0 || request.ReservationId != _sdrReservation)
                {
                    return Fail(CompletionCode.ReservationCanceled);
                }
            }
        }
        if (!Sdr.TryGet(request.RecordId, out var record, out ushort next))
        {
            return Fail(CompletionCode.RequestedDataNotPresent);
        }
        return ReadChunk(record.Span, request.Offset, request.BytesToRead, GetSdrRequest.EntireRecord, out var chunk) is { } failure
            ? failure
            : Ok(new RecordChunkResponse(next, chunk).Write);
    }

    /// <summary>
    /// Bytes <paramref name="offset"/>.. of a record, at most <paramref name="count"/> (or all with
    /// <paramref name="entire"/>): CCh past the end, CAh beyond the read limit; null when the chunk is good.
    /// </summary>
    private IpmiResponse? ReadChunk(ReadOnlySpan<byte> record, int offset, byte count, byte? entire, out byte[] chunk)
    {
        chunk = [];
        if (offset > record.Length)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        int wanted = count == entire ? record.Length - offset : count;
        if (count != entire && count > _options.MaxReadBytes)
        {
            return Fail(CompletionCode.CannotReturnRequestedBytes);
        }
        chunk = record.Slice(offset, Math.Min(wanted, record.Length - offset)).ToArray();
        return null;
    }
}
