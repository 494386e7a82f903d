using System.Text;
using System.Text.RegularExpressions;

namespace Lifeline.Consoles.Logging;

/// <summary>
/// A node's console log: every byte of console output appended with its arrival time (see <see cref="ConsoleLogFiles"/>
/// for the format), rotated by size into a bounded number of files, with replay and regex search across them, and an
/// in-memory ring of recent output for newcomers. One writer per node (the hub); readers may run concurrently and
/// from other processes (<see cref="Open"/> is not needed to read: use the static <see cref="ReadRecords"/> etc.).
/// </summary>
public sealed class ConsoleLog : IDisposable
{
    private readonly string _directory;
    private readonly string _node;
    private readonly ConsoleLogOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly byte[] _header = new byte[ConsoleLogFiles.HeaderSize];
    private FileStream _current;
    private long _sequence;
    private DateTimeOffset _nextAgeCheck;
    private bool _disposed;

    private ConsoleLog(string directory, string node, ConsoleLogOptions options, TimeProvider timeProvider, FileStream current, long sequence)
    {
        _directory = directory;
        _node = node;
        _options = options;
        _timeProvider = timeProvider;
        _current = current;
        _sequence = sequence;
        Recent = new ConsoleRingBuffer(options.RingBufferBytes);
    }

    /// <summary>The most recent output (bounded by <see cref="ConsoleLogOptions.RingBufferBytes"/>), primed from disk on open.</summary>
    public ConsoleRingBuffer Recent { get; }

    public string Node => _node;

    /// <summary>Opens (or creates) the log of <paramref name="node"/> in <paramref name="directory"/> for appending.</summary>
    public static ConsoleLog Open(string directory, string node, ConsoleLogOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ConsoleLogFiles.ValidateNode(node);
        options ??= new ConsoleLogOptions();
        options.Validate();
        Directory.CreateDirectory(directory);
        timeProvider ??= TimeProvider.System;
        var files = ConsoleLogFiles.List(directory, node);
        long sequence = files.Count == 0 ? 1 : files[^1].Sequence;
        if (options.MaxAge is { } maxAge && files.Count > 0
            && ConsoleLogFiles.LastTimestamp(files[^1].Path, options.MaxRecordBytes) is { } newest && newest < timeProvider.GetUtcNow() - maxAge)
        {
            sequence++; // the newest file is past its age: start a fresh one so it can be deleted
        }
        string path = ConsoleLogFiles.FileName(directory, node, sequence);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete);
        try
        {
            // a record cut short by a crash would end the readable part of the file: trim it before appending
            long valid = ConsoleLogFiles.ValidLength(path, options.MaxRecordBytes);
            stream.SetLength(valid);
            stream.Seek(valid, SeekOrigin.Begin);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        var log = new ConsoleLog(directory, node, options, timeProvider, stream, sequence);
        log.Prune(timeProvider.GetUtcNow());
        log.PrimeRecent(ConsoleLogFiles.List(directory, node));
        return log;
    }

    private void PrimeRecent(List<(long Sequence, string Path)> files)
    {
        long wanted = _options.RingBufferBytes;
        var tail = new List<ConsoleLogRecord>();
        for (int i = files.Count - 1; i >= 0 && wanted > 0; i--)
        {
            var records = ConsoleLogFiles.ReadFile(files[i].Path, null, null, _options.MaxRecordBytes, CancellationToken.None).ToList();
            for (int r = records.Count - 1; r >= 0 && wanted > 0; r--)
            {
                tail.Add(records[r]);
                wanted -= records[r].Data.Length;
            }
        }
        for (int i = tail.Count - 1; i >= 0; i--)
        {
            Recent.Append(tail[i].Data.Span);
        }
    }

    /// <summary>Appends console output as it arrived (any bytes, any split), stamped with the current time.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetUtcNow();
            Recent.Append(data);
            while (!data.IsEmpty)
            {
                var piece = data[..Math.Min(data.Length, _options.MaxRecordBytes)];
                data = data[piece.Length..];
                if (_current.Length > 0 && _current.Length + ConsoleLogFiles.HeaderSize + piece.Length > _options.MaxFileBytes)
                {
                    Rotate();
                }
                ConsoleLogFiles.WriteHeader(_header, now, piece.Length);
                _current.Write(_header);
                _current.Write(piece);
            }
            _current.Flush();
            if (_options.MaxAge is not null && now >= _nextAgeCheck)
            {
                Prune(now);
            }
        }
    }

    private void Rotate()
    {
        _current.Flush();
        _current.Dispose();
        _sequence++;
        _current = new FileStream(ConsoleLogFiles.FileName(_directory, _node, _sequence), FileMode.Create, FileAccess.Write,
            FileShare.Read | FileShare.Delete);
        Prune(_timeProvider.GetUtcNow());
    }

    /// <summary>
    /// Deletes the files past <see cref="ConsoleLogOptions.MaxFiles"/>, older than <see cref="ConsoleLogOptions.MaxAge"/>,
    /// and the oldest ones until the rest plus a full current file fit <see cref="ConsoleLogOptions.MaxTotalBytes"/>.
    /// The current file is never deleted.
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        _nextAgeCheck = now + TimeSpan.FromHours(1);
        var older = ConsoleLogFiles.List(_directory, _node).Where(f => f.Sequence != _sequence).Select(f => f.Path).ToList();
        var keep = new List<(string Path, long Length)>();
        for (int i = 0; i < older.Count; i++)
        {
            bool tooMany = older.Count - i >= _options.MaxFiles; // the current file counts as one
            bool tooOld = _options.MaxAge is { } maxAge
                && ConsoleLogFiles.LastTimestamp(older[i], _options.MaxRecordBytes) is { } newest && newest < now - maxAge;
            if (tooMany || tooOld)
            {
                TryDelete(older[i]);
            }
            else
            {
                keep.Add((older[i], FileLength(older[i])));
            }
        }
        if (_options.MaxTotalBytes is { } maxTotal)
        {
            long total = keep.Sum(f => f.Length) + _options.MaxFileBytes;
            for (int i = 0; i < keep.Count && total > maxTotal; i++)
            {
                TryDelete(keep[i].Path);
                total -= keep[i].Length;
            }
        }
    }

    private static long FileLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // tried again at the next rotation
        }
    }

    /// <summary>The records of this node in [since, until), oldest first, across all its files.</summary>
    public IEnumerable<ConsoleLogRecord> Replay(DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        ReadRecords(_directory, _node, since, until, _options, cancellationToken);

    /// <summary>The lines whose first byte arrived in [since, until).</summary>
    public IEnumerable<ConsoleLogLine> Lines(DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        ReadLines(_directory, _node, since, until, _options, cancellationToken);

    /// <summary>The lines in [since, until) that match <paramref name="pattern"/>.</summary>
    public IEnumerable<ConsoleLogLine> Grep(string pattern, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        Search(_directory, _node, pattern, since, until, _options, cancellationToken);

    /// <inheritdoc cref="Replay"/>
    public static IEnumerable<ConsoleLogRecord> ReadRecords(string directory, string node, DateTimeOffset? since, DateTimeOffset? until,
        ConsoleLogOptions? options = null, CancellationToken cancellationToken = default)
    {
        ConsoleLogFiles.ValidateNode(node);
        options ??= new ConsoleLogOptions();
        foreach (var (_, path) in ConsoleLogFiles.List(directory, node))
        {
            foreach (var record in ConsoleLogFiles.ReadFile(path, since, until, options.MaxRecordBytes, cancellationToken))
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc cref="Lines"/>
    public static IEnumerable<ConsoleLogLine> ReadLines(string directory, string node, DateTimeOffset? since, DateTimeOffset? until,
        ConsoleLogOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConsoleLogOptions();
        var line = new MemoryStream();
        DateTimeOffset lineStart = default;
        bool continued = false;
        foreach (var record in ReadRecords(directory, node, since, until, options, cancellationToken))
        {
            var rest = record.Data;
            while (!rest.IsEmpty)
            {
                if (line.Length == 0)
                {
                    lineStart = record.Timestamp;
                }
                int newline = rest.Span.IndexOf((byte)'\n');
                int room = options.MaxLineBytes - (int)line.Length;
                if (newline >= 0 && newline <= room)
                {
                    line.Write(rest.Span[..newline]);
                    rest = rest[(newline + 1)..];
                    yield return MakeLine(lineStart, line, continued);
                    continued = false;
                    continue;
                }
                int take = Math.Min(rest.Length, room);
                line.Write(rest.Span[..take]);
                rest = rest[take..];
                if (line.Length >= options.MaxLineBytes)
                {
                    // a line longer than the limit (megabytes without a newline) is handed out in pieces
                    yield return MakeLine(lineStart, line, continued);
                    continued = true;
                }
            }
        }
        if (line.Length > 0)
        {
            yield return MakeLine(lineStart, line, continued);
        }
    }

    private static ConsoleLogLine MakeLine(DateTimeOffset timestamp, MemoryStream line, bool continued)
    {
        var bytes = line.ToArray();
        line.SetLength(0);
        int textLength = bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes.Length - 1 : bytes.Length;
        return new ConsoleLogLine(timestamp, bytes, Encoding.UTF8.GetString(bytes, 0, textLength), continued);
    }

    /// <inheritdoc cref="Grep"/>
    public static IEnumerable<ConsoleLogLine> Search(string directory, string node, string pattern, DateTimeOffset? since, DateTimeOffset? until,
        ConsoleLogOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConsoleLogOptions();
        var regex = CompileSearch(pattern, options.RegexTimeout);
        return SearchCore(regex, ReadLines(directory, node, since, until, options, cancellationToken));
    }

    /// <summary>
    /// Compiles a search pattern: linear-time (NonBacktracking) when the pattern allows it, else the backtracking engine,
    /// always with a match timeout, so hostile console output cannot stall a search.
    /// </summary>
    public static Regex CompileSearch(string pattern, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, timeout);
        }
        catch (NotSupportedException)
        {
            // back-references and look-arounds need the backtracking engine; the timeout bounds it
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{pattern}' is not a valid regular expression ({e.Message}); fix the pattern", nameof(pattern), e);
        }
        return new Regex(pattern, RegexOptions.CultureInvariant, timeout);
    }

    private static IEnumerable<ConsoleLogLine> SearchCore(Regex regex, IEnumerable<ConsoleLogLine> lines)
    {
        foreach (var line in lines)
        {
            bool match;
            try
            {
                match = regex.IsMatch(line.Text);
            }
            catch (RegexMatchTimeoutException)
            {
                match = false; // a pathological line is skipped, not searched forever
            }
            if (match)
            {
                yield return line;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _current.Dispose();
        }
    }
}
