namespace Lifeline.Cli.Consoles;

/// <summary>What the operator asked for with the escape sequence (Ctrl-E c, then a key).</summary>
public enum EscapeCommand
{
    /// <summary><c>.</c>: leave the console.</summary>
    Disconnect,

    /// <summary><c>b</c>: send a serial break.</summary>
    Break,

    /// <summary><c>w</c>: ask for the writer seat.</summary>
    Writer,

    /// <summary><c>f</c>: take the writer seat from whoever holds it.</summary>
    ForceWriter,

    /// <summary><c>s</c>: give up the writer seat (read only).</summary>
    Spy,

    /// <summary><c>r</c>: replay the last lines of output.</summary>
    Replay,

    /// <summary><c>?</c>: show the escape commands.</summary>
    Help,

    /// <summary><c>p</c>: the power menu is open (the next key picks the action).</summary>
    PowerMenu,

    /// <summary>A power action was picked (see <see cref="EscapeEvent.PowerAction"/>).</summary>
    Power,

    /// <summary>A key that means nothing after Ctrl-E c (or in the power menu): nothing happens.</summary>
    Unknown,
}

/// <summary>One result of feeding keystrokes: bytes for the console, or a command.</summary>
/// <param name="Data">Bytes to send to the console (only when <paramref name="Command"/> is null).</param>
/// <param name="Command">The command, or null for plain data.</param>
/// <param name="PowerAction">For <see cref="EscapeCommand.Power"/>: on, off, cycle or reset.</param>
public readonly record struct EscapeEvent(byte[] Data, EscapeCommand? Command, string? PowerAction = null)
{
    public static EscapeEvent Bytes(byte[] data) => new(data, null);

    public static EscapeEvent Of(EscapeCommand command, string? powerAction = null) => new([], command, powerAction);
}

/// <summary>
/// The escape sequence of <c>lifeline console</c> as a pure state machine: Ctrl-E then <c>c</c> then a command key
/// (<c>. b w f s r p ?</c>; <c>p</c> opens the power menu: <c>1</c> on, <c>0</c> off, <c>c</c> cycle, <c>r</c> reset).
/// Ctrl-E Ctrl-E sends one literal Ctrl-E; Ctrl-E followed by anything else sends both bytes, so a stray Ctrl-E is not
/// swallowed. No I/O: the caller feeds bytes and acts on the events.
/// </summary>
public sealed class EscapeParser
{
    /// <summary>Ctrl-E, the escape key.</summary>
    public const byte EscapeByte = 0x05;

    private State _state;

    private enum State
    {
        Normal,
        AfterEscape,
        Command,
        Power,
    }

    /// <summary>True while a sequence is half typed (Ctrl-E seen, a command or power key awaited).</summary>
    public bool Pending => _state != State.Normal;

    /// <summary>Feeds keystrokes; returns the data runs and commands in order.</summary>
    public IReadOnlyList<EscapeEvent> Feed(ReadOnlySpan<byte> input)
    {
        var events = new List<EscapeEvent>();
        var data = new List<byte>();
        foreach (byte b in input)
        {
            switch (_state)
            {
                case State.Normal:
                    if (b == EscapeByte)
                    {
                        _state = State.AfterEscape;
                    }
                    else
                    {
                        data.Add(b);
                    }

                    break;

                case State.AfterEscape:
                    if (b == (byte)'c')
                    {
                        _state = State.Command;
                    }
                    else
                    {
                        _state = State.Normal;
                        data.Add(EscapeByte);
                        if (b != EscapeByte)
                        {
                            data.Add(b);
                        }
                    }

                    break;

                case State.Command:
                    Flush(events, data);
                    _state = State.Normal;
                    var command = (char)b switch
                    {
                        '.' => EscapeCommand.Disconnect,
                        'b' => EscapeCommand.Break,
                        'w' => EscapeCommand.Writer,
                        'f' => EscapeCommand.ForceWriter,
                        's' => EscapeCommand.Spy,
                        'r' => EscapeCommand.Replay,
                        '?' => EscapeCommand.Help,
                        'p' => EscapeCommand.PowerMenu,
                        _ => EscapeCommand.Unknown,
                    };
                    if (command == EscapeCommand.PowerMenu)
                    {
                        _state = State.Power;
                    }

                    events.Add(EscapeEvent.Of(command));
                    break;

                case State.Power:
                    Flush(events, data);
                    _state = State.Normal;
                    string? action = (char)b switch
                    {
                        '1' => "on",
                        '0' => "off",
                        'c' => "cycle",
                        'r' => "reset",
                        _ => null,
                    };
                    events.Add(action is null ? EscapeEvent.Of(EscapeCommand.Unknown) : EscapeEvent.Of(EscapeCommand.Power, action));
                    break;
            }
        }

        Flush(events, data);
        return events;
    }

    /// <summary>The help text for <c>Ctrl-E c ?</c>.</summary>
    public static readonly string[] HelpLines =
    [
        "escape: Ctrl-E c then:",
        "  .  disconnect          b  send break",
        "  w  become writer       f  force writer (take over)",
        "  s  spy (read only)     r  replay the last 50 lines",
        "  p  power menu (1 on, 0 off, c cycle, r reset)",
        "  ?  this help           Ctrl-E Ctrl-E sends one Ctrl-E",
    ];

    private static void Flush(List<EscapeEvent> events, List<byte> data)
    {
        if (data.Count > 0)
        {
            events.Add(EscapeEvent.Bytes([.. data]));
            data.Clear();
        }
    }
}
