using System.Text;

namespace Lifeline.Fleet.Inventory;

/// <summary>Reads an uploaded inventory file with a size cap, so a huge upload costs at most the cap.</summary>
internal static class InventoryInput
{
    /// <summary>The largest inventory file accepted: ample for 100,000 nodes (about 300 bytes each).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<string> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > maxBytes)
            {
                throw TooBig(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (bytes.StartsWith(Encoding.UTF8.Preamble))
            {
                bytes = bytes[3..];
            }

            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InventoryImportException("the file is not UTF-8 text; save it as UTF-8 and import it again");
        }
    }

    public static void CheckLength(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxBytes)
        {
            throw TooBig(maxBytes);
        }
    }

    private static InventoryImportException TooBig(int maxBytes) =>
        new($"the file is larger than {maxBytes / (1024 * 1024)} MiB; split the inventory into several imports");
}
