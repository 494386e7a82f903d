using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests.Apis;

/// <summary>Nodes, groups, credentials, noderange, import and export through the API.</summary>
[Collection(FleetCollection.Name)]
public sealed class InventoryApiTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    private HttpClient Admin() => Host.Client(fleet.AdminToken);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task NodesAreListedWithTheContractsFieldNames()
    {
        using var client = Admin();
        var nodes = Json(await client.GetStringAsync("nodes?noderange=a1"));
        var a1 = Assert.Single(nodes.EnumerateArray());
        Assert.Equal("a1", a1.GetProperty("name").GetString());
        Assert.Equal("rackA", a1.GetProperty("groups")[0].GetString());
        Assert.Equal("ipmi://admin@127.0.0.1:623", a1.GetProperty("ipmi_url").GetString());
        Assert.Equal("auto", a1.GetProperty("management").GetString());
        foreach (var field in new[] { "redfish_url", "credential", "console_method", "inband_address", "location", "attributes" })
        {
            Assert.True(a1.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task EffectiveNodesInheritGroupAttributesAndCredential()
    {
        using var client = Admin();
        using var put = await client.PutAsJsonAsync("groups/rackB", new { description = "rack B", credential = "rackb-bmc", attributes = new { os = "rhel", site = "lab" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var patch = await client.PatchAsJsonAsync("nodes?noderange=b2", new { credential = (string?)null });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        var b2 = Json(await client.GetStringAsync("nodes/b2?effective=true"));
        Assert.Equal("debian", b2.GetProperty("attributes").GetProperty("os").GetString()); // own value wins
        Assert.Equal("lab", b2.GetProperty("attributes").GetProperty("site").GetString());
        Assert.Equal("rackb-bmc", b2.GetProperty("credential").GetString());
        var plain = Json(await client.GetStringAsync("nodes/b2"));
        Assert.False(plain.GetProperty("attributes").TryGetProperty("site", out _));

        var group = Json(await client.GetStringAsync("groups/rackB"));
        Assert.Equal(["b1", "b2"], group.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal("rack B", group.GetProperty("description").GetString());
        Assert.Contains("b2", Host.Fleet.Invalidated);
    }

    [Fact]
    public async Task AddingPatchingAndRemovingANodeRoundTrips()
    {
        using var client = Admin();
        using var added = await client.PostAsJsonAsync("nodes", new { name = "t1", groups = new[] { "rackT" }, ipmi_url = "ipmi://root@10.1.1.1", location = new { site = "s1", rack = "r9", u = 12 } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var twice = await client.PostAsJsonAsync("nodes", new { name = "t1" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        using var patched = await client.PatchAsJsonAsync("nodes?noderange=t1", new Dictionary<string, object?>
        {
            ["attributes"] = new Dictionary<string, string?> { ["Role"] = "compute" },
            ["location"] = new { u = 14 },
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var t1 = Json(await client.GetStringAsync("nodes/t1"));
        Assert.Equal("compute", t1.GetProperty("attributes").GetProperty("role").GetString());
        Assert.Equal(14, t1.GetProperty("location").GetProperty("u").GetInt32());
        Assert.Equal("r9", t1.GetProperty("location").GetProperty("rack").GetString());

        using var removeAttr = await client.PatchAsJsonAsync("nodes?noderange=t1", new { attributes = new Dictionary<string, string?> { ["role"] = null } });
        Assert.Equal(HttpStatusCode.OK, removeAttr.StatusCode);
        Assert.False(Json(await client.GetStringAsync("nodes/t1")).GetProperty("attributes").TryGetProperty("role", out _));

        using var removed = await client.DeleteAsync("nodes?noderange=t1");
        Assert.Equal(1, Json(await removed.Content.ReadAsStringAsync()).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("nodes/t1")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"bad name"}""")]
    [InlineData("""{"name":"x1","ipmi_url":"http://10.0.0.1"}""")]
    [InlineData("""{"groups":["g"]}""")]
    [InlineData("""[{"name":"d1"},{"name":"d1"}]""")]
    [InlineData("""not json""")]
    public async Task ABadNodeIs400WithANextStep(string body)
    {
        using var client = Admin();
        using var response = await client.PostAsync("nodes", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"next\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatchWithAnUnknownMemberIs400AndChangesNothing()
    {
        using var client = Admin();
        using var response = await client.PatchAsJsonAsync("nodes?noderange=a1", new { colour = "red" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var missing = await client.PatchAsJsonAsync("nodes", new { groups = new[] { "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task ANoderangeSyntaxErrorIs400WithItsPosition()
    {
        using var client = Admin();
        using var response = await client.GetAsync("noderange?expr=a1,n[1-");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Json(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, problem.GetProperty("position").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("next").GetString()));
    }

    [Fact]
    public async Task NoderangeExpandsAndFolds()
    {
        using var client = Admin();
        var answer = Json(await client.GetStringAsync("noderange?expr=rackA,b1"));
        Assert.Equal(["a1", "a2", "b1"], answer.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToArray());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("folded").GetString()));
    }

    [Fact]
    public async Task NoderangesSeeInheritedAttributesAndUnknownNamesAre400()
    {
        using var client = Admin();
        using var put = await client.PutAsJsonAsync("groups/rackC", new { attributes = new { tier = "gold" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var answer = Json(await client.GetStringAsync("noderange?expr=tier=gold"));
        Assert.Equal(["c1"], answer.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToArray());
        using var unknown = await client.GetAsync("nodes?noderange=a1,zz9");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(3, Json(await unknown.Content.ReadAsStringAsync()).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task CredentialsAreStoredButTheirPasswordIsNeverAnswered()
    {
        using var client = Admin();
        using var put = await client.PutAsJsonAsync("credentials/bmc", new { user = "ADMIN", password = "bmc-secret-Olivine-1" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var putBody = await put.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Olivine", putBody, StringComparison.Ordinal);
        Assert.Equal("bmc-secret-Olivine-1", await Host.CredentialPasswordAsync("bmc"));
        var list = await client.GetStringAsync("credentials");
        Assert.Contains("\"user_name\":\"ADMIN\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Olivine", list, StringComparison.Ordinal);
        Assert.Contains("a1", Host.Fleet.Invalidated);

        using var put2 = await client.PutAsJsonAsync("credentials/spare", new { user = "u", password = "p" });
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("credentials/spare")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("credentials/spare")).StatusCode);
        using var empty = await client.PutAsJsonAsync("credentials/x", new { user = "u" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task GroupsAreListedDefinedAndRemoved()
    {
        using var client = Admin();
        using var put = await client.PutAsJsonAsync("groups/spare", new { description = "nothing in it" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = Json(await client.GetStringAsync("groups"));
        Assert.Contains(list.EnumerateArray(), g => g.GetProperty("name").GetString() == "spare");
        Assert.Contains(list.EnumerateArray(), g => g.GetProperty("name").GetString() == "rackC"); // named only by a node
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("groups/spare")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("groups/spare")).StatusCode);
    }

    [Fact]
    public async Task ImportStoresEveryNodeAndExportGivesThemBack()
    {
        using var client = Admin();
        var csv = "name,groups,ipmi\nimp1,rackI,ipmi://admin@10.9.0.1\nimp2,rackI;extra,ipmi://admin@10.9.0.2\n";
        using var imported = await client.PostAsync("inventory/import?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, Json(await imported.Content.ReadAsStringAsync()).GetProperty("nodes").GetInt32());

        using var exported = await client.GetAsync("inventory/export?format=csv&noderange=rackI");
        Assert.Equal("text/csv", exported.Content.Headers.ContentType?.MediaType);
        var text = await exported.Content.ReadAsStringAsync();
        Assert.Contains("imp2,rackI;extra,ipmi://admin@10.9.0.2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("imp0", text, StringComparison.Ordinal);

        using var yaml = await client.GetAsync("inventory/export?format=yaml");
        Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
        Assert.Contains("imp1", await yaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var bad = await client.PostAsync("inventory/import?format=csv", new StringContent("name,groups,ipmi\nbad name!,rackI,\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("line 2", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var noFormat = await client.GetAsync("inventory/export?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, noFormat.StatusCode);

        await client.DeleteAsync("nodes?noderange=rackI");
    }
}
