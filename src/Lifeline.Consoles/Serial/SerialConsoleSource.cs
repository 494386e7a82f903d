using System.Buffers;
using System.IO.Ports;
using Lifeline.Consoles.Sources;

namespace Lifeline.Consoles.Serial;

/// <summary>
/// A console on a local serial port (System.IO.Ports): the device is opened with the configured speed, parity, data and
/// stop bits and flow control, and its byte stream relayed unchanged. A break holds the line in the break state for
/// <see cref="SerialConsoleOptions.BreakDuration"/>.
/// </summary>
public sealed class SerialConsoleSource : IConsoleSource
{
    private readonly SerialConsoleOptions _options;
    private readonly ConsoleOutputQueue _output = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SerialPort? _port;
    private Stream? _stream;
    private Task? _pump;
    private int _disposed;

    public SerialConsoleSource(SerialConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Description => $"serial:{_options.Device}@{_options.BaudRate}";

    public bool SupportsBreak => true;

    public Task Completion => _output.Completion;

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_port is not null)
        {
            throw new InvalidOperationException($"{Description} is already connected");
        }
        if (string.IsNullOrWhiteSpace(_options.Device))
        {
            throw new ConsoleException(ConsoleErrorCategory.InvalidConfiguration, "no serial device given", "set the device path (e.g. /dev/ttyS0)");
        }
        if (!File.Exists(_options.Device) && !OperatingSystem.IsWindows())
        {
            throw new ConsoleException(ConsoleErrorCategory.Unreachable, $"{Description}: the device does not exist",
                "check the device path and that the adapter is plugged in");
        }
        SerialPort port;
        try
        {
            port = new SerialPort(_options.Device, _options.BaudRate, _options.Parity, _options.DataBits, _options.StopBits)
            {
                Handshake = _options.FlowControl,
                ReadTimeout = SerialPort.InfiniteTimeout,
                WriteTimeout = SerialPort.InfiniteTimeout,
            };
        }
        catch (ArgumentException e)
        {
            throw new ConsoleException(ConsoleErrorCategory.InvalidConfiguration, $"{Description}: {e.Message}",
                "fix the serial settings (speed, parity, data bits, stop bits)", e);
        }
        try
        {
            port.Open();
        }
        catch (UnauthorizedAccessException e)
        {
            port.Dispose();
            throw new ConsoleException(ConsoleErrorCategory.InUse, $"{Description}: the device is busy or not accessible",
                "check that no other program holds it and that the service may open it (group dialout)", e);
        }
        catch (IOException e)
        {
            port.Dispose();
            throw new ConsoleException(ConsoleErrorCategory.Unreachable, $"{Description}: {e.Message}",
                "check the device and its settings (some adapters refuse some speeds or flow control)", e);
        }
        catch (ArgumentException e)
        {
            port.Dispose();
            throw new ConsoleException(ConsoleErrorCategory.InvalidConfiguration, $"{Description}: {e.Message}", "fix the serial settings", e);
        }
        _port = port;
        _stream = port.BaseStream;
        _pump = Task.Run(() => PumpAsync(_stream, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task PumpAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                int n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    _output.Complete(new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: the device closed", "reconnect"));
                    return;
                }
                _output.Write(buffer.AsSpan(0, n).ToArray());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _output.Complete();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _output.Complete(cancellationToken.IsCancellationRequested
                ? null
                : new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "check the device and reconnect", e));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken) => _output.ReadAllAsync(cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var stream = Connected();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "check the device and reconnect", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task SendBreakAsync(CancellationToken cancellationToken)
    {
        Connected();
        var port = _port!;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            port.BreakState = true;
            try
            {
                await Task.Delay(_options.BreakDuration, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                port.BreakState = false;
            }
        }
        catch (IOException e)
        {
            throw new ConsoleException(ConsoleErrorCategory.Unsupported, $"{Description}: the device refused a break ({e.Message})",
                "this device cannot send a break", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Stream Connected()
    {
        if (Volatile.Read(ref _disposed) != 0 || _output.IsCompleted)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: the console is closed", "reconnect");
        }
        return _stream ?? throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: not connected", "call ConnectAsync first");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        _port?.Dispose();
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }
        _output.Complete();
        _stop.Dispose();
        _writeGate.Dispose();
    }
}
