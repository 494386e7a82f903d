namespace Lifeline.Cli.Consoles;

/// <summary>
/// Attaches the local terminal to a <see cref="IConsoleLink"/>: raw mode while attached (only when stdin is a terminal;
/// restored on every way out), keystrokes through the <see cref="EscapeParser"/>, output to stdout verbatim, status
/// lines on stderr (CR LF in raw mode), the window size sent on attach and on every resize. When stdin ends (a pipe),
/// output is still shown for <c>linger</c>, then the attachment ends.
/// </summary>
public sealed class ConsoleAttachment : IConsoleSink
{
    /// <summary>Lines replayed by <c>Ctrl-E c r</c>.</summary>
    public const int ReplayLines = 50;

    private readonly IConsoleTerminal _terminal;
    private readonly IConsoleLink _link;
    private readonly TimeProvider _time;
    private readonly TimeSpan _linger;
    private readonly SemaphoreSlim _outputLock = new(1, 1);
    private RawMode? _raw;

    public ConsoleAttachment(IConsoleTerminal terminal, IConsoleLink link, TimeProvider time, TimeSpan linger)
    {
        _terminal = terminal;
        _link = link;
        _time = time;
        _linger = linger;
    }

    /// <summary>Connects, attaches until the user leaves, the far end closes, stdin ends or cancellation; returns the exit status.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await _link.ConnectAsync(cancellationToken).ConfigureAwait(false);
        using var raw = RawMode.Enter(_terminal.Modes, _terminal.IsInputTerminal);
        _raw = raw;
        EventHandler restoreOnExit = (_, _) => raw.Restore();
        AppDomain.CurrentDomain.ProcessExit += restoreOnExit;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            Status($"attached to {_link.Description}; escape: Ctrl-E c ? for help, Ctrl-E c . to leave");
            await SendSizeAsync(stop.Token).ConfigureAwait(false);
            using var resize = _terminal.WatchResize(() => _ = SendSizeAsync(stop.Token));
            var receive = _link.ReceiveAsync(this, stop.Token);
            var input = InputAsync(stop.Token);
            var first = await Task.WhenAny(receive, input).ConfigureAwait(false);
            if (first == input)
            {
                // the user left (Ctrl-E c .), stdin ended after the linger, or Ctrl-C
                bool left = await input.ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                var end = await Settle(receive).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    Status("interrupted; detached");
                    return ExitCodes.Cancelled;
                }

                Status(left ? "detached" : "input ended; detached");
                return end is { ExitCode: not ExitCodes.Ok, Message: not null } failed && !left ? Report(failed) : ExitCodes.Ok;
            }

            var ended = await receive.ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            return Report(ended);
        }
        finally
        {
            raw.Restore();
            AppDomain.CurrentDomain.ProcessExit -= restoreOnExit;
            await _terminal.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask OutputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _outputLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _terminal.Output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await _terminal.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _outputLock.Release();
        }
    }

    public void Status(string line)
    {
        string newLine = _raw?.IsRaw == true ? "\r\n" : "\n";
        lock (_terminal.Status)
        {
            _terminal.Status.Write($"[lifeline] {line}{newLine}");
            _terminal.Status.Flush();
        }
    }

    private int Report(ConsoleEnd end)
    {
        if (end.Message is not null)
        {
            Status(end.Message);
        }

        return end.ExitCode;
    }

    private static async Task<ConsoleEnd?> Settle(Task<ConsoleEnd> receive)
    {
        try
        {
            return await receive.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            return null;
        }
    }

    private async Task SendSizeAsync(CancellationToken cancellationToken)
    {
        if (_terminal.Size is not { } size)
        {
            return;
        }

        try
        {
            await _link.ResizeAsync(size.Columns, size.Rows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the link is going away; the receive side reports why
        }
    }

    /// <summary>Reads keystrokes until the user leaves (true) or stdin ends and the linger passed (false).</summary>
    private async Task<bool> InputAsync(CancellationToken cancellationToken)
    {
        var parser = new EscapeParser();
        var buffer = new byte[4096];
        while (true)
        {
            int n;
            try
            {
                n = await _terminal.Input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            if (n == 0)
            {
                try
                {
                    await Task.Delay(_linger, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                return false;
            }

            foreach (var e in parser.Feed(buffer.AsSpan(0, n)))
            {
                if (await HandleAsync(e, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
        }
    }

    /// <summary>Acts on one parsed event; true when the user asked to leave.</summary>
    private async Task<bool> HandleAsync(EscapeEvent e, CancellationToken cancellationToken)
    {
        try
        {
            switch (e.Command)
            {
                case null:
                    await _link.SendAsync(e.Data, this, cancellationToken).ConfigureAwait(false);
                    return false;
                case EscapeCommand.Disconnect:
                    return true;
                case EscapeCommand.Break:
                    await _link.BreakAsync(this, cancellationToken).ConfigureAwait(false);
                    return false;
                case EscapeCommand.Writer:
                case EscapeCommand.ForceWriter:
                    await _link.WriterAsync(e.Command == EscapeCommand.ForceWriter, this, cancellationToken).ConfigureAwait(false);
                    return false;
                case EscapeCommand.Spy:
                    await _link.SpyAsync(this, cancellationToken).ConfigureAwait(false);
                    return false;
                case EscapeCommand.Replay:
                    await _link.ReplayAsync(ReplayLines, this, cancellationToken).ConfigureAwait(false);
                    return false;
                case EscapeCommand.Help:
                    foreach (var line in EscapeParser.HelpLines)
                    {
                        Status(line);
                    }

                    return false;
                case EscapeCommand.PowerMenu:
                    Status("power: 1 on, 0 off, c cycle, r reset (any other key cancels)");
                    return false;
                case EscapeCommand.Power:
                    Status($"power {e.PowerAction} …");
                    await _link.PowerAsync(e.PowerAction!, this, cancellationToken).ConfigureAwait(false);
                    return false;
                default:
                    Status("unknown escape command; Ctrl-E c ? lists them");
                    return false;
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.WebSockets.WebSocketException or InvalidOperationException or ObjectDisposedException
            && !cancellationToken.IsCancellationRequested)
        {
            Status($"could not send: {ex.Message}");
            return false;
        }
    }
}
