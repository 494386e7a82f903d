using System.Buffers;
using System.Net.Sockets;
using Lifeline.Consoles.Sources;

namespace Lifeline.Consoles.Tcp;

/// <summary>
/// A console on a console-server port over TCP, raw or telnet. In telnet mode the <see cref="TelnetCodec"/> negotiates
/// binary mode and strips/escapes IAC, so the bytes read and written are the serial line's bytes. When the options name
/// line settings, RFC 2217 (remote port control) is offered and, if the server agrees, the settings are sent and a break
/// is BREAK-ON/BREAK-OFF; otherwise (or if it refuses) the server's configured line settings apply and a break is IAC BRK.
/// </summary>
public sealed class TcpConsoleSource : IConsoleSource
{
    private readonly TcpConsoleOptions _options;
    private readonly ConsoleOutputQueue _output = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TelnetCodec? _telnet;
    private readonly Lock _codecLock = new();
    private Socket? _socket;
    private Task? _pump;
    private int _disposed;

    public TcpConsoleSource(TcpConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (options.Mode == TcpConsoleMode.Telnet && ComPortControl.Wanted(options))
        {
            var settings = new ArrayBufferWriter<byte>();
            if (ComPortControl.Validate(options) is { } problem)
            {
                throw new ConsoleException(ConsoleErrorCategory.InvalidConfiguration, $"{Describe(options)}: {problem}", "fix the console's line settings");
            }

            ComPortControl.EncodeSettings(options, settings);
            _telnet = new TelnetCodec(settings.WrittenSpan);
        }
        else
        {
            _telnet = options.Mode == TcpConsoleMode.Telnet ? new TelnetCodec() : null;
        }
    }

    private static string Describe(TcpConsoleOptions options) => $"{(options.Mode == TcpConsoleMode.Telnet ? "telnet" : "tcp")}://{options.Host}:{options.Port}";

    public string Description => Describe(_options);

    public bool SupportsBreak => _telnet is not null;

    public Task Completion => _output.Completion;

    /// <summary>In telnet mode: whether binary transmission (RFC 856) is in force both ways; always true for raw TCP.</summary>
    public bool IsBinary
    {
        get
        {
            if (_telnet is null)
            {
                return true;
            }
            lock (_codecLock)
            {
                return _telnet.LocalBinary && _telnet.RemoteBinary;
            }
        }
    }

    /// <summary>Whether the server agreed to RFC 2217 remote port control (only offered when line settings are given).</summary>
    public bool PortControl
    {
        get
        {
            if (_telnet is null)
            {
                return false;
            }

            lock (_codecLock)
            {
                return _telnet.ComPortEnabled;
            }
        }
    }

    /// <summary>The speed the server last reported through RFC 2217 (its answer to SET-BAUDRATE), or null.</summary>
    public int? ReportedBaudRate
    {
        get
        {
            if (_telnet is null)
            {
                return null;
            }

            lock (_codecLock)
            {
                return _telnet.ComPortAnswer(ComPortCommand.SetBaudRate) is { } value ? ComPortControl.DecodeBaudRate(value) : null;
            }
        }
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_socket is not null)
        {
            throw new InvalidOperationException($"{Description} is already connected");
        }
        if (_options.Port is <= 0 or > 65535 || string.IsNullOrWhiteSpace(_options.Host))
        {
            throw new ConsoleException(ConsoleErrorCategory.InvalidConfiguration, $"{Description}: not a valid host and port", "fix the console-server address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ConsoleException(ConsoleErrorCategory.Unreachable, $"{Description}: no answer within {_options.ConnectTimeout.TotalSeconds:0.#} s",
                "check that the console server is up and reachable");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ConsoleException(ConsoleErrorCategory.Unreachable, $"{Description}: {e.Message}",
                "check the console server's address and port, and that the port is enabled", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        if (_telnet is not null)
        {
            var opening = new ArrayBufferWriter<byte>();
            lock (_codecLock)
            {
                _telnet.Start(opening);
            }
            await SendRawAsync(opening.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        _pump = PumpAsync(socket, _stop.Token);
    }

    private async Task PumpAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var data = new ArrayBufferWriter<byte>();
        var replies = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    _output.Complete(new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: the console server closed the connection",
                        "reconnect; if it closes at once, another user may hold the port"));
                    return;
                }
                if (_telnet is null)
                {
                    _output.Write(buffer.AsSpan(0, n).ToArray());
                    continue;
                }
                data.ResetWrittenCount();
                replies.ResetWrittenCount();
                lock (_codecLock)
                {
                    _telnet.Decode(buffer.AsSpan(0, n), data, replies);
                }
                _output.Write(data.WrittenSpan.ToArray());
                if (replies.WrittenCount > 0)
                {
                    await SendRawAsync(replies.WrittenMemory.ToArray(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _output.Complete();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or ConsoleException)
        {
            _output.Complete(cancellationToken.IsCancellationRequested
                ? null
                : e as ConsoleException ?? new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "reconnect", e));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken) => _output.ReadAllAsync(cancellationToken);

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (_telnet is null)
        {
            return SendRawAsync(data, cancellationToken);
        }
        var encoded = new ArrayBufferWriter<byte>(data.Length + 16);
        lock (_codecLock)
        {
            _telnet.Encode(data.Span, encoded);
        }
        return SendRawAsync(encoded.WrittenMemory, cancellationToken);
    }

    public Task SendBreakAsync(CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (_telnet is null)
        {
            throw new ConsoleException(ConsoleErrorCategory.Unsupported, $"{Description}: a raw TCP port has no way to send a break",
                "use the telnet mode of the console server to send breaks");
        }
        return PortControl ? SendComPortBreakAsync(cancellationToken) : SendRawAsync(TelnetCodec.BreakSequence.ToArray(), cancellationToken);
    }

    private async Task SendComPortBreakAsync(CancellationToken cancellationToken)
    {
        var on = new ArrayBufferWriter<byte>();
        ComPortControl.Encode(ComPortCommand.SetControl, [ComPortControl.ControlBreakOn], on);
        var off = new ArrayBufferWriter<byte>();
        ComPortControl.Encode(ComPortCommand.SetControl, [ComPortControl.ControlBreakOff], off);
        await SendRawAsync(on.WrittenMemory, cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(_options.BreakDuration, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // the line must not be left in break, even when the wait is cancelled
            await SendRawAsync(off.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void EnsureOpen()
    {
        if (Volatile.Read(ref _disposed) != 0 || _output.IsCompleted)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: the console is closed", "reconnect");
        }
        if (_socket is null)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: not connected", "call ConnectAsync first");
        }
    }

    private async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var socket = _socket!;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!bytes.IsEmpty)
            {
                int sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                bytes = bytes[sent..];
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "reconnect", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }
        _output.Complete();
        _stop.Dispose();
        _writeGate.Dispose();
    }
}
