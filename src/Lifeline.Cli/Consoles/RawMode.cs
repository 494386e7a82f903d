namespace Lifeline.Cli.Consoles;

/// <summary>
/// Raw mode for the life of one attachment: entered by <see cref="Enter"/>, restored exactly once by
/// <see cref="Dispose"/> or <see cref="Restore"/> — whichever runs first of the normal exit, an exception, Ctrl-C or
/// process exit (the caller registers all of them). Settings are saved before anything changes, so a failure while
/// switching still restores them.
/// </summary>
public sealed class RawMode : IDisposable
{
    private readonly ITtyModes _modes;
    private string? _saved;
    private int _restored;

    private RawMode(ITtyModes modes) => _modes = modes;

    /// <summary>True while the terminal is raw (status lines then need CR LF).</summary>
    public bool IsRaw => _saved is not null && Volatile.Read(ref _restored) == 0;

    /// <summary>Saves the settings and switches to raw; when <paramref name="enabled"/> is false (stdin not a terminal), does nothing.</summary>
    public static RawMode Enter(ITtyModes modes, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(modes);
        var raw = new RawMode(modes);
        if (!enabled)
        {
            return raw;
        }

        raw._saved = modes.Save();
        try
        {
            modes.MakeRaw();
        }
        catch
        {
            raw.Restore();
            throw;
        }

        return raw;
    }

    /// <summary>Restores the saved settings (once; later calls do nothing).</summary>
    public void Restore()
    {
        if (_saved is null || Interlocked.Exchange(ref _restored, 1) != 0)
        {
            return;
        }

        _modes.Restore(_saved);
    }

    public void Dispose() => Restore();
}
