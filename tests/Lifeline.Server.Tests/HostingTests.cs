using System.Net;
using System.Text.Json;
using Lifeline.Fleet.Inventory;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests;

/// <summary>The host's own surface: in-process registration, OpenAPI and the reference page, first-start admin.</summary>
[Collection(FleetCollection.Name)]
public sealed class HostingTests(FleetFixture fleet)
{
    private ServerHost Host => fleet.Host;

    [Fact]
    public async Task NodesAndCredentialsRegisteredInProcessAreServedAndAudited()
    {
        await Host.App.AddNodesAsync([new NodeDefinition { Name = "inproc1", Groups = ["demo"], IpmiUrl = "ipmi://admin@127.0.1.1" }], CancellationToken.None);
        await Host.App.SetCredentialAsync("demo-bmc", "admin", "demo-pw-Opal-1", CancellationToken.None);
        using var client = Host.Client(fleet.AdminToken);
        var node = JsonDocument.Parse(await client.GetStringAsync("nodes/inproc1")).RootElement;
        Assert.Equal("demo", node.GetProperty("groups")[0].GetString());
        Assert.Equal("demo-pw-Opal-1", await Host.CredentialPasswordAsync("demo-bmc"));
        var audit = await client.GetStringAsync("audit?action=nodes.add&user=-");
        Assert.Contains("inproc1", audit, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Host.App.AddNodesAsync([new NodeDefinition { Name = "bad name" }], CancellationToken.None));
        await client.DeleteAsync("nodes?noderange=inproc1");
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryRouteAndTheReferencePageIsServed()
    {
        using var client = Host.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(Host.BaseAddress, "/openapi/v1.json"))).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/auth/login", "/api/v1/nodes", "/api/v1/ops/{verb}", "/api/v1/audit", "/api/v1/nodes/{name}/power/{action}" })
        {
            Assert.True(paths.Contains(path) || paths.Contains(path + "/"), $"{path} missing from {string.Join(", ", paths)}");
        }

        using var page = await client.GetAsync(new Uri(Host.BaseAddress, "/api/reference"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
