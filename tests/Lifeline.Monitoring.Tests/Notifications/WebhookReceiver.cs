using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Tests.Notifications;

/// <summary>
/// A real HTTP receiver (Kestrel on 127.0.0.1): records every request and answers with the next queued status
/// (200 when none is queued). Also compiled into the server's tests, whose monitoring scenarios deliver to it.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, int? RetryAfterSeconds)> _statuses = new();
    private readonly Channel _requests = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Port => Url.Port;

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.All;

    /// <summary>Starts on <paramref name="port"/> (0 = any free port).</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/hooks/lifeline");
        return receiver;
    }

    /// <summary>While set, requests are recorded but not answered until the client gives up.</summary>
    public bool Hang { get; set; }

    /// <summary>While set, every request gets this status (a receiver that is down, e.g. 503), queued ones stay queued.</summary>
    public int? DownStatus { get; set; }

    /// <summary>The next requests get these statuses, in order.</summary>
    public void RespondWith(params int[] statuses)
    {
        foreach (int status in statuses)
        {
            _statuses.Enqueue((status, null));
        }
    }

    /// <summary>The next request gets <paramref name="status"/> with a <c>Retry-After</c> of that many seconds.</summary>
    public void RespondWithRetryAfter(int status, int retryAfterSeconds) => _statuses.Enqueue((status, retryAfterSeconds));

    /// <summary>Waits (real time, bounded) for the <paramref name="count"/>-th request.</summary>
    public Task<ReceivedRequest> WaitForRequestAsync(int count = 1) => _requests.WaitAsync(count);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var (status, retryAfter) = DownStatus is { } down ? (down, null) : _statuses.TryDequeue(out var next) ? next : (200, null);
        _requests.Add(new ReceivedRequest(context.Request.Method, context.Request.Path, headers, body, status));
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A recorded request and the status it got.</summary>
    public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Status);

    private sealed class Channel
    {
        private readonly Lock _lock = new();
        private readonly List<ReceivedRequest> _all = [];
        private readonly List<(int Count, TaskCompletionSource<ReceivedRequest> Done)> _waiters = [];

        public IReadOnlyList<ReceivedRequest> All
        {
            get
            {
                lock (_lock)
                {
                    return [.. _all];
                }
            }
        }

        public void Add(ReceivedRequest request)
        {
            lock (_lock)
            {
                _all.Add(request);
                foreach (var waiter in _waiters.Where(w => w.Count <= _all.Count).ToList())
                {
                    waiter.Done.TrySetResult(_all[waiter.Count - 1]);
                    _waiters.Remove(waiter);
                }
            }
        }

        public Task<ReceivedRequest> WaitAsync(int count)
        {
            lock (_lock)
            {
                if (_all.Count >= count)
                {
                    return Task.FromResult(_all[count - 1]);
                }

                var done = new TaskCompletionSource<ReceivedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
    }
}
