using System.Net;
using System.Net.Http.Headers;
using Lifeline.Redfish.Http;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Redfish.Tests;

public sealed class RetryTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private static (FakeRedfishHandler Fake, FakeTimeProvider Time, Func<int> Calls) Throttled(HttpStatusCode status, Action<HttpResponseHeaders> retryAfter, int failures)
    {
        var fake = new FakeRedfishHandler { RequireAuth = false };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var calls = 0;
        fake.Json("/redfish/v1/Systems/1", """{"@odata.id": "/redfish/v1/Systems/1", "@odata.type": "#ComputerSystem.v1_22_0.ComputerSystem", "PowerState": "Off"}""");
        fake.Route("GET /redfish/v1/Systems/1", _ =>
        {
            if (++calls > failures)
            {
                return null;
            }
            var r = FakeRedfishHandler.Error(status, "Base.1.8.ServiceTemporarilyUnavailable", "busy");
            retryAfter(r.Headers);
            return r;
        });
        return (fake, time, () => calls);
    }

    [Fact]
    public async Task A503WithRetryAfterSecondsWaitsExactlyThatLongOnTheTimeProvider()
    {
        var (fake, time, calls) = Throttled(HttpStatusCode.ServiceUnavailable, h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5)), 1);
        await using var client = fake.Client(RedfishAuthMode.None, time);
        var get = client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        Assert.Equal(1, calls());
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(get.IsCompleted);
        Assert.Equal(1, calls());
        time.Advance(TimeSpan.FromSeconds(0.1));
        var system = await get.WaitAsync(Guard);
        Assert.Equal(PowerState.Off, system.PowerState);
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task A429WithAnHttpDateRetryAfterWaitsUntilThatDate()
    {
        var (fake, time, calls) = Throttled((HttpStatusCode)429, h => h.RetryAfter = new RetryConditionHeaderValue(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero)), 1);
        await using var client = fake.Client(RedfishAuthMode.None, time);
        var get = client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1");
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(get.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await get.WaitAsync(Guard);
        Assert.Equal(2, calls());
    }

    [Fact]
    public async Task ARetryAfterBeyondTheBudgetIsReturnedAsARetryableRejectionWithoutWaiting()
    {
        var (fake, time, calls) = Throttled(HttpStatusCode.ServiceUnavailable, h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)), 10);
        await using var client = fake.Client(RedfishAuthMode.None, time);
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1").WaitAsync(Guard));
        Assert.Equal(RedfishError.Rejected, e.Error);
        Assert.Equal(503, e.StatusCode);
        Assert.True(e.IsRetryable);
        Assert.Equal(1, calls());
    }

    [Fact]
    public async Task AStormOfThrottlesStopsAfterTheRetryCount()
    {
        // Retry-After: 0 keeps this test about the count; the waits themselves are proven above.
        var (fake, time, calls) = Throttled(HttpStatusCode.ServiceUnavailable, h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero), 100);
        await using var client = fake.Client(RedfishAuthMode.None, time, tweak: o => o with { MaxRetries = 3 });
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetAsync<ComputerSystem>("/redfish/v1/Systems/1").WaitAsync(Guard));
        Assert.Equal(503, e.StatusCode);
        Assert.Equal(4, calls());
    }

    [Fact]
    public void BackoffWithoutRetryAfterDoublesAndIsCapped()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RetryPolicy.Backoff(0));
        Assert.Equal(TimeSpan.FromSeconds(8), RetryPolicy.Backoff(3));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Backoff(20));
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Delay(new RetryConditionHeaderValue(now.AddSeconds(-5)), 0, now));
    }
}
