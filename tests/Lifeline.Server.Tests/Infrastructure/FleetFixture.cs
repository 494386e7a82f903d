using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Fleet.Inventory;

namespace Lifeline.Server.Tests.Infrastructure;

/// <summary>
/// One running service shared by the API tests: nodes a1,a2 (rackA), b1,b2 (rackB), c1 (rackC) and users with tokens:
/// admin, operator (operator over *), viewer (viewer over *), scoped (operator on rackA, viewer on rackB) and a scoped
/// token (the admin's, max_role viewer).
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const string OperatorPassword = "operator-pw-Basalt-2290";
    public const string ViewerPassword = "viewer-pw-Gneiss-5512";
    public const string ScopedPassword = "scoped-pw-Schist-8830";

    internal ServerHost Host { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public string OperatorToken { get; private set; } = "";

    public string ViewerToken { get; private set; } = "";

    public string ScopedUserToken { get; private set; } = "";

    public string ScopedToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await ServerHost.StartAsync();
        AdminToken = await Host.LoginAsync("admin", ServerHost.AdminPassword);
        using var admin = Host.Client(AdminToken);
        await CreateUserAsync(admin, "operator", OperatorPassword, [new { role = "operator", scope = "*" }]);
        await CreateUserAsync(admin, "viewer", ViewerPassword, [new { role = "viewer", scope = "*" }]);
        await CreateUserAsync(admin, "scoped", ScopedPassword, [new { role = "operator", scope = "rackA" }, new { role = "viewer", scope = "rackB" }]);
        OperatorToken = await Host.LoginAsync("operator", OperatorPassword);
        ViewerToken = await Host.LoginAsync("viewer", ViewerPassword);
        ScopedUserToken = await Host.LoginAsync("scoped", ScopedPassword);
        using (var response = await admin.PostAsJsonAsync("tokens", new { name = "read-only", max_role = "viewer" }))
        {
            var body = await Host.ReadAsync(response);
            response.EnsureSuccessStatusCode();
            ScopedToken = JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
        }

        NodeDefinition[] nodes =
        [
            Node("a1", "rackA"), Node("a2", "rackA"), Node("b1", "rackB"), Node("b2", "rackB"), Node("c1", "rackC"),
        ];
        using var add = await admin.PostAsJsonAsync("nodes", nodes, Lifeline.Fleet.Operations.FleetJson.Options);
        Assert.True(add.IsSuccessStatusCode, await Host.ReadAsync(add));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    internal static NodeDefinition Node(string name, string group) => new()
    {
        Name = name,
        Groups = [group],
        IpmiUrl = $"ipmi://admin@127.0.0.{name[^1]}:623",
        Credential = "bmc",
        Attributes = new Dictionary<string, string> { ["os"] = "debian" },
    };

    private async Task CreateUserAsync(HttpClient admin, string name, string password, object[] grants)
    {
        using var response = await admin.PostAsJsonAsync("users", new { name, password, grants });
        Assert.True(response.IsSuccessStatusCode, $"creating {name}: {await Host.ReadAsync(response)}");
    }
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetFixture>
{
    public const string Name = "fleet service";
}
