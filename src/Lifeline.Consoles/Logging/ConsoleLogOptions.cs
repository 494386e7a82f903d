namespace Lifeline.Consoles.Logging;

/// <summary>
/// Limits of a node's console log: disk use is bounded by <see cref="MaxFileBytes"/> × <see cref="MaxFiles"/>, and
/// further by <see cref="MaxTotalBytes"/> and <see cref="MaxAge"/> when set.
/// </summary>
public sealed record ConsoleLogOptions
{
    /// <summary>A file is rotated before it would grow past this.</summary>
    public long MaxFileBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many files (the current one included) are kept; the oldest is deleted past this.</summary>
    public int MaxFiles { get; init; } = 8;

    /// <summary>
    /// When set, files whose newest record is older than this are deleted when the log is opened, at each rotation and
    /// at most hourly while appending. The file being written is kept while it receives output.
    /// </summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>
    /// When set, the node's files together stay within this many bytes: at each rotation (and on open) the oldest files
    /// are deleted until the kept ones plus a full new file fit. At least <see cref="MaxFileBytes"/>.
    /// </summary>
    public long? MaxTotalBytes { get; init; }

    /// <summary>The recent output kept in memory for a newcomer's first screen.</summary>
    public int RingBufferBytes { get; init; } = 64 * 1024;

    /// <summary>A chunk larger than this is stored as several records (each with the same timestamp).</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024;

    /// <summary>A line longer than this is searched in pieces of this size (a megabyte-long line cannot stall a grep).</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>The longest one regular-expression match may take before the line is skipped.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    internal void Validate()
    {
        if (MaxFileBytes < 1024 || MaxFiles < 1 || RingBufferBytes < 0 || MaxRecordBytes < 1 || MaxLineBytes < 1 || RegexTimeout <= TimeSpan.Zero
            || MaxAge <= TimeSpan.Zero || MaxTotalBytes < MaxFileBytes)
        {
            throw new ArgumentException("console log limits: MaxFileBytes ≥ 1 KB, MaxFiles ≥ 1, RingBufferBytes ≥ 0, MaxRecordBytes, MaxLineBytes and RegexTimeout > 0, MaxAge > 0 and MaxTotalBytes ≥ MaxFileBytes when set");
        }
    }
}
