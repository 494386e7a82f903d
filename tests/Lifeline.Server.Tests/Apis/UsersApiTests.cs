using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests.Apis;

[Collection(FleetCollection.Name)]
public sealed class UsersApiTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    [Fact]
    public async Task AUserIsCreatedChangedDisabledAndRemovedWithoutItsHashEverShown()
    {
        using var admin = Host.Client(fleet.AdminToken);
        using var created = await admin.PostAsJsonAsync("users", new { name = "dora", password = "dora-pw-Mica-1234", grants = new[] { new { role = "viewer", scope = "rackC" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("argon2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("password", body, StringComparison.Ordinal);

        using var again = await admin.PostAsJsonAsync("users", new { name = "dora", password = "dora-pw-Mica-1234" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var token = await Host.LoginAsync("dora", "dora-pw-Mica-1234");
        using var dora = Host.Client(token);
        var visible = JsonDocument.Parse(await dora.GetStringAsync("nodes")).RootElement.EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
        Assert.Equal(["c1"], visible);

        using var changed = await admin.PatchAsJsonAsync("users/dora", new { password = "dora-pw-Mica-5678", grants = new[] { new { role = "operator", scope = "*" } } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("operator", JsonDocument.Parse(await admin.GetStringAsync("users/dora")).RootElement.GetProperty("grants")[0].GetProperty("role").GetString());
        await Host.LoginAsync("dora", "dora-pw-Mica-5678");

        using var disabled = await admin.PatchAsJsonAsync("users/dora", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dora.GetAsync("auth/whoami")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("users/dora")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("users/dora")).StatusCode);
        var all = await admin.GetStringAsync("users");
        Assert.DoesNotContain("argon2", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x y","password":"long-enough-pw"}""")]
    [InlineData("""{"name":"shorty","password":"short"}""")]
    [InlineData("""{"name":"badgrant","password":"long-enough-pw","grants":[{"role":"admin","scope":"a b"}]}""")]
    public async Task BadUsersAre400(string body)
    {
        using var admin = Host.Client(fleet.AdminToken);
        using var response = await admin.PostAsync("users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheLastAdminCannotBeRemovedOrDemoted()
    {
        using var admin = Host.Client(fleet.AdminToken);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync("users/admin")).StatusCode);
        using var demote = await admin.PatchAsJsonAsync("users/admin", new { grants = new[] { new { role = "viewer", scope = "*" } } });
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
    }
}
