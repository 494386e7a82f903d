namespace Lifeline.Cli.Consoles;

/// <summary>
/// The local terminal as <c>lifeline console</c> uses it: raw byte streams, a status channel (stderr), raw mode and
/// window size. Tests pass pipes and a fake; the real one is <see cref="SystemConsoleTerminal"/>.
/// </summary>
public interface IConsoleTerminal
{
    /// <summary>Keystrokes (stdin).</summary>
    Stream Input { get; }

    /// <summary>Console output, written verbatim (stdout).</summary>
    Stream Output { get; }

    /// <summary>Status lines (stderr).</summary>
    TextWriter Status { get; }

    /// <summary>True when stdin is a terminal: only then is raw mode entered.</summary>
    bool IsInputTerminal { get; }

    /// <summary>The raw-mode switch of the terminal (save, raw, restore).</summary>
    ITtyModes Modes { get; }

    /// <summary>The window size (columns, rows), or null when unknown.</summary>
    (int Columns, int Rows)? Size { get; }

    /// <summary>Calls <paramref name="onResize"/> when the window changes size, until the result is disposed.</summary>
    IDisposable WatchResize(Action onResize);
}

/// <summary>The terminal mode primitives (<c>stty -g</c>, <c>stty raw -echo</c>, <c>stty SAVED</c>).</summary>
public interface ITtyModes
{
    /// <summary>The current settings, to restore later.</summary>
    string Save();

    /// <summary>Raw mode without echo.</summary>
    void MakeRaw();

    /// <summary>Puts back settings from <see cref="Save"/>.</summary>
    void Restore(string saved);
}
