using System.Globalization;
using System.IO.Ports;
using Lifeline.Consoles.Serial;

namespace Lifeline.Consoles.Hub;

/// <summary>
/// A node's console method as written in the inventory (<c>NodeDefinition.ConsoleMethod</c>): <c>sol</c>,
/// <c>tcp://HOST:PORT</c>, <c>telnet://HOST:PORT[?speed=115200&amp;parity=none…]</c> (line settings through RFC 2217), <c>serial:///dev/ttyS0?speed=115200&amp;parity=none&amp;flow=none</c>
/// or <c>ssh://[USER@]HOST[:PORT]</c>. Never holds a password. A node may name several, comma-separated
/// (<c>sol,tcp://cs1:7001</c>): the first is its default console, the others are reached with <see cref="TryFindVia"/>.
/// </summary>
public sealed record ConsoleMethod
{
    public required ConsoleMethodKind Kind { get; init; }

    /// <summary>The host of tcp, telnet and ssh methods.</summary>
    public string? Host { get; init; }

    public int Port { get; init; }

    /// <summary>The SSH user named in the URL (else the credential's).</summary>
    public string? User { get; init; }

    /// <summary>The serial device and line settings.</summary>
    public SerialConsoleOptions? Serial { get; init; }

    /// <summary>
    /// Line settings of a telnet method (<c>telnet://HOST:PORT?speed=…</c>), set through RFC 2217 when the console server
    /// supports it; null when the URL names none (the server's configuration applies).
    /// </summary>
    public ConsoleLineSettings? Line { get; init; }

    public static ConsoleMethod Parse(string text) =>
        TryParse(text, out var method, out var error) ? method! : throw new FormatException(error);

    public static bool TryParse(string? text, out ConsoleMethod? method, out string? error)
    {
        method = null;
        error = null;
        var value = text?.Trim() ?? "";
        if (value.Equals("sol", StringComparison.OrdinalIgnoreCase))
        {
            method = new ConsoleMethod { Kind = ConsoleMethodKind.Sol };
            return true;
        }

        const string Forms = "write sol, tcp://HOST:PORT, telnet://HOST:PORT, serial:///dev/ttyS0?speed=115200 or ssh://USER@HOST:PORT";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            error = $"'{value}' is not a console method: {Forms}";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            error = "the console method holds a password: remove it and store it as the node's credential instead";
            return false;
        }

        switch (uri.Scheme)
        {
            case "tcp" or "telnet":
                if (uri.IsDefaultPort || uri.Port <= 0 || string.IsNullOrEmpty(uri.Host))
                {
                    error = $"'{value}': a console-server port needs a host and a port ({uri.Scheme}://HOST:PORT)";
                    return false;
                }

                // taken from the text: .NET's telnet: parser does not split off a query
                int question = value.IndexOf('?', StringComparison.Ordinal);
                var query = question >= 0 ? value[question..] : "";
                ConsoleLineSettings? line = null;
                if (query.Length > 1)
                {
                    if (uri.Scheme == "tcp")
                    {
                        error = $"'{value}': a raw tcp:// port cannot set line settings; use telnet://HOST:PORT?speed=… (RFC 2217) or configure the console server";
                        return false;
                    }

                    if (!TryParseLine(query, value, out line, out error))
                    {
                        return false;
                    }
                }

                method = new ConsoleMethod
                {
                    Kind = uri.Scheme == "tcp" ? ConsoleMethodKind.Tcp : ConsoleMethodKind.Telnet,
                    Host = uri.IdnHost,
                    Port = uri.Port,
                    Line = line,
                };
                return true;
            case "ssh":
                if (string.IsNullOrEmpty(uri.Host))
                {
                    error = $"'{value}': an SSH console needs a host (ssh://USER@HOST:PORT)";
                    return false;
                }

                method = new ConsoleMethod
                {
                    Kind = ConsoleMethodKind.Ssh,
                    Host = uri.IdnHost,
                    Port = uri.IsDefaultPort || uri.Port <= 0 ? 22 : uri.Port,
                    User = string.IsNullOrEmpty(uri.UserInfo) ? null : Uri.UnescapeDataString(uri.UserInfo),
                };
                return true;
            case "serial":
                return TryParseSerial(uri, value, out method, out error);
            default:
                error = $"'{uri.Scheme}' is not a console method scheme: {Forms}";
                return false;
        }
    }

    private static bool TryParseSerial(Uri uri, string value, out ConsoleMethod? method, out string? error)
    {
        method = null;
        error = null;
        var device = Uri.UnescapeDataString(uri.AbsolutePath);
        if (device.Length < 2 || !string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{value}': write the device as serial:///dev/ttyS0 (three slashes)";
            return false;
        }

        if (!TryParseLine(uri.Query, value, out var line, out error))
        {
            return false;
        }

        var options = new SerialConsoleOptions { Device = device };
        if (line is not null)
        {
            options = options with
            {
                BaudRate = line.BaudRate ?? options.BaudRate,
                DataBits = line.DataBits ?? options.DataBits,
                Parity = line.Parity ?? options.Parity,
                StopBits = line.StopBits ?? options.StopBits,
                FlowControl = line.FlowControl ?? options.FlowControl,
            };
        }

        method = new ConsoleMethod { Kind = ConsoleMethodKind.Serial, Serial = options };
        return true;
    }

    /// <summary>The line settings of a URL query (<c>speed</c>, <c>bits</c>, <c>parity</c>, <c>stop</c>, <c>flow</c>); null when it has none.</summary>
    private static bool TryParseLine(string query, string value, out ConsoleLineSettings? line, out string? error)
    {
        line = null;
        error = null;
        var settings = new ConsoleLineSettings();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = parts[0].ToLowerInvariant();
            var setting = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]).ToLowerInvariant() : "";
            switch (key)
            {
                case "speed" or "baud" when int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out int speed) && speed > 0:
                    settings = settings with { BaudRate = speed };
                    break;
                case "bits" or "databits" when setting is "5" or "6" or "7" or "8":
                    settings = settings with { DataBits = setting[0] - '0' };
                    break;
                case "parity" when Enum.TryParse<Parity>(setting, ignoreCase: true, out var parity) && Enum.IsDefined(parity) && !setting.Any(char.IsAsciiDigit):
                    settings = settings with { Parity = parity };
                    break;
                case "stop" or "stopbits" when setting is "1" or "2":
                    settings = settings with { StopBits = setting == "1" ? StopBits.One : StopBits.Two };
                    break;
                case "flow" when setting is "none" or "xonxoff" or "rtscts" or "both":
                    settings = settings with
                    {
                        FlowControl = setting switch
                        {
                            "xonxoff" => Handshake.XOnXOff,
                            "rtscts" => Handshake.RequestToSend,
                            "both" => Handshake.RequestToSendXOnXOff,
                            _ => Handshake.None,
                        },
                    };
                    break;
                default:
                    error = $"'{pair}' in '{value}' is not a serial setting: use speed=N, bits=5..8, parity=none|even|odd|mark|space, stop=1|2, flow=none|xonxoff|rtscts|both";
                    return false;
            }
        }

        line = settings == new ConsoleLineSettings() ? null : settings;
        return true;
    }

    /// <summary>The entries of a comma-separated list of console methods, trimmed, empty ones dropped (none for null).</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses a comma-separated list of console methods; the first is the default.</summary>
    public static bool TryParseList(string? text, out IReadOnlyList<ConsoleMethod> methods, out string? error)
    {
        methods = [];
        error = null;
        var entries = SplitList(text);
        if (entries.Count == 0)
        {
            error = "no console method: write sol, tcp://HOST:PORT, … or several separated by commas";
            return false;
        }

        var parsed = new List<ConsoleMethod>(entries.Count);
        foreach (var entry in entries)
        {
            if (!TryParse(entry, out var method, out error))
            {
                return false;
            }

            parsed.Add(method!);
        }

        methods = parsed;
        return true;
    }

    /// <summary>
    /// Picks one of a node's console methods for <c>via</c>: a position counted from 1 (1 is the default) or a kind
    /// (<c>sol</c>, <c>tcp</c>, <c>telnet</c>, <c>serial</c>, <c>ssh</c>: the first method of that kind). Null or empty
    /// picks the default. <paramref name="index"/> is zero-based.
    /// </summary>
    public static bool TryFindVia(IReadOnlyList<string> methods, string? via, out int index, out string? error)
    {
        ArgumentNullException.ThrowIfNull(methods);
        index = 0;
        error = null;
        var value = via?.Trim() ?? "";
        if (value.Length == 0)
        {
            return methods.Count > 0 || Fail("the node has no console method", out error);
        }

        var listed = string.Join(", ", methods.Select((m, i) => $"{i + 1} = {m}"));
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int position))
        {
            index = position - 1;
            return (position >= 1 && position <= methods.Count)
                || Fail($"via={value}: the node has {methods.Count} console method(s) ({listed}); use 1 to {methods.Count}", out error);
        }

        if (!Enum.TryParse<ConsoleMethodKind>(value, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || value.Any(char.IsAsciiDigit))
        {
            return Fail($"via={value}: use a position (1 to {methods.Count}) or a kind: sol, tcp, telnet, serial or ssh", out error);
        }

        for (int i = 0; i < methods.Count; i++)
        {
            if (TryParse(methods[i], out var method, out _) && method!.Kind == kind)
            {
                index = i;
                return true;
            }
        }

        return Fail($"via={value}: the node has no {value.ToLowerInvariant()} console ({listed})", out error);
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    /// <summary>The inventory attribute <c>console.logging</c>: full (also when absent), on-demand or none.</summary>
    public static bool TryParseLogging(string? text, out ConsoleLoggingMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "full":
                mode = ConsoleLoggingMode.Full;
                return true;
            case "on-demand" or "ondemand":
                mode = ConsoleLoggingMode.OnDemand;
                return true;
            case "none" or "off":
                mode = ConsoleLoggingMode.None;
                return true;
            default:
                mode = ConsoleLoggingMode.Full;
                return false;
        }
    }
}
