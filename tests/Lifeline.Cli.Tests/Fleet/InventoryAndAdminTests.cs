using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Cli.Tests.Fleet;

/// <summary>nodes, groups, credentials, users, tokens and audit against a fake service.</summary>
public sealed class InventoryAndAdminTests : IDisposable
{
    private readonly FleetCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static object Node(string name, string group, string? redfish = null) => new
    {
        name, groups = new[] { group }, ipmi_url = $"ipmi://admin@10.0.0.{name[^1]}", redfish_url = redfish, management = "auto", credential = "bmc",
        console_method = (string?)null, inband_address = (string?)null, location = new { site = (string?)null, rack = "r1", u = 7 },
        attributes = new Dictionary<string, string> { ["os"] = "debian" },
    };

    [Fact]
    public async Task NodesListIsAnAlignedTableAndJsonIsOneNodePerLine()
    {
        _cli.Service.OnJson("GET", "nodes", new[] { Node("n1", "rack1"), Node("node2", "rack2", "redfish://admin@10.0.1.2") });

        Assert.Equal(0, await _cli.RunAsync("nodes", "list", "rack1,rack2", "--effective"));
        Assert.Equal(
        [
            "NAME   GROUPS  IPMI                   REDFISH                   CREDENTIAL  ATTRIBUTES",
            "n1     rack1   ipmi://admin@10.0.0.1  -                         bmc         os=debian",
            "node2  rack2   ipmi://admin@10.0.0.2  redfish://admin@10.0.1.2  bmc         os=debian",
        ], _cli.OutputLines);
        Assert.Equal("noderange=rack1,rack2&effective=true", _cli.Service.Requests.Single().Query);

        _cli.Terminal.OutWriter.GetStringBuilder().Clear();
        Assert.Equal(0, await _cli.RunAsync("nodes", "list", "-o", "json"));
        Assert.Equal(2, _cli.OutputLines.Length);
        Assert.Equal("n1", JsonDocument.Parse(_cli.OutputLines[0]).RootElement.GetProperty("name").GetString());
        Assert.Equal("r1", JsonDocument.Parse(_cli.OutputLines[0]).RootElement.GetProperty("location").GetProperty("rack").GetString());
    }

    [Fact]
    public async Task NodesShowPrintsEveryField()
    {
        _cli.Service.OnJson("GET", "nodes/n1", Node("n1", "rack1"));
        Assert.Equal(0, await _cli.RunAsync("nodes", "show", "n1"));
        Assert.Contains("ipmi:           ipmi://admin@10.0.0.1", _cli.OutputLines);
        Assert.Contains("location:       ?/r1/U7", _cli.OutputLines);
        Assert.Contains("attribute os:   debian", _cli.OutputLines);
    }

    [Fact]
    public async Task NodesAddSendsTheNodeDefinition()
    {
        _cli.Service.On("POST", "nodes", _ => FakeFleetService.Json(new { count = 1, nodes = new[] { "n1" } }, HttpStatusCode.Created));

        Assert.Equal(0, await _cli.RunAsync("nodes", "add", "n1", "--ipmi", "ipmi://admin@10.0.0.1", "--groups", "rack1, compute", "--credential", "bmc",
            "--attr", "os=debian", "--attr", "Role=db", "--management", "ipmi", "--rack", "r7", "--unit", "12"));

        var body = _cli.Service.Requests.Single().Json;
        Assert.Equal("n1", body.GetProperty("name").GetString());
        Assert.Equal(["rack1", "compute"], body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("ipmi://admin@10.0.0.1", body.GetProperty("ipmi_url").GetString());
        Assert.Equal("ipmi", body.GetProperty("management").GetString());
        Assert.Equal("db", body.GetProperty("attributes").GetProperty("role").GetString());
        Assert.Equal(12, body.GetProperty("location").GetProperty("u").GetInt32());
        Assert.Equal(["added n1"], _cli.OutputLines);
    }

    [Fact]
    public async Task NodesSetPatchesOnlyTheFieldsGivenAndAnEmptyAttributeRemovesIt()
    {
        _cli.Service.OnJson("PATCH", "nodes", new { count = 20, nodes = Enumerable.Range(1, 20).Select(i => $"n{i}").ToArray() });

        Assert.Equal(0, await _cli.RunAsync("nodes", "set", "n[1-20]", "--groups", "rack2", "--attr", "os=", "--attr", "tier=gold", "--redfish", ""));

        var request = _cli.Service.Requests.Single();
        Assert.Equal("noderange=n[1-20]", request.Query);
        Assert.Equal(["attributes", "groups", "redfish_url"], request.Json.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.Null, request.Json.GetProperty("attributes").GetProperty("os").ValueKind);
        Assert.Equal("gold", request.Json.GetProperty("attributes").GetProperty("tier").GetString());
        Assert.Equal(JsonValueKind.Null, request.Json.GetProperty("redfish_url").ValueKind);
        Assert.Equal(["changed 20 nodes: n[1-20]"], _cli.OutputLines);
    }

    [Theory]
    [InlineData(new[] { "nodes", "add", "n1", "--redfish" }, "--redfish needs a value")]
    [InlineData(new[] { "nodes", "add", "n1", "--ipmi", "10.0.0.1" }, "--ipmi '10.0.0.1': expected ipmi://USER@HOST[:PORT]")]
    [InlineData(new[] { "nodes", "add", "n1", "--attr", "novalue" }, "--attr 'novalue': expected KEY=VALUE")]
    [InlineData(new[] { "nodes", "add", "n1", "--attr", "os=" }, "--attr os=: a new node has no attributes to remove")]
    [InlineData(new[] { "nodes", "add", "n1", "--management", "snmp" }, "--management 'snmp': expected auto, ipmi or redfish")]
    public async Task BadNodeOptionsAreUsageErrorsBeforeAnyRequest(string[] args, string expected)
    {
        Assert.Equal(2, await _cli.RunAsync(args));
        Assert.Contains(expected, _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Service.Requests);
    }

    [Fact]
    public async Task NodesSetWithNothingToChangeIsAUsageError()
    {
        Assert.Equal(2, await _cli.RunAsync("nodes", "set", "n1"));
        Assert.Contains("nothing to change", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodesRemoveImportAndExportUseTheInventoryEndpoints()
    {
        _cli.Service.OnJson("DELETE", "nodes", new { count = 2, nodes = new[] { "n1", "n2" } });
        _cli.Service.OnJson("POST", "inventory/import", new { nodes = 3, groups = 1 });
        _cli.Service.On("GET", "inventory/export", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("nodes:\n- name: n1") });
        string file = Path.Combine(_cli.ConfigHome, "fleet.yml");
        File.WriteAllText(file, "nodes:\n- name: n1\n");

        Assert.Equal(0, await _cli.RunAsync("nodes", "remove", "n[1-2]"));
        Assert.Equal(0, await _cli.RunAsync("nodes", "import", file));
        Assert.Equal(0, await _cli.RunAsync("nodes", "export", "rack1", "--format", "csv"));

        var requests = _cli.Service.Requests.ToArray();
        Assert.Equal(("DELETE", "noderange=n[1-2]"), (requests[0].Method, requests[0].Query));
        Assert.Equal(("format=yaml", "application/yaml", "nodes:\n- name: n1\n"), (requests[1].Query, requests[1].ContentType, requests[1].Body));
        Assert.Equal("format=csv&noderange=rack1", requests[2].Query);
        Assert.Equal(["removed 2 nodes: n1,n2", $"imported 3 nodes and 1 group from {file}", "nodes:", "- name: n1"], _cli.OutputLines);
    }

    [Fact]
    public async Task ImportOfAFileWithAnUnknownExtensionAsksForTheFormat()
    {
        string file = Path.Combine(_cli.ConfigHome, "fleet.txt");
        File.WriteAllText(file, "x");
        Assert.Equal(2, await _cli.RunAsync("nodes", "import", file));
        Assert.Contains("add --format yaml or --format csv", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupsSetKeepsTheFieldsNotGivenAndRemovesAnEmptyAttribute()
    {
        _cli.Service.OnJson("GET", "groups/rack1", new { name = "rack1", description = "row A", credential = "bmc", attributes = new { site = "north", os = "debian" }, members = new[] { "n1" } });
        _cli.Service.On("PUT", "groups/rack1", r => FakeFleetService.Json(new { name = "rack1", description = "row A", credential = "bmc2", attributes = new { }, members = new[] { "n1", "n2" } }));

        Assert.Equal(0, await _cli.RunAsync("groups", "set", "rack1", "--credential", "bmc2", "--attr", "os=", "--attr", "tier=gold"));

        var put = _cli.Service.Requests.Last().Json;
        Assert.Equal("row A", put.GetProperty("description").GetString());
        Assert.Equal("bmc2", put.GetProperty("credential").GetString());
        Assert.Equal(["site", "tier"], put.GetProperty("attributes").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["changed group rack1 (2 members)"], _cli.OutputLines);
    }

    [Fact]
    public async Task GroupsListFoldsTheMembers()
    {
        _cli.Service.OnJson("GET", "groups", new[] { new { name = "rack1", description = (string?)null, credential = "bmc", attributes = new { }, members = new[] { "n3", "n1", "n2" } } });
        Assert.Equal(0, await _cli.RunAsync("groups", "list"));
        Assert.Equal(["NAME   NODES  MEMBERS  CREDENTIAL  DESCRIPTION", "rack1  3      n[1-3]   bmc         -"], _cli.OutputLines);
    }

    [Fact]
    public async Task CredentialsSetTakesTheBmcPasswordFromTheEnvironmentAndNeverPrintsIt()
    {
        _cli.Service.OnJson("PUT", "credentials/bmc", new { name = "bmc", user_name = "root", updated_at = "2026-05-01T08:00:00Z" });

        Assert.Equal(0, await _cli.RunAsync("credentials", "set", "bmc", "--user", "root"));

        var body = _cli.Service.Requests.Single().Json;
        Assert.Equal(("root", "s3cret"), (body.GetProperty("user").GetString(), body.GetProperty("password").GetString()));
        Assert.Equal(["stored credential bmc (BMC user root)"], _cli.OutputLines);
        Assert.DoesNotContain("s3cret", _cli.Terminal.Output + _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAddParsesRolesAndAsksForThePasswordTwiceAtAPrompt()
    {
        _cli.Service.On("POST", "users", r => FakeFleetService.Json(new
        {
            name = "alice", grants = new object[] { new { role = "operator", scope = "rack1" }, new { role = "viewer", scope = "*" } },
            disabled = false, failed_logins = 0, locked_until = (string?)null, created_at = "2026-05-01T08:00:00Z",
        }, HttpStatusCode.Created));
        _cli.Terminal.IsInputInteractive = true;
        _cli.Terminal.Answer("alice-pw-12345").Answer("alice-pw-12345");

        Assert.Equal(0, await _cli.RunAsync("users", "add", "alice", "--role", "operator:rack1", "--role", "viewer"));

        var body = _cli.Service.Requests.Single().Json;
        Assert.Equal("alice-pw-12345", body.GetProperty("password").GetString());
        Assert.Equal(["operator:rack1", "viewer:*"], body.GetProperty("grants").EnumerateArray().Select(g => $"{g.GetProperty("role").GetString()}:{g.GetProperty("scope").GetString()}"));
        Assert.Equal(2, _cli.Terminal.Prompts.Count);
        Assert.Equal(["added user alice: operator over rack1, viewer over *"], _cli.OutputLines);
    }

    [Fact]
    public async Task UsersAddWithMismatchedPasswordsChangesNothing()
    {
        _cli.Terminal.IsInputInteractive = true;
        _cli.Terminal.Answer("one-password").Answer("another-one");
        Assert.Equal(2, await _cli.RunAsync("users", "add", "alice", "--role", "viewer"));
        Assert.Contains("the two passwords for the new user alice differ", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Service.Requests);
    }

    [Theory]
    [InlineData("superuser")]
    [InlineData("admin:")]
    public async Task UsersAddRefusesABadRole(string role)
    {
        Assert.Equal(2, await _cli.RunAsync("users", "add", "alice", "--role", role));
        Assert.Contains($"--role '{role}'", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Service.Requests);
    }

    [Fact]
    public async Task UsersSetSendsOnlyWhatChanges()
    {
        _cli.Service.OnJson("PATCH", "users/alice", new
        {
            name = "alice", grants = new object[] { new { role = "admin", scope = "*" } }, disabled = true, failed_logins = 0, locked_until = (string?)null,
            created_at = "2026-05-01T08:00:00Z",
        });
        Assert.Equal(0, await _cli.RunAsync("users", "set", "alice", "--role", "admin", "--disable", "--unlock"));
        var body = _cli.Service.Requests.Single().Json;
        Assert.Equal(["disabled", "grants", "unlock"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["changed user alice: admin over *; disabled"], _cli.OutputLines);
    }

    [Fact]
    public async Task TokensCreatePrintsOnlyTheTokenOnStdoutAndListAndRevokeWork()
    {
        _cli.Service.OnJson("POST", "tokens", new { token = "ll_newtok00001_NEWSECRET", id = "newtok00001", expires_at = "2026-06-01T00:00:00Z" });
        _cli.Service.OnJson("GET", "tokens", new[]
        {
            new { id = "newtok00001", name = "ci", user_name = "admin", max_role = "viewer", created_at = "2026-05-01T08:00:00Z", expires_at = "2026-06-01T00:00:00Z", last_used_at = (string?)null },
        });
        _cli.Service.On("DELETE", "tokens/newtok00001", _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal(0, await _cli.RunAsync("tokens", "create", "--name", "ci", "--role", "viewer", "--ttl-hours", "720"));
        Assert.Equal(["ll_newtok00001_NEWSECRET"], _cli.OutputLines);
        Assert.Contains("shown only this once", _cli.Terminal.Errors, StringComparison.Ordinal);
        var create = _cli.Service.Requests.Single().Json;
        Assert.Equal(("ci", "viewer", 720.0), (create.GetProperty("name").GetString(), create.GetProperty("max_role").GetString(), create.GetProperty("ttl_hours").GetDouble()));

        _cli.Terminal.OutWriter.GetStringBuilder().Clear();
        Assert.Equal(0, await _cli.RunAsync("tokens", "list", "--all"));
        Assert.Equal("user=*", _cli.Service.Requests.Last().Query);
        Assert.Equal("newtok00001  ci    admin  viewer    2026-05-01 08:00:00Z  2026-06-01 00:00:00Z  never", _cli.OutputLines[1]);

        Assert.Equal(0, await _cli.RunAsync("tokens", "revoke", "newtok00001"));
        Assert.Equal("DELETE", _cli.Service.Requests.Last().Method);
    }

    [Fact]
    public async Task AuditSinceAnHourAgoIsComputedFromTheClockAndFiltersAreSent()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        _cli.Runner.Time = time;
        _cli.Service.OnJson("GET", "audit", new[]
        {
            new { id = 42, time = "2026-05-01T11:30:00Z", actor = "alice", source = "127.0.0.1", action = "power.off", target = "rack1", outcome = "partial", details = new { nodes = 3 } },
        });

        Assert.Equal(0, await _cli.RunAsync("audit", "--since", "1h", "--user", "alice", "--action", "power", "--limit", "10"));

        Assert.Equal("limit=10&since=2026-05-01T11:00:00.0000000+00:00&user=alice&action=power", _cli.Service.Requests.Single().Query);
        Assert.Equal(
        [
            "ID  TIME                  ACTOR  SOURCE     ACTION     TARGET  OUTCOME",
            "42  2026-05-01 11:30:00Z  alice  127.0.0.1  power.off  rack1   partial",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task AuditRefusesAnUnreadableSince()
    {
        Assert.Equal(2, await _cli.RunAsync("audit", "--since", "yesterday-ish"));
        Assert.Contains("--since 'yesterday-ish': expected a duration back from now", _cli.Terminal.Errors, StringComparison.Ordinal);
    }
}
