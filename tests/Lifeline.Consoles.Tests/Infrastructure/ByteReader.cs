using Lifeline.Consoles.Sources;

namespace Lifeline.Consoles.Tests.Infrastructure;

/// <summary>Helpers that read from consoles and plain streams until an expected amount or pattern arrived, with a real-time bound.</summary>
public static class ByteReader
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Reads console output until <paramref name="done"/> holds for everything read so far.</summary>
    public static async Task<byte[]> ReadUntilAsync(IConsoleSource source, Func<byte[], bool> done, string what)
    {
        using var cts = new CancellationTokenSource(Deadline);
        var seen = new MemoryStream();
        try
        {
            await foreach (var chunk in source.ReadAllAsync(cts.Token))
            {
                seen.Write(chunk.Span);
                if (done(seen.ToArray()))
                {
                    return seen.ToArray();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException($"{source.Description}: {what} did not arrive; got {seen.Length} bytes: {Convert.ToHexString(seen.ToArray().AsSpan(0, (int)Math.Min(seen.Length, 200)))}");
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes from a plain stream (a pty end), on a worker thread.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Stream stream, int count, string what)
    {
        var buffer = new byte[count];
        var read = Task.Run(() => stream.ReadExactly(buffer));
        try
        {
            await read.WaitAsync(Deadline).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{what}: {count} bytes did not arrive within {Deadline.TotalSeconds} s", e);
        }
        return buffer;
    }

    public static bool EndsWith(byte[] seen, byte[] expected) => seen.AsSpan().EndsWith(expected);

    public static bool Contains(byte[] seen, byte[] expected) => seen.AsSpan().IndexOf(expected) >= 0;
}
