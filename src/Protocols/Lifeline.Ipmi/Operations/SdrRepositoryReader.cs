using System.Buffers.Binary;
using Lifeline.Ipmi.Commands.Sensor;
using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Operations;

public sealed record SdrReadOptions
{
    /// <summary>Bytes asked for per Get SDR body read before any shrinking (16 or more; the header read is always 5).</summary>
    public int InitialChunkSize { get; init; } = 32;

    /// <summary>How many times one record may be restarted after "reservation canceled" (C5h).</summary>
    public int MaxReservationRetries { get; init; } = 5;

    /// <summary>Read a satellite controller's Device SDRs (NetFn 04h) instead of the SDR repository (NetFn 0Ah).</summary>
    public bool DeviceSdr { get; init; }
}

/// <summary>
/// Reads every record of an SDR repository as raw bytes (header + body), the way robust clients do (IPMI v2.0 §33.12,
/// ipmitool/FreeIPMI behaviour): reserve, read each record's 5-byte header, then its body in chunks; shrink the chunk
/// when the BMC says it cannot return that many bytes (CAh, C7h, FFh); re-reserve and restart the record when the
/// reservation is canceled (C5h); follow next-record ids until FFFFh; a record id seen twice is a loop and ends with
/// <see cref="IpmiError.MalformedResponse"/>. Decoding records is not done here.
/// </summary>
public sealed class SdrRepositoryReader
{
    private const ushort FirstRecord = 0x0000;
    private readonly IIpmiChannel _channel;
    private readonly SdrReadOptions _options;

    public SdrRepositoryReader(IIpmiChannel channel, SdrReadOptions? options = null)
    {
        _channel = channel;
        _options = options ?? new SdrReadOptions();
        if (_options.InitialChunkSize is < 1 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.InitialChunkSize, "chunk size must be 1-255");
        }
        ChunkSize = _options.InitialChunkSize;
    }

    /// <summary>The body chunk size currently in use; it only shrinks, and carries over from record to record.</summary>
    public int ChunkSize { get; private set; }

    /// <summary>How many reservations this reader has taken (1 + one per canceled reservation).</summary>
    public int Reservations { get; private set; }

    public static Task<IReadOnlyList<byte[]>> ReadAllAsync(IIpmiChannel channel, CancellationToken cancellationToken) =>
        new SdrRepositoryReader(channel).ReadAllAsync(cancellationToken);

    public async Task<IReadOnlyList<byte[]>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var records = new List<byte[]>();
        var seen = new HashSet<ushort>();
        ushort reservation = await ReserveAsync(cancellationToken).ConfigureAwait(false);
        ushort recordId = FirstRecord;
        while (recordId != RecordChunkResponse.LastRecordId)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(recordId))
            {
                throw IpmiException.Malformed($"SDR record {recordId:X4}h came up twice: the next-record chain loops");
            }
            byte[] record;
            ushort next;
            try
            {
                (record, next, reservation) = await ReadRecordAsync(recordId, reservation, cancellationToken).ConfigureAwait(false);
            }
            catch (IpmiException e) when (e.CompletionCode == CompletionCode.RequestedDataNotPresent && recordId == FirstRecord && records.Count == 0)
            {
                // an empty repository has no first record (CBh)
                break;
            }
            ushort actualId = BinaryPrimitives.ReadUInt16LittleEndian(record);
            if (actualId != recordId && !seen.Add(actualId))
            {
                throw IpmiException.Malformed($"SDR record {actualId:X4}h came up twice: the next-record chain loops");
            }
            records.Add(record);
            recordId = next;
        }
        return records;
    }

    private async Task<(byte[] Record, ushort Next, ushort Reservation)> ReadRecordAsync(ushort recordId, ushort reservation, CancellationToken cancellationToken)
    {
        for (int restarts = 0; ; restarts++)
        {
            var (record, next) = await TryReadRecordAsync(recordId, reservation, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                return (record, next, reservation);
            }
            if (restarts >= _options.MaxReservationRetries)
            {
                throw new IpmiException(IpmiError.CompletionCode,
                    $"Get SDR: reservation canceled {restarts + 1} times while reading record {recordId:X4}h; the SDR repository keeps changing")
                {
                    CompletionCode = CompletionCode.ReservationCanceled,
                };
            }
            reservation = await ReserveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads one record; returns a null record when the reservation was canceled and the record must restart.</summary>
    private async Task<(byte[]? Record, ushort Next)> TryReadRecordAsync(ushort recordId, ushort reservation, CancellationToken cancellationToken)
    {
        var headerCommand = GetChunk(reservation, recordId, 0, GetSdr.HeaderLength);
        var (code, header) = await _channel.TryExecuteAsync(headerCommand, cancellationToken).ConfigureAwait(false);
        if (code == CompletionCode.ReservationCanceled)
        {
            return (null, 0);
        }
        if (header is null)
        {
            throw CommandExchange.Failure(headerCommand, code);
        }
        if (header.Data.Length < GetSdr.HeaderLength)
        {
            throw IpmiException.Malformed($"SDR record {recordId:X4}h header has {header.Data.Length} bytes, expected {GetSdr.HeaderLength}");
        }
        ushort id = BinaryPrimitives.ReadUInt16LittleEndian(header.Data);
        int total = GetSdr.HeaderLength + header.Data[4];
        if (total > 256)
        {
            throw IpmiException.Malformed($"SDR record {id:X4}h claims {total} bytes; offsets past 255 cannot be read");
        }
        var record = new byte[total];
        header.Data.AsSpan(0, GetSdr.HeaderLength).CopyTo(record);
        int offset = GetSdr.HeaderLength;
        while (offset < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int want = Math.Min(ChunkSize, total - offset);
            var command = GetChunk(reservation, id, (byte)offset, (byte)want);
            var (bodyCode, body) = await _channel.TryExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            switch (bodyCode)
            {
                case CompletionCode.Success:
                    if (body!.Data.Length == 0)
                    {
                        throw IpmiException.Malformed($"Get SDR returned no bytes for record {id:X4}h at offset {offset}");
                    }
                    int n = Math.Min(body.Data.Length, total - offset);
                    body.Data.AsSpan(0, n).CopyTo(record.AsSpan(offset));
                    offset += n;
                    break;
                case CompletionCode.ReservationCanceled:
                    return (null, 0);
                case CompletionCode.CannotReturnRequestedBytes or CompletionCode.Unspecified or CompletionCode.RequestDataLengthInvalid:
                    if (want <= 1)
                    {
                        throw CommandExchange.Failure(command, bodyCode);
                    }
                    // BMC quirk (many; IPMB-bridged repositories): a read larger than the BMC's buffer answers CAh,
                    // or FFh/C7h on older firmware → halve the chunk and keep going.
                    ChunkSize = Math.Max(1, want / 2);
                    break;
                default:
                    throw CommandExchange.Failure(command, bodyCode);
            }
        }
        return (record, header.NextRecordId);
    }

    private IIpmiCommand<RecordChunkResponse> GetChunk(ushort reservation, ushort recordId, byte offset, byte count) =>
        _options.DeviceSdr ? new GetDeviceSdr(reservation, recordId, offset, count) : new GetSdr(reservation, recordId, offset, count);

    private async Task<ushort> ReserveAsync(CancellationToken cancellationToken)
    {
        IIpmiCommand<ReservationResponse> reserve = _options.DeviceSdr ? ReserveDeviceSdrRepository.Instance : ReserveSdrRepository.Instance;
        var response = await _channel.ExecuteAsync(reserve, cancellationToken).ConfigureAwait(false);
        Reservations++;
        return response.ReservationId;
    }
}
