using System.IO.Pipelines;
using System.Text;
using Lifeline.Cli.Fleet;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Tests.Fleet;

public sealed class NdjsonReaderTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static async Task<List<FleetLine>> ReadAllAsync(Stream stream, int maxLineBytes = NdjsonReader.DefaultMaxLineBytes)
    {
        var lines = new List<FleetLine>();
        await foreach (var line in NdjsonReader.ReadAsync<FleetLine>(stream, FleetJson.Options, maxLineBytes))
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public async Task LinesSplitAcrossReadsCrlfBlankLinesAndALastLineWithoutNewlineAllParse()
    {
        var text = "{\"node\":\"n1\",\"ok\":true,\"error\":null,\"result\":{\"state\":\"on\"}}\r\n\n" +
                   "{\"node\":\"n2\",\"ok\":false,\"error\":{\"category\":\"timeout\",\"message\":\"no answer\",\"next\":\"check it\"},\"result\":null}";
        var stream = new OneByteAtATimeStream(Encoding.UTF8.GetBytes(text));
        var lines = await ReadAllAsync(stream).WaitAsync(Bound);
        Assert.Equal(["n1", "n2"], lines.Select(l => l.Node));
        Assert.Equal("on", lines[0].Result!.Value.GetProperty("state").GetString());
        Assert.Equal(new FleetError("timeout", "no answer", "check it"), lines[1].Error);
        Assert.Null(lines[1].Result);
    }

    [Fact]
    public async Task EachLineIsYieldedAsSoonAsItIsCompleteWhileTheStreamStaysOpen()
    {
        var pipe = new Pipe();
        await using var enumerator = NdjsonReader.ReadAsync<FleetLine>(pipe.Reader.AsStream(), FleetJson.Options).GetAsyncEnumerator();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("{\"node\":\"n1\",\"ok\":true,\"result\":{}}\n{\"node\":\"n2\""));
        Assert.True(await enumerator.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal("n1", enumerator.Current.Node);

        var second = enumerator.MoveNextAsync().AsTask();
        await Task.Yield();
        Assert.False(second.IsCompleted, "the half line n2 must not be yielded before its newline");
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(",\"ok\":true,\"result\":{}}\n"));
        Assert.True(await second.WaitAsync(Bound));
        Assert.Equal("n2", enumerator.Current.Node);
        await pipe.Writer.CompleteAsync();
        Assert.False(await enumerator.MoveNextAsync().AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task ALineLongerThanTheLimitIsAFormatErrorNotUnboundedMemory()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"node\":\"" + new string('x', 100_000)));
        var error = await Assert.ThrowsAsync<FormatException>(() => ReadAllAsync(stream, maxLineBytes: 64 * 1024).WaitAsync(Bound));
        Assert.Contains("longer than 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALineThatIsNotJsonSaysWhichLine()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"node\":\"n1\",\"ok\":true}\n<html>oops</html>\n"));
        var error = await Assert.ThrowsAsync<FormatException>(() => ReadAllAsync(stream).WaitAsync(Bound));
        Assert.StartsWith("line 2 of the answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyLinesLargerThanTheInitialBufferAllArriveIntact()
    {
        var expected = Enumerable.Range(1, 2000).Select(i => $"node{i:D5}-{new string('y', i % 50)}").ToList();
        var text = string.Concat(expected.Select(n => $"{{\"node\":\"{n}\",\"ok\":true,\"result\":{{}}}}\n"));
        var lines = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))).WaitAsync(Bound);
        Assert.Equal(expected, lines.Select(l => l.Node));
    }

    /// <summary>A stream that hands out one byte per read, to cut lines at every possible place.</summary>
    private sealed class OneByteAtATimeStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
