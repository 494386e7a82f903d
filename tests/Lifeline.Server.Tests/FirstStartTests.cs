using System.Net;
using System.Net.Http.Json;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests;

/// <summary>The first admin: from LIFELINE_ADMIN_PASSWORD when configured nowhere else, created once, kept across restarts.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task TheFirstAdminTakesTheEnvironmentPasswordOnceAndARestartKeepsUsersAndTokens()
    {
        const string password = "env-admin-pw-Spinel-88";
        var data = Directory.CreateTempSubdirectory("lifeline-server-restart-").FullName;
        var empty = new Dictionary<string, string?> { ["Lifeline:Auth:AdminPassword"] = "" };
        string? reported = null;
        string token;
        Environment.SetEnvironmentVariable("LIFELINE_ADMIN_PASSWORD", password);
        try
        {
            var first = await ServerHost.StartAsync(settings: empty, dataDirectory: data, configure: o => o.AdminPasswordCreated = p => reported = p);
            first.KeepData = true;
            await using (first)
            {
                token = await first.LoginAsync("admin", password);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("LIFELINE_ADMIN_PASSWORD", null);
        }

        Assert.Null(reported); // a configured password is never reported back

        await using var second = await ServerHost.StartAsync(settings: empty, dataDirectory: data, configure: o => o.AdminPasswordCreated = p => reported = p);
        Assert.Null(reported); // users exist: no new admin, no random password
        using var client = second.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("auth/whoami")).StatusCode);
        await second.LoginAsync("admin", password);
        using var wrong = await second.Client().PostAsJsonAsync("auth/login", new { user = "admin", password = ServerHost.AdminPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}
