using System.Collections.Concurrent;
using System.Text;
using Lifeline.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Tests.Monitoring;

/// <summary>
/// With <c>Lifeline:Telemetry:OtlpEndpoint</c> set, the service pushes its own metrics as OTLP/HTTP protobuf: the
/// monitor's meter, ASP.NET Core's request metrics and the runtime's, to a receiver that records what arrives.
/// </summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task TheServicePushesItsOwnMetricsOverOtlp()
    {
        var received = new ConcurrentQueue<(string ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.ContentType ?? "", body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        var address = new Uri(collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await using var host = await ServerHost.StartAsync(fakeFleet: true, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Telemetry:OtlpEndpoint"] = new Uri(address, "/v1/metrics").ToString(),
            ["Lifeline:Telemetry:ExportInterval"] = "00:00:00.500",
        });
        using var client = host.Client(await host.LoginAsync("admin", ServerHost.AdminPassword));
        Assert.True((await client.GetAsync("nodes")).IsSuccessStatusCode);

        string Text() => string.Join("\n", received.Select(r => Encoding.UTF8.GetString(r.Body)));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(Text().Contains("lifeline.monitoring.nodes", StringComparison.Ordinal) && Text().Contains("http.server.request.duration", StringComparison.Ordinal))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.NotEmpty(received);
        Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        var text = Text();
        Assert.Contains("Lifeline.Monitoring", text, StringComparison.Ordinal);           // the meter (instrumentation scope)
        Assert.Contains("lifeline.monitoring.nodes", text, StringComparison.Ordinal);     // one of its instruments
        Assert.Contains("http.server.request.duration", text, StringComparison.Ordinal);  // ASP.NET Core's
        Assert.Contains("lifeline", text, StringComparison.Ordinal);                       // service.name
    }
}
