using System.Buffers.Binary;
using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Operations;

/// <summary>The SEL's info and its entries, raw (16 bytes each; decoding is the SEL decoder's job).</summary>
public sealed record SelSnapshot(SelInfoResponse Info, IReadOnlyList<byte[]> Entries);

/// <summary>
/// Entries read after a known record. <see cref="Restarted"/> is true when that record had vanished (the SEL was
/// cleared or rolled over) and the read started again from the first entry.
/// </summary>
public sealed record SelReadResult(IReadOnlyList<byte[]> Entries, bool Restarted)
{
    /// <summary>The record id of the newest entry returned, to resume from next time; null when nothing came back.</summary>
    public ushort? LastRecordId => Entries.Count == 0 ? null : BinaryPrimitives.ReadUInt16LittleEndian(Entries[^1]);
}

public sealed record SelClearOptions
{
    /// <summary>How long the BMC may take to erase before <see cref="SelReader.ClearSelAsync(SelClearOptions?, CancellationToken)"/> gives up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait between erasure status polls.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many times a canceled reservation is replaced while polling.</summary>
    public int MaxReservationRetries { get; init; } = 3;
}

/// <summary>
/// Reads and clears the System Event Log (IPMI v2.0 §31): all entries from 0000h until the next-record id is FFFFh,
/// incremental reads from a known record, and Clear SEL with status polling against a deadline read from a
/// <see cref="TimeProvider"/>. A record id seen twice is a loop and ends with <see cref="IpmiError.MalformedResponse"/>.
/// </summary>
public sealed class SelReader
{
    private readonly IIpmiChannel _channel;
    private readonly TimeProvider _time;

    public SelReader(IIpmiChannel channel, TimeProvider? timeProvider = null)
    {
        _channel = channel;
        _time = timeProvider ?? TimeProvider.System;
    }

    public Task<SelInfoResponse> GetInfoAsync(CancellationToken cancellationToken) =>
        _channel.ExecuteAsync(GetSelInfo.Instance, cancellationToken);

    /// <summary>Info and every entry, oldest first.</summary>
    public async Task<SelSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        var info = await GetInfoAsync(cancellationToken).ConfigureAwait(false);
        if (info.Entries == 0)
        {
            return new SelSnapshot(info, []);
        }
        return new SelSnapshot(info, await ReadFromAsync(GetSelEntry.FirstEntry, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Every entry from <paramref name="firstRecordId"/> (inclusive; 0000h = the first entry) to the last.
    /// An empty SEL asked from 0000h gives an empty list.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> ReadFromAsync(ushort firstRecordId, CancellationToken cancellationToken)
    {
        var entries = new List<byte[]>();
        var seen = new HashSet<ushort>();
        ushort recordId = firstRecordId;
        while (recordId != RecordChunkResponse.LastRecordId)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(recordId))
            {
                throw IpmiException.Malformed($"SEL record {recordId:X4}h came up twice: the next-record chain loops");
            }
            var command = new GetSelEntry(recordId);
            var (code, response) = await _channel.TryExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                if (code == CompletionCode.RequestedDataNotPresent && recordId == GetSelEntry.FirstEntry && entries.Count == 0)
                {
                    break;   // empty SEL
                }
                throw CommandExchange.Failure(command, code);
            }
            var entry = ToEntry(recordId, response.Data);
            ushort actualId = BinaryPrimitives.ReadUInt16LittleEndian(entry);
            if (actualId != recordId && !seen.Add(actualId))
            {
                throw IpmiException.Malformed($"SEL record {actualId:X4}h came up twice: the next-record chain loops");
            }
            entries.Add(entry);
            recordId = response.NextRecordId;
        }
        return entries;
    }

    /// <summary>
    /// The entries added after <paramref name="lastRecordId"/> (exclusive), for polling. When that record no longer
    /// exists (CBh: the SEL was cleared or rolled over) every entry is read again and the result says so.
    /// </summary>
    public async Task<SelReadResult> ReadAfterAsync(ushort lastRecordId, CancellationToken cancellationToken)
    {
        var command = new GetSelEntry(lastRecordId);
        var (code, response) = await _channel.TryExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            if (code == CompletionCode.RequestedDataNotPresent)
            {
                return new SelReadResult(await ReadFromAsync(GetSelEntry.FirstEntry, cancellationToken).ConfigureAwait(false), Restarted: true);
            }
            throw CommandExchange.Failure(command, code);
        }
        if (response.NextRecordId == RecordChunkResponse.LastRecordId)
        {
            return new SelReadResult([], Restarted: false);
        }
        if (response.NextRecordId == lastRecordId)
        {
            throw IpmiException.Malformed($"SEL record {lastRecordId:X4}h names itself as its next record");
        }
        return new SelReadResult(await ReadFromAsync(response.NextRecordId, cancellationToken).ConfigureAwait(false), Restarted: false);
    }

    /// <summary>
    /// Clear SEL (§31.9): reserve, initiate the erase (AAh), then poll the erasure status (00h) every
    /// <see cref="SelClearOptions.PollInterval"/> until the BMC reports "erase completed". Throws
    /// <see cref="IpmiError.Timeout"/> when the erase has not completed by <see cref="SelClearOptions.Timeout"/>.
    /// </summary>
    public async Task ClearSelAsync(SelClearOptions? options, CancellationToken cancellationToken)
    {
        options ??= new SelClearOptions();
        var deadline = _time.GetUtcNow() + options.Timeout;
        ushort reservation = (await _channel.ExecuteAsync(ReserveSel.Instance, cancellationToken).ConfigureAwait(false)).ReservationId;
        var status = await _channel.ExecuteAsync(new ClearSel(reservation, ClearSelAction.InitiateErase), cancellationToken).ConfigureAwait(false);
        int reservationRetries = 0;
        while (!status.Completed)
        {
            if (_time.GetUtcNow() >= deadline)
            {
                throw new IpmiException(IpmiError.Timeout,
                    $"Clear SEL: the BMC was still erasing the SEL {options.Timeout.TotalSeconds:0.#} s after the erase began")
                {
                    MayHaveBeenDelivered = true,
                };
            }
            await Task.Delay(options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            var poll = new ClearSel(reservation, ClearSelAction.GetErasureStatus);
            var (code, response) = await _channel.TryExecuteAsync(poll, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                status = response;
            }
            else if (code == CompletionCode.ReservationCanceled && reservationRetries++ < options.MaxReservationRetries)
            {
                // some BMCs cancel reservations when the erase finishes or another client reserves
                reservation = (await _channel.ExecuteAsync(ReserveSel.Instance, cancellationToken).ConfigureAwait(false)).ReservationId;
            }
            else
            {
                throw CommandExchange.Failure(poll, code);
            }
        }
    }

    public Task ClearSelAsync(CancellationToken cancellationToken) => ClearSelAsync(null, cancellationToken);

    private static byte[] ToEntry(ushort recordId, byte[] data)
    {
        if (data.Length < GetSelEntry.RecordLength)
        {
            throw IpmiException.Malformed($"SEL record {recordId:X4}h has {data.Length} bytes, expected {GetSelEntry.RecordLength}");
        }
        return data.Length == GetSelEntry.RecordLength ? data : data[..GetSelEntry.RecordLength];
    }
}
