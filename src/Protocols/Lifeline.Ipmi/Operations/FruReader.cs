using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Operations;

public sealed record FruReadOptions
{
    /// <summary>Bytes asked for per Read FRU Data before any shrinking.</summary>
    public int InitialChunkSize { get; init; } = 32;

    /// <summary>How many busy answers in a row (C0h node busy, C3h timeout, 81h FRU device busy) are retried.</summary>
    public int MaxBusyRetries { get; init; } = 5;
}

/// <summary>
/// Reads a whole FRU inventory area as raw bytes (IPMI v2.0 §34): Get FRU Inventory Area Info for the size and access
/// unit, then Read FRU Data in chunks. A chunk that is too large for the BMC (C7h, C8h, CAh, FFh) is halved; a busy
/// answer (C0h, C3h, 81h) is retried after a backoff read from the <see cref="TimeProvider"/>, a bounded number of
/// times. Decoding the image is not done here.
/// </summary>
public sealed class FruReader
{
    private readonly IIpmiChannel _channel;
    private readonly TimeProvider _time;
    private readonly FruReadOptions _options;

    public FruReader(IIpmiChannel channel, TimeProvider? timeProvider = null, FruReadOptions? options = null)
    {
        _channel = channel;
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new FruReadOptions();
        if (_options.InitialChunkSize is < 2 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.InitialChunkSize, "chunk size must be 2-255");
        }
        ChunkSize = _options.InitialChunkSize;
    }

    /// <summary>The chunk size (in bytes) currently in use; it only shrinks.</summary>
    public int ChunkSize { get; private set; }

    /// <summary>Backoff before retrying a busy FRU device: 100 ms, 200 ms, 400 ms ... capped at 1 s (attempt is 1-based).</summary>
    public static TimeSpan BusyBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(1000, 100 * (1 << Math.Clamp(attempt - 1, 0, 4))));

    public async Task<byte[]> ReadAsync(byte fruDeviceId, CancellationToken cancellationToken)
    {
        var info = await _channel.ExecuteAsync(new GetFruInventoryAreaInfo(fruDeviceId), cancellationToken).ConfigureAwait(false);
        bool words = info.AccessByWords;
        int unit = words ? 2 : 1;
        var image = new byte[info.SizeInBytes];
        int offset = 0;
        int busy = 0;
        while (offset < image.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int want = Math.Min(ChunkSize, image.Length - offset);
            int count = Math.Max(1, want / unit);
            var command = new ReadFruData(fruDeviceId, (ushort)(offset / unit), (byte)count);
            var (code, response) = await _channel.TryExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            switch ((byte)code)
            {
                case 0x00:
                    busy = 0;
                    int returned = response!.CountReturned * unit;
                    if (returned == 0)
                    {
                        throw IpmiException.Malformed($"Read FRU Data returned no bytes at offset {offset} of FRU device {fruDeviceId}");
                    }
                    if (response.Data.Length < returned)
                    {
                        throw IpmiException.Malformed($"Read FRU Data claims {returned} bytes but carries {response.Data.Length}");
                    }
                    int n = Math.Min(returned, image.Length - offset);
                    response.Data.AsSpan(0, n).CopyTo(image.AsSpan(offset));
                    offset += n;
                    break;
                case (byte)CompletionCode.RequestDataLengthInvalid:
                case (byte)CompletionCode.RequestDataFieldLengthLimitExceeded:
                case (byte)CompletionCode.CannotReturnRequestedBytes:
                case (byte)CompletionCode.Unspecified:
                    // BMC quirk (OpenIPMI ipmi_sim 2.0.33 and many others): more than the BMC's buffer holds answers
                    // C8h (ipmi_sim: 40h bytes), CAh or C7h → halve the chunk and keep going.
                    if (count * unit <= unit)
                    {
                        throw CommandExchange.Failure(command, code);
                    }
                    ChunkSize = Math.Max(unit, count * unit / 2);
                    break;
                case (byte)CompletionCode.NodeBusy:
                case (byte)CompletionCode.Timeout:
                case ReadFruData.FruDeviceBusy:
                    if (++busy > _options.MaxBusyRetries)
                    {
                        throw CommandExchange.Failure(command, code);
                    }
                    await Task.Delay(BusyBackoff(busy), _time, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw CommandExchange.Failure(command, code);
            }
        }
        return image;
    }
}
