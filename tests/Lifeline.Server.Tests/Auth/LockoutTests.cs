using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Server.Tests.Auth;

/// <summary>Login throttling and lockout through the real host, its clock a FakeTimeProvider.</summary>
public sealed class LockoutTests
{
    private const string Password = "tess-pw-Feldspar-42";

    [Fact]
    public async Task FailedLoginsAreDelayedExponentiallyThenTheAccountLocksUntilItsTimeRunsOut()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await ServerHost.StartAsync(time, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Auth:FreeAttempts"] = "2",
            ["Lifeline:Auth:ThrottleBaseDelay"] = "00:00:01",
            ["Lifeline:Auth:LockoutThreshold"] = "5",
            ["Lifeline:Auth:LockoutDuration"] = "00:10:00",
            ["Lifeline:Auth:Argon2MemoryKiB"] = "1024",
        });
        using (var admin = host.Client(await host.LoginAsync("admin", ServerHost.AdminPassword)))
        {
            using var created = await admin.PostAsJsonAsync("users", new { name = "tess", password = Password, grants = new[] { new { role = "viewer", scope = "*" } } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var client = host.Client();
        async Task<HttpResponseMessage> Login(string password) => await client.PostAsJsonAsync("auth/login", new { user = "tess", password });

        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("wrong-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("wrong-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("wrong-3")).StatusCode); // 3rd failure: 1 s delay from now on

        using (var throttled = await Login(Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("wrong-4")).StatusCode);
        using (var throttled = await Login(Password))
        {
            Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login("wrong-5")).StatusCode); // 5th: locked for 10 min

        time.Advance(TimeSpan.FromSeconds(4));
        using (var locked = await Login(Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 590, 600);
            Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var stored = await host.Store.GetUserAsync("tess", default);
        Assert.Equal(5, stored!.FailedLogins);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromSeconds(4) + TimeSpan.FromMinutes(10), stored.LockedUntil);

        time.Advance(TimeSpan.FromMinutes(10));
        using (var ok = await Login(Password))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(0, (await host.Store.GetUserAsync("tess", default))!.FailedLogins);
        var outcomes = (await host.Store.QueryAuditAsync(new Lifeline.Fleet.Security.AuditQuery(Actor: "tess", ActionPrefix: "auth.login"), default))
            .Select(e => e.Outcome).Reverse().ToList();
        Assert.Equal(["failed", "failed", "failed", "denied", "failed", "denied", "failed", "denied", "ok"], outcomes);
    }

    [Fact]
    public async Task AnAdminCanUnlockALockedAccountAndTokensExpireOnTheServiceClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await ServerHost.StartAsync(time, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Auth:FreeAttempts"] = "100",
            ["Lifeline:Auth:LockoutThreshold"] = "2",
            ["Lifeline:Auth:Argon2MemoryKiB"] = "1024",
        });
        using var admin = host.Client(await host.LoginAsync("admin", ServerHost.AdminPassword));
        await admin.PostAsJsonAsync("users", new { name = "tess", password = Password, grants = new[] { new { role = "viewer", scope = "*" } } });
        using var client = host.Client();
        await client.PostAsJsonAsync("auth/login", new { user = "tess", password = "nope-1" });
        await client.PostAsJsonAsync("auth/login", new { user = "tess", password = "nope-2" });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("auth/login", new { user = "tess", password = Password })).StatusCode);

        using var unlock = await admin.PatchAsJsonAsync("users/tess", new { unlock = true });
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        using var login = await client.PostAsJsonAsync("auth/login", new { user = "tess", password = Password, ttl_hours = 1 });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();

        using var tess = host.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await tess.GetAsync("auth/whoami")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await tess.GetAsync("auth/whoami")).StatusCode);
        var listed = await host.Store.ListTokensAsync("tess", false, default);
        Assert.Equal(time.GetUtcNow(), listed.Single().LastUsedAt); // touched again after a minute
        time.Advance(TimeSpan.FromMinutes(1));
        using var expired = await tess.GetAsync("auth/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastUsedIsWrittenAtMostOnceAMinute()
    {
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        await using var host = await ServerHost.StartAsync(time, settings: new Dictionary<string, string?> { ["Lifeline:Auth:Argon2MemoryKiB"] = "1024" });
        using var admin = host.Client(await host.LoginAsync("admin", ServerHost.AdminPassword));
        async Task<DateTimeOffset?> LastUsed() => (await host.Store.ListTokensAsync("admin", false, default)).Single().LastUsedAt;

        await admin.GetStringAsync("auth/whoami");
        Assert.Equal(start, await LastUsed());
        for (int i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await admin.GetStringAsync("auth/whoami");
        }

        Assert.Equal(start, await LastUsed());
        time.Advance(TimeSpan.FromSeconds(11));
        await admin.GetStringAsync("auth/whoami");
        Assert.Equal(start + TimeSpan.FromSeconds(61), await LastUsed());
    }
}
