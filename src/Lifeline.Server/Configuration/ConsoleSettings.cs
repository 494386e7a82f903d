namespace Lifeline.Server.Configuration;

/// <summary>The <c>Lifeline:Consoles</c> section: the console hub of this service.</summary>
public sealed class ConsoleSettings
{
    /// <summary>Keep the inventory's consoles (false: no console is connected and the endpoints answer 404).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Record what console writers type in the audit (<c>console.keystrokes</c>). Off by default. WARNING: keystrokes
    /// include passwords typed at login prompts; with this on, the audit holds secrets and must be protected as such.
    /// </summary>
    public bool RecordKeystrokes { get; set; }

    /// <summary>Frames queued per WebSocket viewer before it is dropped as too slow.</summary>
    public int ViewerQueueFrames { get; set; } = 1024;

    /// <summary>The longest wait between reconnect attempts of a console.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes per console log file and files kept per node (disk use per node is their product).</summary>
    public long LogFileBytes { get; set; } = 16 * 1024 * 1024;

    public int LogFiles { get; set; } = 8;

    /// <summary>Console log files whose newest record is older than this are deleted (null: kept until rotated out).</summary>
    public TimeSpan? LogMaxAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The most bytes of console logs kept per node, oldest files deleted first (null: LogFileBytes × LogFiles).</summary>
    public long? LogMaxTotalBytes { get; set; }

    /// <summary>Take over a SOL payload that is already active (usually a stale session of a dead client).</summary>
    public bool SolTakeOver { get; set; } = true;

    /// <summary>
    /// Pattern-watch rules added to the built-in ones (kernel-panic, call-trace, mce, login-failures); a rule named like a
    /// built-in one replaces it.
    /// </summary>
    public IList<ConsolePatternSettings> Patterns { get; } = [];

    /// <summary>Keep the built-in rules beside <see cref="Patterns"/> (false: only the configured rules).</summary>
    public bool DefaultPatterns { get; set; } = true;
}
