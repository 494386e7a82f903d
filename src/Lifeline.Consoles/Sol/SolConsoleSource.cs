using Lifeline.Consoles.Sources;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sol;
using Lifeline.Ipmi.Transport;

namespace Lifeline.Consoles.Sol;

/// <summary>
/// A console over IPMI Serial-over-LAN (IPMI v2.0 §15, §24), on the <see cref="SolConsole"/> of Lifeline.Ipmi: opens an
/// RMCP+ session, activates the SOL payload (taking over a stale instance when <see cref="SolConsoleSourceOptions.TakeOver"/>),
/// and relays characters both ways.
/// </summary>
public sealed class SolConsoleSource : IConsoleSource
{
    private readonly SolConsoleSourceOptions _options;
    private readonly IpmiUdpTransport? _transport;
    private readonly ConsoleOutputQueue _output = new();
    private readonly CancellationTokenSource _stop = new();
    private IpmiSession? _session;
    private SolConsole? _console;
    private Task? _pump;
    private Task? _liveness;
    private int _disposed;

    /// <param name="options">Endpoint, session and payload settings.</param>
    /// <param name="transport">A shared UDP transport (many consoles share a few sockets), or null for the default.</param>
    public SolConsoleSource(SolConsoleSourceOptions options, IpmiUdpTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = transport;
    }

    public string Description => $"sol://{_options.Endpoint}";

    public bool SupportsBreak => true;

    public Task Completion => _output.Completion;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_console is not null)
        {
            throw new InvalidOperationException($"{Description} is already connected");
        }
        try
        {
            _session = await IpmiSession.OpenAsync(_options.Endpoint, _options.Session, _transport, cancellationToken).ConfigureAwait(false);
            _console = await SolConsole.OpenAsync(_session, new SolConsoleOptions { Instance = _options.Instance, Steal = _options.TakeOver },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IpmiException e)
        {
            await CloseSessionAsync().ConfigureAwait(false);
            throw Translate(e);
        }
        catch
        {
            await CloseSessionAsync().ConfigureAwait(false);
            throw;
        }
        _pump = PumpAsync(_console, _stop.Token);
        _liveness = LivenessAsync(_session, _stop.Token);
    }

    // A rebooted BMC forgets the session and sends nothing more; only a request notices. Ends the console on failure.
    private async Task LivenessAsync(IpmiSession session, CancellationToken cancellationToken)
    {
        var interval = _options.LivenessInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (!_output.IsCompleted)
            {
                await Task.Delay(interval, _options.Session.TimeProvider, cancellationToken).ConfigureAwait(false);
                // §24.4 Get Payload Activation Status for SOL: a rebooted BMC no longer has our instance active (and a
                // session the client library re-opened transparently would otherwise look healthy)
                var status = await session.SendAsync(new IpmiRequest(NetFn.App, 0x4A, new byte[] { 0x01 }), cancellationToken).ConfigureAwait(false);
                int bit = _options.Instance - 1;
                if (status.Data.Length >= 3 && ((status.Data.Span[1] | (status.Data.Span[2] << 8)) & (1 << bit)) == 0)
                {
                    _output.Complete(new ConsoleException(ConsoleErrorCategory.Closed,
                        $"{Description}: the BMC no longer has the SOL payload active (it rebooted, or another session took it over)", "the console reconnects by itself"));
                    return;
                }
            }
        }
        catch (IpmiException e)
        {
            _output.Complete(new ConsoleException(ConsoleErrorCategory.Closed,
                $"{Description}: the BMC stopped answering on the SOL session ({e.Message})", "the console reconnects by itself; if not, check the BMC", e));
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(SolConsole console, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in console.Output.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _output.Write(chunk);
            }
            _output.Complete();
        }
        catch (OperationCanceledException)
        {
            _output.Complete();
        }
    }

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken) => _output.ReadAllAsync(cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var console = Connected();
        try
        {
            await console.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (IpmiException e)
        {
            throw Translate(e);
        }
    }

    public async Task SendBreakAsync(CancellationToken cancellationToken)
    {
        var console = Connected();
        try
        {
            await console.SendBreakAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IpmiException e)
        {
            throw Translate(e);
        }
    }

    private SolConsole Connected()
    {
        if (Volatile.Read(ref _disposed) != 0 || _output.IsCompleted)
        {
            throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: the console is closed", "reconnect");
        }
        return _console ?? throw new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: not connected", "call ConnectAsync first");
    }

    private ConsoleException Translate(IpmiException e) => e.Error switch
    {
        IpmiError.PayloadInUse => new ConsoleException(ConsoleErrorCategory.InUse,
            $"{Description}: the SOL payload is already active in another session",
            "take the console over (a stale session is deactivated), or wait for the other user to leave", e),
        IpmiError.UnknownUser or IpmiError.BadPassword or IpmiError.BadKg or IpmiError.InsufficientPrivilege => new ConsoleException(
            ConsoleErrorCategory.Authentication, $"{Description}: {e.Message}", "check the BMC user, password and privilege in the credential store", e),
        IpmiError.Unreachable or IpmiError.Timeout or IpmiError.SessionLimit => new ConsoleException(ConsoleErrorCategory.Unreachable,
            $"{Description}: {e.Message}", e.NextStep, e),
        IpmiError.SessionLost => new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", "reconnect", e),
        _ => new ConsoleException(ConsoleErrorCategory.Closed, $"{Description}: {e.Message}", e.NextStep, e),
    };

    private async Task CloseSessionAsync()
    {
        var session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_console is not null)
        {
            await _console.DisposeAsync().ConfigureAwait(false);
        }
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }
        if (_liveness is not null)
        {
            await _liveness.ConfigureAwait(false);
        }
        await CloseSessionAsync().ConfigureAwait(false);
        _output.Complete();
        _stop.Dispose();
    }
}
