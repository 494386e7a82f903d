using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Lifeline.Cli.Fleet;

/// <summary>
/// Reads newline-delimited JSON from a stream and yields each object as soon as its line is complete: the answer is
/// never buffered as a whole, so a slow node (or a stalled service) never hides the lines already received.
/// </summary>
public static class NdjsonReader
{
    /// <summary>The longest line accepted (a node's inventory is a few KiB).</summary>
    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;

    /// <exception cref="FormatException">A line is not JSON of <typeparamref name="T"/>, or longer than <paramref name="maxLineBytes"/>.</exception>
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream stream,
        JsonSerializerOptions options,
        int maxLineBytes = DefaultMaxLineBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        byte[] buffer = new byte[16 * 1024];
        int start = 0;
        int end = 0;
        int scanned = 0;
        int lineNumber = 0;
        while (true)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', scanned, end - scanned);
            if (newline >= 0)
            {
                lineNumber++;
                var line = Trim(buffer.AsMemory(start, newline - start));
                start = scanned = newline + 1;
                if (!line.IsEmpty)
                {
                    yield return Parse<T>(line.Span, options, lineNumber);
                }

                continue;
            }

            scanned = end;
            if (end - start > maxLineBytes)
            {
                throw new FormatException($"line {lineNumber + 1} of the answer is longer than {maxLineBytes} bytes");
            }

            if (end == buffer.Length)
            {
                // Make room: drop consumed bytes first, grow only when one line fills the buffer.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    scanned -= start;
                    start = 0;
                }
                else
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            int read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                var rest = Trim(buffer.AsMemory(start, end - start));
                if (!rest.IsEmpty)
                {
                    yield return Parse<T>(rest.Span, options, lineNumber + 1);
                }

                yield break;
            }

            end += read;
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        int length = span.Length;
        while (length > 0 && span[length - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        return line[..length];
    }

    private static T Parse<T>(ReadOnlySpan<byte> line, JsonSerializerOptions options, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, options)
                ?? throw new FormatException($"line {lineNumber} of the answer is null, not an object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"line {lineNumber} of the answer is not the JSON expected: {e.Message}", e);
        }
    }
}
