using System.Net;
using System.Threading.Channels;
using Lifeline.Redfish.Json;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

/// <summary>
/// Receives events a Redfish service pushes to a subscription's Destination (DSP0266 "Event subscription": the service
/// POSTs an Event resource, Event.v1_x, to the destination URI). Listens on a loopback HTTP prefix only; each POST body is
/// bounded, parsed, answered 204, and handed to <see cref="Events"/>. Malformed bodies are answered 400 and counted.
/// </summary>
public sealed class RedfishEventListener : IAsyncDisposable
{
    private const int MaxBody = 1024 * 1024;
    private readonly HttpListener _listener = new();
    private readonly Channel<RedfishEvent> _events = Channel.CreateBounded<RedfishEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _rejected;

    /// <param name="port">Loopback TCP port to listen on.</param>
    /// <param name="path">Path of the destination, e.g. "/lifeline/events".</param>
    public RedfishEventListener(int port, string path = "/lifeline/events")
    {
        Destination = new Uri($"http://127.0.0.1:{port}{(path.StartsWith('/') ? path : "/" + path)}");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}{Destination.AbsolutePath.TrimEnd('/')}/");
        _listener.Start();
        _loop = Task.Run(ListenAsync);
    }

    /// <summary>The URI to give the service as the subscription's Destination.</summary>
    public Uri Destination { get; }

    public ChannelReader<RedfishEvent> Events => _events.Reader;

    /// <summary>POSTs that were not a well-formed Event (answered 400).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod != "POST")
            {
                response.StatusCode = 405;
                return;
            }
            if (context.Request.ContentLength64 > MaxBody)
            {
                response.StatusCode = 413;
                Interlocked.Increment(ref _rejected);
                return;
            }
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int n;
            while ((n = await context.Request.InputStream.ReadAsync(chunk, _stop.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > MaxBody)
                {
                    response.StatusCode = 413;
                    Interlocked.Increment(ref _rejected);
                    return;
                }
                buffer.Write(chunk, 0, n);
            }
            RedfishEvent parsed;
            try
            {
                parsed = RedfishJson.Deserialize<RedfishEvent>(buffer.ToArray(), $"event POST to {Destination}");
            }
            catch (RedfishException)
            {
                response.StatusCode = 400;
                Interlocked.Increment(ref _rejected);
                return;
            }
            await _events.Writer.WriteAsync(parsed, _stop.Token).ConfigureAwait(false);
            response.StatusCode = 204;
        }
        catch (Exception e) when (e is IOException or HttpListenerException or OperationCanceledException)
        {
            // the sender went away or we are stopping
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _events.Writer.TryComplete();
        _stop.Dispose();
    }
}
