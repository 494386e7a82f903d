using System.Globalization;
using System.Text;

namespace Lifeline.Simulator.Model;

/// <summary>Per-node strings the console scripts substitute for their {tokens}.</summary>
internal sealed record ConsoleContext(string Host, VendorProfile Vendor, string HostMac, string HostIp, string BmcIp, string BmcMac);

/// <summary>What the console asks the model to do after input.</summary>
internal enum ConsoleAction
{
    None,

    /// <summary>The OS was told to power off (like an ACPI soft-off).</summary>
    OsPowerOff,

    /// <summary>The OS was told to reboot: the shutdown script runs, then <see cref="ConsoleMilestone.RebootNow"/>.</summary>
    OsReboot,

    /// <summary>SysRq-b: reset at once.</summary>
    ImmediateReboot,

    /// <summary>SysRq-o: power off at once.</summary>
    ImmediatePowerOff,
}

/// <summary>
/// The host's serial console: a scripted boot emitted line by line as model time passes, a getty that accepts any
/// login, and a shell that knows a handful of commands. No thread: <see cref="BmcModel"/> calls
/// <see cref="EmitDue"/> for each line whose time has come. Not thread-safe (the model's lock covers it).
/// </summary>
internal sealed class HostConsole
{
    private const int MaxLine = 256;

    private readonly ConsoleRing _ring;
    private readonly ConsoleContext _context;
    private readonly StringBuilder _line = new();
    private ConsoleLine[]? _script;
    private int _next;
    private DateTimeOffset _scriptStart;
    private DateTimeOffset _kernelStart;
    private string _bootMode = "UEFI";
    private string _user = "";
    private bool _lastWasCr;
    private bool _sysRqArmed;

    public HostConsole(int bufferBytes, ConsoleContext context)
    {
        _ring = new ConsoleRing(bufferBytes);
        _context = context;
    }

    public HostStage Stage { get; private set; } = HostStage.Off;

    public long Start => _ring.Start;

    public long End => _ring.End;

    /// <summary>When the next scripted line is due; <see cref="DateTimeOffset.MaxValue"/> when none is.</summary>
    public DateTimeOffset NextDue =>
        _script is null ? DateTimeOffset.MaxValue : _scriptStart + TimeSpan.FromSeconds(_script[_next].At);

    /// <summary>An OS is up that can take an NMI, a soft-off request or a login.</summary>
    public bool OsRunning => Stage is HostStage.Kernel or HostStage.Userspace or HostStage.Login or HostStage.Password
        or HostStage.Shell;

    public ConsoleRead Read(long position, Span<byte> destination) => _ring.Read(position, destination);

    /// <summary>A node built powered on: its OS has been up for <paramref name="uptime"/> and sits at the
    /// login prompt, which (as on a real console) shows once someone presses Enter.</summary>
    public void AssumeRunning(DateTimeOffset now, TimeSpan uptime)
    {
        _kernelStart = now - uptime;
        SetStage(HostStage.Login);
    }

    public void StartBoot(DateTimeOffset at, BootPath path, bool efi)
    {
        _bootMode = efi ? "UEFI" : "Legacy";
        StartScript(at, ConsoleScripts.Boot(path));
        SetStage(HostStage.Firmware);
    }

    public void StartShutdown(DateTimeOffset at, TimeSpan duration, bool reboot)
    {
        StartScript(at, ConsoleScripts.Shutdown(duration.TotalSeconds, reboot));
        SetStage(HostStage.ShuttingDown);
    }

    public void PowerOff()
    {
        _script = null;
        SetStage(HostStage.Off);
    }

    /// <summary>Emits the next scripted line (its time has come) and returns what the model must do about it.</summary>
    public ConsoleMilestone EmitDue()
    {
        var line = _script![_next];
        var at = _scriptStart + TimeSpan.FromSeconds(line.At);
        if (++_next == _script.Length)
        {
            _script = null;
        }
        if (line.Stage is { } stage)
        {
            if (stage == HostStage.Kernel)
            {
                _kernelStart = at;
            }
            SetStage(stage);
        }
        if (line.KernelTimestamp)
        {
            WriteKernelStamp(at);
        }
        WriteText(line.Text);
        if (line.NewLine)
        {
            WriteText("\r\n");
        }
        return line.Milestone;
    }

    public void Panic(DateTimeOffset at, string[] lines)
    {
        _script = null;
        WriteText("\r\n");
        foreach (var text in lines)
        {
            WriteKernelStamp(at);
            WriteText(text);
            WriteText("\r\n");
        }
        SetStage(HostStage.Panicked);
    }

    /// <summary>Lines the kernel prints (each with its timestamp), without changing the stage: an MCE report.</summary>
    public void KernelLines(DateTimeOffset at, IEnumerable<string> lines)
    {
        foreach (var text in lines)
        {
            WriteKernelStamp(at);
            WriteText(text);
            WriteText("\r\n");
        }
    }

    /// <summary>Raw text as it is (log floods); no token substitution.</summary>
    public void Raw(ReadOnlySpan<byte> bytes) => _ring.Write(bytes);

    /// <summary>A serial break: on Linux the next character is a SysRq command.</summary>
    public void Break()
    {
        if (OsRunning)
        {
            _sysRqArmed = true;
        }
    }

    public ConsoleAction Input(DateTimeOffset now, ReadOnlySpan<byte> bytes)
    {
        var action = ConsoleAction.None;
        foreach (byte b in bytes)
        {
            if (_sysRqArmed)
            {
                _sysRqArmed = false;
                action = SysRq(now, b);
                if (action != ConsoleAction.None)
                {
                    return action;
                }
                continue;
            }
            if (Stage is not (HostStage.Login or HostStage.Password or HostStage.Shell))
            {
                continue; // nobody reads the serial line during POST, boot or shutdown
            }
            bool wasCr = _lastWasCr;
            _lastWasCr = b == '\r';
            switch (b)
            {
                case (byte)'\n' when wasCr:
                    break;
                case (byte)'\r' or (byte)'\n':
                    action = Enter(now);
                    if (action != ConsoleAction.None)
                    {
                        return action;
                    }
                    break;
                case 0x7F or 0x08:
                    if (_line.Length > 0)
                    {
                        _line.Length--;
                        if (Stage != HostStage.Password)
                        {
                            WriteText("\b \b");
                        }
                    }
                    break;
                case 0x03: // Ctrl-C
                    _line.Clear();
                    WriteText("^C\r\n");
                    Prompt();
                    break;
                case 0x04 when Stage == HostStage.Shell && _line.Length == 0: // Ctrl-D
                    Logout();
                    break;
                case >= 0x20 and < 0x7F:
                    if (_line.Length < MaxLine)
                    {
                        _line.Append((char)b);
                        if (Stage != HostStage.Password)
                        {
                            _ring.Write([b]);
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return action;
    }

    private ConsoleAction Enter(DateTimeOffset now)
    {
        string text = _line.ToString().Trim();
        _line.Clear();
        WriteText("\r\n");
        switch (Stage)
        {
            case HostStage.Login:
                if (text.Length == 0)
                {
                    Prompt();
                    return ConsoleAction.None;
                }
                _user = text;
                SetStage(HostStage.Password);
                WriteText("Password: ");
                return ConsoleAction.None;

            case HostStage.Password:
                SetStage(HostStage.Shell);
                WriteText($"Linux {_context.Host} {ConsoleScripts.KernelRelease} #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64\r\n\r\n");
                Prompt();
                return ConsoleAction.None;

            default:
                return Run(now, text);
        }
    }

    private ConsoleAction Run(DateTimeOffset now, string command)
    {
        string verb = command.Split(' ', 2)[0];
        switch (verb)
        {
            case "":
                break;
            case "hostname":
                WriteLine(_context.Host);
                break;
            case "whoami":
                WriteLine(_user);
                break;
            case "uname":
                WriteLine(command.Contains("-a", StringComparison.Ordinal)
                    ? $"Linux {_context.Host} {ConsoleScripts.KernelRelease} #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux"
                    : "Linux");
                break;
            case "uptime":
                var up = now - _kernelStart;
                WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $" {now:HH:mm:ss} up {(int)up.TotalDays} days, {up.Hours}:{up.Minutes:D2},  1 user,  load average: 0.08, 0.03, 0.01"));
                break;
            case "echo":
                WriteLine(command.Length > 5 ? command[5..] : "");
                break;
            case "exit" or "logout":
                Logout();
                return ConsoleAction.None;
            case "poweroff" or "halt":
                return ConsoleAction.OsPowerOff;
            case "shutdown":
                return command.Contains("-r", StringComparison.Ordinal) ? ConsoleAction.OsReboot : ConsoleAction.OsPowerOff;
            case "reboot":
                return ConsoleAction.OsReboot;
            default:
                WriteLine($"-bash: {verb}: command not found");
                break;
        }
        Prompt();
        return ConsoleAction.None;
    }

    private ConsoleAction SysRq(DateTimeOffset now, byte key)
    {
        WriteText("\r\n");
        switch ((char)key)
        {
            case 'b':
                WriteKernelStamp(now);
                WriteText("sysrq: Resetting\r\n");
                return ConsoleAction.ImmediateReboot;
            case 'o':
                WriteKernelStamp(now);
                WriteText("sysrq: Power Off\r\n");
                return ConsoleAction.ImmediatePowerOff;
            case 'c':
                Panic(now, ConsoleScripts.SysRqCrash);
                return ConsoleAction.None;
            default:
                WriteKernelStamp(now);
                WriteText("sysrq: HELP : loglevel(0-9) reboot(b) crash(c) power-off(o) show-memory-usage(m)\r\n");
                return ConsoleAction.None;
        }
    }

    private void Logout()
    {
        _user = "";
        SetStage(HostStage.Login);
        WriteText("\r\n");
        Prompt();
    }

    private void Prompt()
    {
        switch (Stage)
        {
            case HostStage.Login:
                WriteText($"{_context.Host} login: ");
                break;
            case HostStage.Shell:
                WriteText(_user == "root" ? $"root@{_context.Host}:~# " : $"{_user}@{_context.Host}:~$ ");
                break;
            default:
                break;
        }
    }

    private void StartScript(DateTimeOffset at, ConsoleLine[] script)
    {
        _script = script.Length == 0 ? null : script;
        _next = 0;
        _scriptStart = at;
        _line.Clear();
        _sysRqArmed = false;
    }

    private void SetStage(HostStage stage)
    {
        if (stage != Stage)
        {
            _line.Clear();
        }
        Stage = stage;
    }

    private void WriteLine(string text)
    {
        WriteText(text);
        WriteText("\r\n");
    }

    private void WriteKernelStamp(DateTimeOffset at)
    {
        double seconds = Math.Max(0, (at - _kernelStart).TotalSeconds);
        WriteText(string.Create(CultureInfo.InvariantCulture, $"[{seconds,12:F6}] "));
    }

    private void WriteText(string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (text.Contains('{', StringComparison.Ordinal))
        {
            text = text
                .Replace("{host}", _context.Host, StringComparison.Ordinal)
                .Replace("{vendor}", _context.Vendor.Manufacturer, StringComparison.Ordinal)
                .Replace("{product}", _context.Vendor.ProductName, StringComparison.Ordinal)
                .Replace("{bios}", _context.Vendor.BiosVersion, StringComparison.Ordinal)
                .Replace("{mode}", _bootMode, StringComparison.Ordinal)
                .Replace("{hostmac}", _context.HostMac, StringComparison.Ordinal)
                .Replace("{hostip}", _context.HostIp, StringComparison.Ordinal)
                .Replace("{bmcip}", _context.BmcIp, StringComparison.Ordinal)
                .Replace("{bmcmac}", _context.BmcMac, StringComparison.Ordinal);
        }
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(text, bytes);
        _ring.Write(bytes[..n]);
    }
}
