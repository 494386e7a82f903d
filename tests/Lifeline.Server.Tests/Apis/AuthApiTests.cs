using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests.Apis;

[Collection(FleetCollection.Name)]
public sealed class AuthApiTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    [Fact]
    public async Task HealthzAnswersOkWithoutAuthentication()
    {
        using var client = Host.Client();
        Assert.Equal("ok", await client.GetStringAsync(new Uri(Host.BaseAddress, "/healthz")));
        Assert.Equal("ok", await client.GetStringAsync("healthz"));
    }

    [Fact]
    public async Task LoginReturnsATokenThatWhoamiRecognises()
    {
        var token = await Host.LoginAsync("scoped", FleetFixture.ScopedPassword);
        Assert.StartsWith("ll_", token, StringComparison.Ordinal);
        using var client = Host.Client(token);
        var whoami = JsonDocument.Parse(await client.GetStringAsync("auth/whoami")).RootElement;
        Assert.Equal("scoped", whoami.GetProperty("user").GetString());
        Assert.Equal("operator", whoami.GetProperty("grants")[0].GetProperty("role").GetString());
        Assert.Equal("rackA", whoami.GetProperty("grants")[0].GetProperty("scope").GetString());
        Assert.Equal("login", whoami.GetProperty("token").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AWrongPasswordIs401WithAProblemThatSaysWhatToDo()
    {
        using var client = Host.Client();
        using var response = await client.PostAsJsonAsync("auth/login", new { user = "viewer", password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("next").GetString()));
    }

    [Fact]
    public async Task ARequestWithoutATokenIs401AndAMalformedTokenToo()
    {
        using var anonymous = Host.Client();
        using var none = await anonymous.GetAsync("nodes");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        using var bad = Host.Client("ll_nosuchid_secret");
        using var refused = await bad.GetAsync("nodes");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ATokenMadeByPostTokensWorksIsListedAndStopsWorkingOnceRevoked()
    {
        using var viewer = Host.Client(fleet.ViewerToken);
        using var created = await viewer.PostAsJsonAsync("tokens", new { name = "ci", ttl_hours = 2 });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetString()!;

        using var ci = Host.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await ci.GetAsync("auth/whoami")).StatusCode);
        var listed = JsonDocument.Parse(await viewer.GetStringAsync("tokens")).RootElement;
        var entry = listed.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal("viewer", entry.GetProperty("user_name").GetString());
        Assert.Equal("ci", entry.GetProperty("name").GetString());
        Assert.False(entry.TryGetProperty("secret_hash", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await viewer.DeleteAsync($"tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync("auth/whoami")).StatusCode);
    }

    [Fact]
    public async Task AScopedTokenCannotMintAStrongerOne()
    {
        using var client = Host.Client(fleet.ScopedToken);
        using var response = await client.PostAsJsonAsync("tokens", new { name = "escalate", max_role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OthersTokensAreListedOnlyForAdmins()
    {
        using var viewer = Host.Client(fleet.ViewerToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("tokens?user=operator")).StatusCode);
        using var admin = Host.Client(fleet.AdminToken);
        var all = JsonDocument.Parse(await admin.GetStringAsync("tokens?user=*")).RootElement;
        Assert.Contains(all.EnumerateArray(), t => t.GetProperty("user_name").GetString() == "operator");
    }
}
