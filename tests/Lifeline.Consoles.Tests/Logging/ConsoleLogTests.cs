using System.Text;
using Lifeline.Consoles.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Consoles.Tests.Logging;

public sealed class ConsoleLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("lifeline-console-log-").FullName;
    private readonly FakeTimeProvider _clock = new(Start);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ConsoleLog Open(ConsoleLogOptions? options = null) => ConsoleLog.Open(_directory, "node-01", options, _clock);

    private static byte[] Concat(IEnumerable<ConsoleLogRecord> records) => [.. records.SelectMany(r => r.Data.ToArray())];

    [Fact]
    public void MultiByteCharactersAndEscapesSplitAcrossReadsReplayIntact()
    {
        var text = "Grüße 🖥 \u001b[1;32mOK\u001b[0m ✓ Ω\r\nnext line ünï\r\n"u8.ToArray();
        using var log = Open();
        // split at every byte boundary, including inside each multi-byte character and escape
        for (int i = 0; i < text.Length; i++)
        {
            log.Append(text.AsSpan(i, 1));
            _clock.Advance(TimeSpan.FromMilliseconds(3));
        }
        Assert.Equal(text, Concat(log.Replay()));
        var lines = log.Lines().ToList();
        Assert.Equal(["Grüße 🖥 \u001b[1;32mOK\u001b[0m ✓ Ω", "next line ünï"], lines.Select(l => l.Text));
        Assert.Equal(Start, lines[0].Timestamp);
        Assert.Equal(Encoding.UTF8.GetString(log.Recent.Snapshot()), Encoding.UTF8.GetString(text));
    }

    [Fact]
    public void RotationKeepsABoundedNumberOfFilesAndDropsTheOldest()
    {
        var options = new ConsoleLogOptions { MaxFileBytes = 4096, MaxFiles = 3 };
        using var log = Open(options);
        for (int i = 0; i < 200; i++)
        {
            log.Append(Encoding.ASCII.GetBytes($"line {i:D3} {new string('x', 80)}\n"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        var files = Directory.GetFiles(_directory, "node-01.*.clog");
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 4096, $"{f} is {new FileInfo(f).Length} bytes"));
        var lines = log.Lines().Select(l => l.Text).ToList();
        Assert.Equal("line 199 " + new string('x', 80), lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("line 000", StringComparison.Ordinal));
        // what remains is contiguous: no line lost between files
        var numbers = lines.Select(l => int.Parse(l.AsSpan(5, 3), provider: null)).ToList();
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
    }

    [Fact]
    public void ReplayAndGrepHonourSinceAndUntilAcrossRotatedFiles()
    {
        using var log = Open(new ConsoleLogOptions { MaxFileBytes = 1024, MaxFiles = 100 });
        for (int minute = 0; minute < 60; minute++)
        {
            log.Append(Encoding.ASCII.GetBytes($"[{minute:D2}] {(minute % 10 == 7 ? "Kernel panic - not syncing" : "heartbeat")} {new string('.', 40)}\n"));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.True(Directory.GetFiles(_directory, "*.clog").Length > 3);

        var window = log.Lines(Start.AddMinutes(10), Start.AddMinutes(20)).Select(l => l.Text[..4]).ToList();
        Assert.Equal(Enumerable.Range(10, 10).Select(m => $"[{m:D2}]"), window);

        var panics = log.Grep(@"Kernel panic", Start.AddMinutes(20)).Select(l => l.Text[..4]).ToList();
        Assert.Equal(["[27]", "[37]", "[47]", "[57]"], panics);
        // the static reader (another process, the CLI) sees the same
        Assert.Equal(6, ConsoleLog.Search(_directory, "node-01", "panic", null, null).Count());
    }

    [Fact]
    public void AFiveMegabyteLineWithoutNewlineIsStoredWhole()
    {
        var huge = new byte[5 * 1024 * 1024];
        for (int i = 0; i < huge.Length; i++)
        {
            huge[i] = (byte)('a' + i % 26);
        }
        "NEEDLE"u8.CopyTo(huge.AsSpan(4_000_000));
        var options = new ConsoleLogOptions { MaxFileBytes = 64 * 1024 * 1024, RingBufferBytes = 4096 };
        using var log = Open(options);
        for (int offset = 0; offset < huge.Length; offset += 100_000)
        {
            log.Append(huge.AsSpan(offset, Math.Min(100_000, huge.Length - offset)));
        }
        Assert.Equal(huge, Concat(log.Replay()));
        var pieces = log.Lines().ToList();
        Assert.Equal(huge.Length, pieces.Sum(p => p.Data.Length));
        Assert.All(pieces, p => Assert.True(p.Data.Length <= options.MaxLineBytes));
        Assert.True(pieces.Skip(1).All(p => p.Continued));
        Assert.Single(log.Grep("NEEDLE"));
        Assert.Equal(huge.AsSpan(huge.Length - 4096).ToArray(), log.Recent.Snapshot());
    }

    [Fact]
    public void ABinaryFloodRoundTripsAndSearchesStayBounded()
    {
        var random = new Random(5);
        var flood = new byte[3 * 1024 * 1024];
        random.NextBytes(flood);
        using var log = Open(new ConsoleLogOptions { MaxFileBytes = 1024 * 1024, MaxFiles = 10 });
        int offset = 0;
        while (offset < flood.Length)
        {
            int n = Math.Min(random.Next(1, 70_000), flood.Length - offset);
            log.Append(flood.AsSpan(offset, n));
            offset += n;
        }
        Assert.Equal(flood, Concat(log.Replay()));
        // a classic catastrophic-backtracking pattern runs in linear time (or times out per line): it finishes
        var started = DateTime.UtcNow;
        _ = log.Grep("(a+)+$").Count();
        _ = log.Grep(@"(\w+\s?)*\1!").Count(); // a back-reference needs the backtracking engine: bounded by the timeout
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void ALogSurvivesARestartAndACrashTruncatedTail()
    {
        using (var log = Open())
        {
            log.Append("before restart\n"u8);
        }
        var file = Directory.GetFiles(_directory, "*.clog").Single();
        // a crash mid-record: a header promising 1000 bytes, and only 3 of them
        using (var stream = new FileStream(file, FileMode.Append))
        {
            stream.Write([0, 0, 0, 0, 0, 0, 0, 0, 0xE8, 0x03, 0, 0, 1, 2, 3]);
        }
        using (var log = Open())
        {
            Assert.Equal("before restart\n", Encoding.UTF8.GetString(log.Recent.Snapshot()));
            log.Append("after restart\n"u8);
            Assert.Equal(["before restart", "after restart"], log.Lines().Select(l => l.Text));
        }
    }

    [Fact]
    public void AnInvalidPatternOrNodeNameIsAClearError()
    {
        using var log = Open();
        var pattern = Assert.Throws<ArgumentException>(() => log.Grep("(unclosed"));
        Assert.Contains("not a valid regular expression", pattern.Message, StringComparison.Ordinal);
        var node = Assert.Throws<ArgumentException>(() => ConsoleLog.Open(_directory, "../etc/passwd"));
        Assert.Contains("cannot name a console log", node.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRingBufferKeepsTheLastBytesAndNeverStartsMidCharacter()
    {
        var ring = new ConsoleRingBuffer(10);
        ring.Append("abcdefgh"u8);
        ring.Append("é€"u8); // 2 + 3 bytes: 13 in all, so 'a', 'b', 'c' are dropped
        Assert.Equal("defghé€", Encoding.UTF8.GetString(ring.Snapshot()));
        ring.Append("zzzzzz"u8); // drops 'd' to 'h' and the first byte of 'é': its second byte must not lead the snapshot
        Assert.Equal("€zzzzzz", Encoding.UTF8.GetString(ring.Snapshot()));
    }
    [Fact]
    public void FilesOlderThanMaxAgeAreDeletedAtRotationAndTheCurrentOneIsKept()
    {
        var options = new ConsoleLogOptions { MaxFileBytes = 1024, MaxFiles = 1000, MaxAge = TimeSpan.FromDays(2) };
        using (var log = Open(options))
        {
            for (int hour = 0; hour < 24 * 5; hour++)
            {
                log.Append(Encoding.ASCII.GetBytes($"[{hour:D3}] {new string('.', 200)}\n"));
                _clock.Advance(TimeSpan.FromHours(1));
            }
            var oldest = log.Lines().First();
            Assert.True(oldest.Timestamp >= _clock.GetUtcNow() - TimeSpan.FromDays(2) - TimeSpan.FromHours(6),
                $"the oldest kept line is from {oldest.Timestamp}, now is {_clock.GetUtcNow()}");
            Assert.Equal("[119]", log.Lines().Last().Text[..5]);
        }

        // closed and reopened a week later: everything has aged out, and the log starts a fresh file
        _clock.Advance(TimeSpan.FromDays(7));
        using (var log = Open(options))
        {
            Assert.Empty(log.Replay());
            log.Append("after the week\n"u8);
            Assert.Equal(["after the week"], log.Lines().Select(l => l.Text));
            Assert.Single(Directory.GetFiles(_directory, "node-01.*.clog"));
        }
    }

    [Fact]
    public void MaxTotalBytesKeepsDiskUseBoundedByDeletingTheOldestFiles()
    {
        var options = new ConsoleLogOptions { MaxFileBytes = 2048, MaxFiles = 1000, MaxTotalBytes = 10 * 1024 };
        using var log = Open(options);
        for (int i = 0; i < 500; i++)
        {
            log.Append(Encoding.ASCII.GetBytes($"line {i:D3} {new string('x', 80)}\n"));
            _clock.Advance(TimeSpan.FromSeconds(1));
            long total = Directory.GetFiles(_directory, "node-01.*.clog").Sum(f => new FileInfo(f).Length);
            Assert.True(total <= 10 * 1024, $"after line {i} the log holds {total} bytes");
        }
        var numbers = log.Lines().Select(l => int.Parse(l.Text.AsSpan(5, 3), provider: null)).ToList();
        Assert.Equal(499, numbers[^1]);
        Assert.True(numbers[0] > 300, $"the oldest line kept is {numbers[0]}");
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
        Assert.True(Directory.GetFiles(_directory, "node-01.*.clog").Length >= 4);
    }

    [Fact]
    public void MaxTotalBytesSmallerThanOneFileIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Open(new ConsoleLogOptions { MaxFileBytes = 4096, MaxTotalBytes = 1024 }));
        Assert.Contains("MaxTotalBytes", e.Message, StringComparison.Ordinal);
    }
}
