using System.Collections.Concurrent;
using System.Net;
using Lifeline.Redfish.Operations;
using Lifeline.Redfish.Tests.Fakes;
using Lifeline.Redfish.Tls;
using Microsoft.Extensions.Logging;

namespace Lifeline.Redfish.Tests;

public sealed class SubscriptionAndLoggingTests
{
    private static FakeRedfishHandler Events()
    {
        var fake = new FakeRedfishHandler();
        fake.Json("/redfish/v1", """
            {"@odata.id": "/redfish/v1", "@odata.type": "#ServiceRoot.v1_17_0.ServiceRoot", "EventService": {"@odata.id": "/redfish/v1/EventService"},
             "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}}}
            """);
        fake.Json("/redfish/v1/EventService", """{"@odata.type": "#EventService.v1_10_2.EventService", "Subscriptions": {"@odata.id": "/redfish/v1/EventService/Subscriptions"}}""");
        fake.Json("/redfish/v1/EventService/Subscriptions", """{"Members": [{"@odata.id": "/redfish/v1/EventService/Subscriptions/1"}]}""");
        fake.Json("/redfish/v1/EventService/Subscriptions/1", """{"@odata.type": "#EventDestination.v1_15_0.EventDestination", "Id": "1", "Destination": "https://listener.example/events", "Protocol": "Redfish", "Context": "lifeline"}""");
        fake.Route("POST /redfish/v1/EventService/Subscriptions", _ =>
        {
            var r = FakeRedfishHandler.JsonResponse(HttpStatusCode.Created, """{"@odata.id": "/redfish/v1/EventService/Subscriptions/2"}""");
            r.Headers.Location = new Uri("/redfish/v1/EventService/Subscriptions/2", UriKind.Relative);
            return r;
        });
        fake.Route("DELETE /redfish/v1/EventService/Subscriptions/2", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        return fake;
    }

    [Fact]
    public async Task SubscriptionsAreListedCreatedAndDeleted()
    {
        var fake = Events();
        await using var client = fake.Client();
        var bmc = new RedfishBmc(client);
        var existing = Assert.Single(await bmc.ListSubscriptionsAsync());
        Assert.Equal(Lifeline.Redfish.Resources.EventDestinationProtocol.Redfish, existing.Protocol);
        var created = await bmc.CreateSubscriptionAsync(new Uri("https://lifeline.example:8443/redfish/events"), "node42", ["Alert"]);
        Assert.Equal("/redfish/v1/EventService/Subscriptions/2", created);
        var post = fake.SeenWith("POST", "/redfish/v1/EventService/Subscriptions").Single();
        Assert.Equal("""{"Destination":"https://lifeline.example:8443/redfish/events","Protocol":"Redfish","Context":"node42","EventTypes":["Alert"]}""", post.Body);
        await bmc.DeleteSubscriptionAsync(created);
        Assert.Single(fake.SeenWith("DELETE", created));
    }

    [Fact]
    public async Task NeitherThePasswordNorTheTokenIsEverLogged()
    {
        var fake = Events();
        var logs = new CapturingLoggerFactory();
        await using (var client = fake.Client(tweak: o => o with { LoggerFactory = logs, Tls = TlsPolicy.Insecure() }))
        {
            await new RedfishBmc(client).ListSubscriptionsAsync();
            fake.ValidToken = "expired";
            await new RedfishBmc(client).ListSubscriptionsAsync();
        }
        Assert.Contains(logs.Lines, l => l.Contains("INSECURE", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("logging in again", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("secret", StringComparison.Ordinal) || l.Contains("token-", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public void AddProvider(ILoggerProvider provider) { }
        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
