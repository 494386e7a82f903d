using System.Net;
using System.Net.Sockets;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Consoles;

/// <summary>
/// A node's host console on a raw TCP port, as a console server (ser2net, a terminal server) offers it: every client
/// sees the output from the moment it connects, several clients share the stream, and whatever any client sends is
/// typed at the console (<see cref="BmcModel.WriteConsole"/>). No telnet negotiation: raw bytes both ways.
/// </summary>
public sealed class ConsoleTcpServer : IAsyncDisposable
{
    private readonly BmcModel _model;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private readonly Task _accept;
    private int _connected;
    private long _bytesSent;

    private ConsoleTcpServer(BmcModel model, TcpListener listener, TimeSpan pollInterval)
    {
        _model = model;
        _listener = listener;
        PollInterval = pollInterval;
        LocalEndPoint = (IPEndPoint)listener.LocalEndpoint;
        _accept = AcceptAsync(_stop.Token);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>How often new console output is looked for (on the model's clock).</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Clients connected now.</summary>
    public int Clients => Volatile.Read(ref _connected);

    /// <summary>Console bytes written to clients so far (all connections; for benchmarks' loss figures).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Listens on <paramref name="endpoint"/> (port 0 picks a free one) for <paramref name="model"/>'s console.</summary>
    /// <exception cref="SocketException">The endpoint is in use or not on this host.</exception>
    public static ConsoleTcpServer Start(BmcModel model, IPEndPoint endpoint, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(endpoint);
        var listener = new TcpListener(endpoint);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return new ConsoleTcpServer(model, listener, pollInterval ?? TimeSpan.FromMilliseconds(20));
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            lock (_clients)
            {
                _clients.RemoveAll(t => t.IsCompleted);
                _clients.Add(ServeAsync(socket, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var wake = new SemaphoreSlim(0, 1);
        // the output pump takes its console position before its first await: counted in Clients only from then on,
        // so a client that is counted sees everything printed afterwards
        var output = PumpOutputAsync(socket, wake, gone.Token);
        Interlocked.Increment(ref _connected);
        try
        {
            var input = PumpInputAsync(socket, wake, gone.Token);
            await Task.WhenAny(output, input).ConfigureAwait(false);
            await gone.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(output, input).ConfigureAwait(false);
        }
        finally
        {
            socket.Dispose();
            Interlocked.Decrement(ref _connected);
        }
    }

    private async Task PumpOutputAsync(Socket socket, SemaphoreSlim wake, CancellationToken cancellationToken)
    {
        long position = _model.ConsoleEnd;
        var buffer = new byte[16 * 1024];
        using var timer = new PeriodicTimer(PollInterval, _model.TimeProvider);
        Task<bool>? tick = null;
        Task? woken = null;
        try
        {
            while (true)
            {
                var read = _model.ReadConsole(position, buffer);
                if (read.Count > 0)
                {
                    position = read.Next;
                    await socket.SendAsync(buffer.AsMemory(0, read.Count), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _bytesSent, read.Count);
                    continue; // more may be waiting
                }

                // the next poll, or at once when the client typed (the echo goes out without waiting for the poll)
                tick ??= timer.WaitForNextTickAsync(cancellationToken).AsTask();
                woken ??= wake.WaitAsync(cancellationToken);
                if (await Task.WhenAny(tick, woken).ConfigureAwait(false) == tick)
                {
                    if (!await tick.ConfigureAwait(false))
                    {
                        return;
                    }

                    tick = null;
                }
                else
                {
                    await woken.ConfigureAwait(false);
                    woken = null;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpInputAsync(Socket socket, SemaphoreSlim wake, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                _model.WriteConsole(buffer.AsSpan(0, n));
                if (wake.CurrentCount == 0)
                {
                    wake.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accept.ConfigureAwait(false);
        Task[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        await Task.WhenAll(clients).ConfigureAwait(false);
        _listener.Dispose();
        _stop.Dispose();
    }
}
