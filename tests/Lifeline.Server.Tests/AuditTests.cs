using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Drivers;
using Lifeline.Server.Tests.Apis;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests;

/// <summary>Logins and mutations land in the audit log with who, where from, what, which nodes and how each ended.</summary>
[Collection(FleetCollection.Name)]
public sealed class AuditTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    private async Task<List<JsonElement>> AuditAsync(string query, string? token = null)
    {
        using var client = Host.Client(token ?? fleet.AdminToken);
        return [.. JsonDocument.Parse(await client.GetStringAsync($"audit?{query}")).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task SuccessfulAndFailedLoginsAreAuditedWithTheirSource()
    {
        await Host.LoginAsync("viewer", FleetFixture.ViewerPassword);
        using var client = Host.Client();
        using var failed = await client.PostAsJsonAsync("auth/login", new { user = "ghost", password = "whatever-it-is" });
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);

        var logins = await AuditAsync("action=auth.login&limit=50");
        var ok = logins.First(e => e.GetProperty("actor").GetString() == "viewer" && e.GetProperty("outcome").GetString() == "ok");
        Assert.Equal("127.0.0.1", ok.GetProperty("source").GetString());
        var ghost = logins.First(e => e.GetProperty("actor").GetString() == "ghost");
        Assert.Equal("failed", ghost.GetProperty("outcome").GetString());
        Assert.Equal("unknown-user", ghost.GetProperty("details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AStreamedMutationIsAuditedWithEveryNodesOutcome()
    {
        Host.Fleet.Failures["a2"] = new NodeError("bad-password", "a2: the BMC refused the password", "fix the credential");
        try
        {
            using var scoped = Host.Client(fleet.ScopedUserToken);
            var lines = await OperationsApiTests.StreamAsync(scoped, "power", new { noderange = "a1,a2,b1,c1", action = "off" });
            Assert.Equal(4, lines.Count);
        }
        finally
        {
            Host.Fleet.Failures.TryRemove("a2", out _);
        }

        var entry = (await AuditAsync("action=power.off&user=scoped&limit=1")).Single();
        Assert.Equal("partial", entry.GetProperty("outcome").GetString());
        Assert.Equal("a1,a2,b1,c1", entry.GetProperty("target").GetString());
        var nodes = entry.GetProperty("details").GetProperty("nodes");
        Assert.Equal("ok", nodes.GetProperty("a1").GetString());
        Assert.Equal("bad-password", nodes.GetProperty("a2").GetString());
        Assert.Equal("forbidden", nodes.GetProperty("b1").GetString());
        Assert.Equal("forbidden", nodes.GetProperty("c1").GetString());
    }

    [Fact]
    public async Task InventoryChangesAreAuditedAndReadsAreNot()
    {
        using var admin = Host.Client(fleet.AdminToken);
        await admin.PatchAsJsonAsync("nodes?noderange=c1", new { inband_address = "10.2.0.1" });
        await admin.GetStringAsync("nodes");
        var entries = await AuditAsync("limit=5");
        var change = entries.First(e => e.GetProperty("action").GetString() == "nodes.change");
        Assert.Equal("c1", change.GetProperty("target").GetString());
        Assert.Equal("inband_address", change.GetProperty("details").GetProperty("fields")[0].GetString());
        Assert.DoesNotContain(entries, e => e.GetProperty("action").GetString() == "nodes.list");
    }

    [Fact]
    public async Task NonAdminsSeeOnlyTheirOwnEntriesAndFiltersNarrowTheAnswer()
    {
        using var scoped = Host.Client(fleet.ScopedUserToken);
        await OperationsApiTests.StreamAsync(scoped, "identify", new { noderange = "a1", mode = "on" });
        var mine = await AuditAsync("limit=100", fleet.ScopedUserToken);
        Assert.NotEmpty(mine);
        Assert.All(mine, e => Assert.Equal("scoped", e.GetProperty("actor").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.GetAsync("audit?user=admin")).StatusCode);

        var page = await AuditAsync("limit=2");
        Assert.Equal(2, page.Count);
        Assert.True(page[0].GetProperty("id").GetInt64() > page[1].GetProperty("id").GetInt64());
        var next = await AuditAsync($"limit=2&before_id={page[1].GetProperty("id").GetInt64()}");
        Assert.True(next[0].GetProperty("id").GetInt64() < page[1].GetProperty("id").GetInt64());
        var future = await AuditAsync($"since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");
        Assert.Empty(future);
    }

    [Fact]
    public async Task ARefusedMutationIsAuditedAsDenied()
    {
        using var viewer = Host.Client(fleet.ViewerToken);
        using var response = await viewer.PutAsJsonAsync("credentials/sneaky", new { user = "u", password = "p-p-p-p-p" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = (await AuditAsync("action=credentials.set&user=viewer&limit=1")).Single();
        Assert.Equal("denied", entry.GetProperty("outcome").GetString());
        Assert.DoesNotContain("p-p-p-p-p", entry.ToString(), StringComparison.Ordinal);
    }
}
