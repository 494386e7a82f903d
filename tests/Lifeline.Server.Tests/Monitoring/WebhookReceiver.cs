using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Tests.Monitoring;

/// <summary>
/// A real HTTP receiver for the service's webhook channel on 127.0.0.1: records every delivery (body, signature
/// headers); while <see cref="Down"/> it answers 503 like a receiver in maintenance.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(JsonElement Body, Dictionary<string, string> Headers, string Raw)> Deliveries { get; } = new();

    public int Refused => Volatile.Read(ref _refused);

    private int _refused;

    public volatile bool Down;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var raw = await reader.ReadToEndAsync();
            if (receiver.Down)
            {
                Interlocked.Increment(ref receiver._refused);
                return Results.StatusCode(503);
            }
            // Kestrel reuses the request's header collection after the response: keep a copy
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver.Deliveries.Enqueue((JsonDocument.Parse(raw).RootElement.Clone(), headers, raw));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>The alerts delivered so far: (transition, rule, node, subject, alert id).</summary>
    public List<(string Transition, string Rule, string Node, string? Subject, long Id)> Alerts() =>
    [
        .. Deliveries.Select(d => (
            d.Body.GetProperty("transition").GetString()!,
            d.Body.GetProperty("alert").GetProperty("rule").GetString()!,
            d.Body.GetProperty("alert").GetProperty("node").GetString()!,
            d.Body.GetProperty("alert").TryGetProperty("subject", out var s) ? s.GetString() : null,
            d.Body.GetProperty("alert").GetProperty("id").GetInt64())),
    ];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
