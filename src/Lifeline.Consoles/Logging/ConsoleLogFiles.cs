using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lifeline.Consoles.Logging;

/// <summary>
/// The on-disk form of a node's console log. Files are <c>NODE.NNNNNN.clog</c> in one directory, numbered upwards; each
/// is a sequence of records
/// <code>
///  0      8        12
/// +------+--------+------------------+
/// | time | length | bytes (verbatim) |
/// +------+--------+------------------+
///  int64 LE Unix milliseconds; int32 LE length
/// </code>
/// Console bytes are stored untouched, so multi-byte UTF-8 and escape sequences split across reads stay intact; a
/// record cut short by a crash ends that file's readable part and is trimmed when the log is opened again.
/// </summary>
internal static partial class ConsoleLogFiles
{
    public const int HeaderSize = 12;
    public const string Extension = ".clog";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex NodeNamePattern();

    public static void ValidateNode(string node)
    {
        if (node is null || !NodeNamePattern().IsMatch(node))
        {
            throw new ArgumentException($"'{node}' cannot name a console log: use letters, digits, '.', '_' and '-' (starting with a letter or digit)", nameof(node));
        }
    }

    public static string FileName(string directory, string node, long sequence) =>
        Path.Combine(directory, $"{node}.{sequence.ToString("D6", CultureInfo.InvariantCulture)}{Extension}");

    /// <summary>The node's files, oldest first, with their sequence numbers.</summary>
    public static List<(long Sequence, string Path)> List(string directory, string node)
    {
        var files = new List<(long, string)>();
        if (!Directory.Exists(directory))
        {
            return files;
        }
        string prefix = node + ".";
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*" + Extension))
        {
            string name = Path.GetFileName(path);
            string middle = name[prefix.Length..^Extension.Length];
            if (middle.Length > 0 && middle.All(char.IsAsciiDigit) && long.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out long sequence))
            {
                files.Add((sequence, path));
            }
        }
        files.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return files;
    }

    public static void WriteHeader(Span<byte> header, DateTimeOffset timestamp, int length)
    {
        BinaryPrimitives.WriteInt64LittleEndian(header, timestamp.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], length);
    }

    /// <summary>
    /// Reads the records of one file whose time lies in [since, until). Stops quietly at a truncated or implausible
    /// record (a crash mid-write, or the writer still writing it). <paramref name="validEnd"/> is where that happened.
    /// </summary>
    public static IEnumerable<ConsoleLogRecord> ReadFile(string path, DateTimeOffset? since, DateTimeOffset? until, int maxRecordBytes,
        CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        }
        catch (FileNotFoundException)
        {
            yield break; // rotated away between listing and opening
        }
        using (stream)
        {
            var header = new byte[HeaderSize];
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
                {
                    yield break;
                }
                long ms = BinaryPrimitives.ReadInt64LittleEndian(header);
                int length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
                if (length < 0 || length > maxRecordBytes || stream.Position + length > stream.Length)
                {
                    yield break;
                }
                var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                if ((since is { } s && timestamp < s) || (until is { } u && timestamp >= u))
                {
                    stream.Seek(length, SeekOrigin.Current);
                    continue;
                }
                var data = new byte[length];
                stream.ReadExactly(data);
                yield return new ConsoleLogRecord(timestamp, data);
            }
        }
    }

    /// <summary>The time of the newest whole record of a file (headers only are read), or null when it holds none.</summary>
    public static DateTimeOffset? LastTimestamp(string path, int maxRecordBytes)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        using (stream)
        {
            var header = new byte[HeaderSize];
            DateTimeOffset? last = null;
            while (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) == HeaderSize)
            {
                int length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
                if (length < 0 || length > maxRecordBytes || stream.Position + length > stream.Length)
                {
                    break;
                }
                last = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(header));
                stream.Seek(length, SeekOrigin.Current);
            }
            return last;
        }
    }

    /// <summary>The length of the readable prefix of a file (whole records only).</summary>
    public static long ValidLength(string path, int maxRecordBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[HeaderSize];
        long valid = 0;
        while (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) == HeaderSize)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            if (length < 0 || length > maxRecordBytes || stream.Position + length > stream.Length)
            {
                break;
            }
            stream.Seek(length, SeekOrigin.Current);
            valid = stream.Position;
        }
        return valid;
    }
}
