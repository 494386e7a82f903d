using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Security;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Lifeline.Server.Tests.Apis;
using Lifeline.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lifeline.Server.Tests;

/// <summary>
/// Every endpoint the app maps has an entry here (required role, node-scoped or service-wide) — the test fails for an
/// endpoint without one — and every entry is exercised as admin, operator, viewer, a scoped user (operator on rackA,
/// viewer on rackB) and a scoped token (the admin's, max_role viewer), against a node in rackA, rackB and rackC:
/// allowed calls succeed, refused ones are 403, filtered from lists, or <c>forbidden</c> lines never acted on.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class AuthorizationMatrixTests(FleetFixture fleet, ITestOutputHelper output)
{
    private static readonly string[] Targets = ["a1", "b1", "c1"];

    private ServerHost Host => fleet.Host;

    private sealed record Principal(string Name, string Token, Func<string, Role?> RoleOnGroup, Role? ServiceRole);

    private delegate Task<string?> NodeCheck(HttpClient client, Principal who, string node, bool allowed);

    private delegate Task<string?> ServiceCheck(HttpClient client, Principal who, bool allowed);

    private sealed record Entry(Permission Permission, NodeCheck? PerNode = null, ServiceCheck? Once = null);

    private IReadOnlyList<Principal> Principals() =>
    [
        new("admin", fleet.AdminToken, _ => Role.Admin, Role.Admin),
        new("operator", fleet.OperatorToken, _ => Role.Operator, Role.Operator),
        new("viewer", fleet.ViewerToken, _ => Role.Viewer, Role.Viewer),
        new("scoped", fleet.ScopedUserToken, g => g switch { "rackA" => Role.Operator, "rackB" => Role.Viewer, _ => null }, null),
        new("scoped-token", fleet.ScopedToken, _ => Role.Viewer, Role.Viewer),
    ];

    private Dictionary<string, Entry> Table() => new()
    {
        ["GET /healthz"] = new(Permission.Public, Once: (c, _, _) => Status(c.GetAsync(new Uri(Host.BaseAddress, "/healthz")), 200)),
        ["GET /api/v1/healthz"] = new(Permission.Public, Once: (c, _, _) => Status(c.GetAsync("healthz"), 200)),
        ["GET /openapi/{documentName}.json"] = new(Permission.Public, Once: (c, _, _) => Status(c.GetAsync(new Uri(Host.BaseAddress, "/openapi/v1.json")), 200)),
        ["GET /api/reference/{documentName?}"] = new(Permission.Public, Once: (c, _, _) => Status(c.GetAsync(new Uri(Host.BaseAddress, "/api/reference")), 200, 301, 302)),
        ["GET /api/reference/scalar.js"] = new(Permission.Public, Once: (c, _, _) => Status(c.GetAsync(new Uri(Host.BaseAddress, "/api/reference/scalar.js")), 200)),
        ["GET /api/reference/scalar.aspnetcore.js"] = new(Permission.Public, Once: (c, _, _) => Status(c.GetAsync(new Uri(Host.BaseAddress, "/api/reference/scalar.aspnetcore.js")), 200)),
        ["GET /api/reference/favicon.svg"] = new(Permission.Public, Once: (c, _, _) => Status(c.GetAsync(new Uri(Host.BaseAddress, "/api/reference/favicon.svg")), 200)),
        ["GET /metrics"] = new(Permission.ServiceViewer, Once: (c, _, ok) => Status(c.GetAsync(new Uri(Host.BaseAddress, "/metrics")), ok ? 200 : 403)),
        ["POST /api/v1/auth/login"] = new(Permission.Public, Once: (c, _, _) => Status(c.PostAsJsonAsync("auth/login", new { user = "viewer", password = FleetFixture.ViewerPassword }), 200)),
        ["GET /api/v1/auth/whoami"] = new(Permission.Own, Once: (c, _, _) => Status(c.GetAsync("auth/whoami"), 200)),
        ["GET /api/v1/tokens/"] = new(Permission.Own, Once: (c, _, _) => Status(c.GetAsync("tokens"), 200)),
        ["POST /api/v1/tokens/"] = new(Permission.Own, Once: (c, _, _) => Status(c.PostAsJsonAsync("tokens", new { name = "matrix", max_role = "viewer", ttl_hours = 1 }), 200)),
        ["DELETE /api/v1/tokens/{id}"] = new(Permission.Own, Once: RevokeOwnToken),
        ["GET /api/v1/users/"] = new(Permission.ServiceAdmin, Once: (c, _, ok) => Status(c.GetAsync("users"), ok ? 200 : 403)),
        ["GET /api/v1/users/{name}"] = new(Permission.ServiceAdmin, Once: (c, _, ok) => Status(c.GetAsync("users/viewer"), ok ? 200 : 403)),
        ["POST /api/v1/users/"] = new(Permission.ServiceAdmin, Once: (c, w, ok) => Status(c.PostAsJsonAsync("users", new { name = $"m-{w.Name}-{Guid.NewGuid():N}"[..30], password = "matrix-pw-Talc-1", grants = Array.Empty<object>() }), ok ? 201 : 403)),
        ["PATCH /api/v1/users/{name}"] = new(Permission.ServiceAdmin, Once: async (c, w, ok) => Check(await c.PatchAsJsonAsync($"users/{await SeedUserAsync(w)}", new { disabled = true }), ok ? 200 : 403)),
        ["DELETE /api/v1/users/{name}"] = new(Permission.ServiceAdmin, Once: async (c, w, ok) => Check(await c.DeleteAsync($"users/{await SeedUserAsync(w)}"), ok ? 204 : 403)),
        ["GET /api/v1/nodes/"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => Listed(c.GetAsync("nodes"), n, ok)),
        ["GET /api/v1/nodes/{name}"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => Status(c.GetAsync($"nodes/{n}"), ok ? 200 : 403)),
        ["POST /api/v1/nodes/"] = new(Permission.NodeAdmin, PerNode: (c, w, n, ok) => Status(c.PostAsJsonAsync("nodes", new { name = $"m-{w.Name}-{n}", groups = new[] { Group(n) } }), ok ? 201 : 403)),
        ["PATCH /api/v1/nodes/"] = new(Permission.NodeAdmin, PerNode: (c, _, n, ok) => Status(c.PatchAsJsonAsync($"nodes?noderange={n}", new { attributes = new { matrix = "yes" } }), ok ? 200 : 403)),
        ["DELETE /api/v1/nodes/"] = new(Permission.NodeAdmin, PerNode: async (c, w, n, ok) => Check(await c.DeleteAsync($"nodes?noderange={await SeedNodeAsync(w, n)}"), ok ? 200 : 403)),
        ["GET /api/v1/nodes/{name}/power"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => Status(c.GetAsync($"nodes/{n}/power"), ok ? 200 : 403)),
        ["POST /api/v1/nodes/{name}/power/{action}"] = new(Permission.NodeOperator, PerNode: (c, _, n, ok) => Status(c.PostAsync($"nodes/{n}/power/on", null), ok ? 200 : 403)),
        ["GET /api/v1/nodes/{name}/sensors"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => Status(c.GetAsync($"nodes/{n}/sensors"), ok ? 200 : 403)),
        ["GET /api/v1/nodes/{name}/health"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => Status(c.GetAsync($"nodes/{n}/health"), ok ? 200 : 403)),
        ["GET /api/v1/groups/"] = new(Permission.NodeViewer, PerNode: GroupListed),
        ["GET /api/v1/groups/{name}"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => Status(c.GetAsync($"groups/{Group(n)}"), ok ? 200 : 403)),
        ["PUT /api/v1/groups/{name}"] = new(Permission.ServiceAdmin, Once: (c, w, ok) => Status(c.PutAsJsonAsync($"groups/m-{w.Name}", new { description = "matrix" }), ok ? 200 : 403)),
        ["DELETE /api/v1/groups/{name}"] = new(Permission.ServiceAdmin, Once: async (c, w, ok) => Check(await c.DeleteAsync($"groups/{await SeedGroupAsync(w)}"), ok ? 204 : 403)),
        ["GET /api/v1/credentials/"] = new(Permission.ServiceAdmin, Once: (c, _, ok) => Status(c.GetAsync("credentials"), ok ? 200 : 403)),
        ["PUT /api/v1/credentials/{name}"] = new(Permission.ServiceAdmin, Once: (c, w, ok) => Status(c.PutAsJsonAsync($"credentials/m-{w.Name}", new { user = "u", password = "matrix-bmc-pw" }), ok ? 200 : 403)),
        ["DELETE /api/v1/credentials/{name}"] = new(Permission.ServiceAdmin, Once: async (c, w, ok) => Check(await c.DeleteAsync($"credentials/{await SeedCredentialAsync(w)}"), ok ? 204 : 403)),
        ["GET /api/v1/noderange"] = new(Permission.NodeViewer, PerNode: NoderangeListed),
        ["POST /api/v1/inventory/import"] = new(Permission.ServiceAdmin, Once: (c, w, ok) => Status(
            c.PostAsync("inventory/import?format=csv", new StringContent($"name,groups\nm-imp-{w.Name},rackC\n", Encoding.UTF8, "text/csv")), ok ? 200 : 403)),
        ["GET /api/v1/inventory/export"] = new(Permission.NodeViewer, PerNode: ExportListed),
        ["POST /api/v1/ops/{verb}"] = new(Permission.NodeViewer, PerNode: OpsChecked),
        ["GET /api/v1/state"] = new(Permission.NodeViewer, PerNode: StateListed),
        ["GET /api/v1/audit"] = new(Permission.Own, Once: (c, _, _) => Status(c.GetAsync("audit"), 200)),
        ["GET /api/v1/consoles/"] = new(Permission.NodeViewer, Once: (c, _, _) => Status(c.GetAsync("consoles"), 200)),
        ["GET /api/v1/consoles/{name}/log"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => Status(c.GetAsync($"consoles/{n}/log"), ok ? 200 : 403)),
        // the fixture's nodes have no console: allowed means "no console" (404), refused 403
        ["POST /api/v1/consoles/{name}/break"] = new(Permission.NodeOperator, PerNode: (c, _, n, ok) => Status(c.PostAsync($"consoles/{n}/break", null), ok ? 404 : 403)),
        ["GET /api/v1/consoles/{name}/ws"] = new(Permission.NodeViewer, PerNode: ConsoleAttachChecked),
        // monitoring and alerts: the store is seeded directly (monitoring does not poll in the test host)
        ["GET /api/v1/monitoring/health"] = new(Permission.NodeViewer, PerNode: (c, _, n, ok) => NodeListed(c.GetAsync("monitoring/health"), n, ok, "nodes")),
        ["GET /api/v1/monitoring/sensors/history"] = new(Permission.NodeViewer, PerNode: async (c, _, n, ok) =>
        {
            await SeedSamplesAsync(n);
            return await NodeListed(c.GetAsync("monitoring/sensors/history?sensor=MatrixTemp&since=1d&resolution=raw"), n, ok);
        }),
        ["GET /api/v1/monitoring/events"] = new(Permission.NodeViewer, PerNode: async (c, _, n, ok) =>
        {
            await SeedEventAsync(n);
            return await NodeListed(c.GetAsync("monitoring/events?text=matrix-seed"), n, ok);
        }),
        // nothing predicts in the test host: allowed or not, the answer is an empty list, never an error
        ["GET /api/v1/monitoring/predictions"] = new(Permission.NodeViewer, PerNode: (c, _, n, _) => EmptyList(c.GetAsync($"monitoring/predictions?noderange={n}"))),
        ["GET /api/v1/monitoring/channels"] = new(Permission.ServiceViewer, Once: (c, _, ok) => Status(c.GetAsync("monitoring/channels"), ok ? 200 : 403)),
        ["GET /api/v1/monitoring/notifications"] = new(Permission.ServiceViewer, Once: (c, _, ok) => Status(c.GetAsync("monitoring/notifications"), ok ? 200 : 403)),
        ["GET /api/v1/alerts/"] = new(Permission.NodeViewer, PerNode: async (c, _, n, ok) =>
        {
            await SeedAlertAsync(n, "matrix-list");
            return await NodeListed(c.GetAsync("alerts?rule=matrix-list"), n, ok);
        }),
        // an alert of a node outside the caller's view is not found (its existence is not disclosed)
        ["GET /api/v1/alerts/{id:long}"] = new(Permission.NodeViewer, PerNode: async (c, _, n, ok) => Check(await c.GetAsync($"alerts/{(await SeedAlertAsync(n, "matrix-get")).Id}"), ok ? 200 : 404)),
        ["POST /api/v1/alerts/{id:long}/ack"] = new(Permission.NodeOperator, PerNode: (c, w, n, ok) => AlertChanged(c, w, n, ok, "ack", AlertState.Acknowledged)),
        ["POST /api/v1/alerts/{id:long}/resolve"] = new(Permission.NodeOperator, PerNode: (c, w, n, ok) => AlertChanged(c, w, n, ok, "resolve", AlertState.Resolved)),
        ["GET /api/v1/silences/"] = new(Permission.NodeViewer, Once: (c, _, _) => Status(c.GetAsync("silences"), 200)),
        // a noderange needs the operator role on each of its nodes; no noderange (every node) needs admin over *
        ["POST /api/v1/silences/"] = new(Permission.NodeOperator,
            PerNode: (c, _, n, ok) => Status(c.PostAsJsonAsync("silences", new { noderange = n, duration = "1h", comment = "matrix" }), ok ? 201 : 403),
            Once: (c, w, _) => Status(c.PostAsJsonAsync("silences", new { noderange = (string?)null, rule = "matrix-none", duration = "1m", comment = "matrix" }), w.ServiceRole == Role.Admin ? 201 : 403)),
        ["DELETE /api/v1/silences/{id:long}"] = new(Permission.NodeOperator, PerNode: (c, _, n, ok) => SilenceEnded(c, n, ok), Once: (c, w, _) => SilenceEnded(c, null, w.ServiceRole == Role.Admin)),
        ["GET /api/v1/rules/"] = new(Permission.NodeViewer, Once: RulesListed),
        ["GET /api/v1/rules/{name}"] = new(Permission.NodeViewer, Once: (c, _, _) => Status(c.GetAsync("rules/bmc-lost"), 200)),
        ["PUT /api/v1/rules/{name}"] = new(Permission.ServiceAdmin, Once: (c, w, ok) => Status(
            c.PutAsJsonAsync($"rules/m-{w.Name}", new { kind = "threshold", sensor_type = "Fan", below = 500.0, severity = "warning" }), ok ? 200 : 403)),
        ["DELETE /api/v1/rules/{name}"] = new(Permission.ServiceAdmin, Once: async (c, w, ok) => Check(await c.DeleteAsync($"rules/{await SeedRuleAsync(w)}"), ok ? 204 : 403)),
    };

    [Fact]
    public void EveryEndpointHasAnEntryAndCarriesTheExpectedPermission()
    {
        var table = Table();
        var endpoints = EndpointKeys();
        foreach (var (key, permission) in endpoints)
        {
            output.WriteLine($"{key} -> {permission}");
        }

        var missing = endpoints.Keys.Where(k => !table.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"endpoints without an authorisation matrix entry: {string.Join("; ", missing)}");
        var stale = table.Keys.Where(k => !endpoints.ContainsKey(k)).ToList();
        Assert.True(stale.Count == 0, $"matrix entries for endpoints that do not exist: {string.Join("; ", stale)}");
        var mismatched = endpoints.Where(e => table[e.Key].Permission != (e.Value ?? Permission.Own)).Select(e => $"{e.Key}: {e.Value} vs {table[e.Key].Permission}").ToList();
        Assert.True(mismatched.Count == 0, $"endpoints whose permission differs from the matrix: {string.Join("; ", mismatched)}");
    }

    [Fact]
    public async Task EveryEndpointAnswersEveryRoleAsTheMatrixSays()
    {
        var failures = new List<string>();
        int checks = 0;
        foreach (var (key, entry) in Table())
        {
            foreach (var who in Principals())
            {
                using var client = Host.Client(entry.Permission.Scope == AccessScope.Public ? null : who.Token);
                if (entry.Once is { } once)
                {
                    bool allowed = entry.Permission.Scope switch
                    {
                        AccessScope.Service => who.ServiceRole >= entry.Permission.Role,
                        _ => true,
                    };
                    checks++;
                    if (await once(client, who, allowed) is { } problem)
                    {
                        failures.Add($"{key} as {who.Name}: {problem}");
                    }
                }

                foreach (var node in entry.PerNode is null ? [] : Targets)
                {
                    bool allowed = who.RoleOnGroup(Group(node)) >= entry.Permission.Role;
                    checks++;
                    if (await entry.PerNode!(client, who, node, allowed) is { } problem)
                    {
                        failures.Add($"{key} as {who.Name} on {node} (allowed={allowed}): {problem}");
                    }
                }
            }
        }

        output.WriteLine($"{checks} checks, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(checks > 150, $"only {checks} checks ran");
    }

    [Fact]
    public async Task AnUnauthenticatedCallToAnyGatedEndpointIs401()
    {
        using var anonymous = Host.Client();
        foreach (var (key, permission) in EndpointKeys().Where(e => e.Value?.Scope != AccessScope.Public))
        {
            var parts = key.Split(' ', 2);
            var path = parts[1].Replace("{verb}", "power", StringComparison.Ordinal).Replace("{action}", "on", StringComparison.Ordinal)
                .Replace("{name}", "a1", StringComparison.Ordinal).Replace("{id:long}", "1", StringComparison.Ordinal).Replace("{id}", "x", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(parts[0]), new Uri(Host.BaseAddress, path))
            {
                Content = parts[0] is "GET" or "DELETE" ? null : JsonContent.Create(new { }),
            };
            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{key}: {(int)response.StatusCode}");
        }
    }

    private Dictionary<string, Permission?> EndpointKeys()
    {
        var source = Host.App.Services.GetRequiredService<EndpointDataSource>();
        var keys = new Dictionary<string, Permission?>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                keys[$"{method} {endpoint.RoutePattern.RawText}"] = endpoint.Metadata.GetMetadata<Permission>();
            }
        }

        return keys;
    }

    private static string Group(string node) => node switch { "a1" => "rackA", "b1" => "rackB", _ => "rackC" };

    private static async Task<string?> Status(Task<HttpResponseMessage> call, params int[] expected) => Check(await call, expected);

    private static string? Check(HttpResponseMessage response, params int[] expected)
    {
        using (response)
        {
            int status = (int)response.StatusCode;
            return expected.Contains(status) ? null : $"status {status}, expected {string.Join(" or ", expected)}: {response.Content.ReadAsStringAsync().Result}";
        }
    }

    private static async Task<string?> Listed(Task<HttpResponseMessage> call, string node, bool visible)
    {
        using var response = await call;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"status {(int)response.StatusCode}";
        }

        var names = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
        return names.Contains(node) == visible ? null : $"{node} listed={!visible}, expected {visible}";
    }

    /// <summary>Whether <paramref name="node"/> appears as a <c>node</c> of the answer (an array, or the array property <paramref name="property"/>).</summary>
    private static async Task<string?> NodeListed(Task<HttpResponseMessage> call, string node, bool visible, string? property = null)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"status {(int)response.StatusCode}: {body}";
        }

        var root = JsonDocument.Parse(body).RootElement;
        var items = property is null ? root : root.GetProperty(property);
        var nodes = items.EnumerateArray().Select(i => i.GetProperty("node").GetString()).ToList();
        return nodes.Contains(node) == visible ? null : $"{node} listed={!visible}, expected {visible}: {body}";
    }

    private static async Task<string?> EmptyList(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && body == "[]" ? null : $"status {(int)response.StatusCode}, expected 200 []: {body}";
    }

    private static async Task<string?> RulesListed(HttpClient client, Principal who, bool allowed)
    {
        var rules = JsonDocument.Parse(await client.GetStringAsync("rules")).RootElement.EnumerateArray().ToList();
        return rules.Any(r => r.GetProperty("name").GetString() == "fan-critical" && r.GetProperty("builtin").GetBoolean())
            ? null : "the built-in rule fan-critical is not listed";
    }

    /// <summary>Acknowledges or resolves a fresh alert of the node: allowed changes it (by the caller), refused is 403 and leaves it firing.</summary>
    private async Task<string?> AlertChanged(HttpClient client, Principal who, string node, bool allowed, string verb, AlertState changed)
    {
        var alert = await SeedAlertAsync(node, $"matrix-{verb}");
        using var response = await client.PostAsJsonAsync($"alerts/{alert.Id}/{verb}", new { comment = "matrix" });
        if ((int)response.StatusCode != (allowed ? 200 : 403))
        {
            return $"status {(int)response.StatusCode}, expected {(allowed ? 200 : 403)}: {await response.Content.ReadAsStringAsync()}";
        }

        var stored = await Monitoring.GetAlertAsync(alert.Id, default);
        var expected = allowed ? changed : AlertState.Firing;
        return stored?.State == expected ? null : $"alert {alert.Id} is {stored?.State}, expected {expected}";
    }

    /// <summary>Ends a fresh silence of the node (null: of every node): allowed is 204 and ends it, refused 403 and leaves it.</summary>
    private async Task<string?> SilenceEnded(HttpClient client, string? node, bool allowed)
    {
        var now = DateTimeOffset.UtcNow;
        var silence = await Monitoring.AddSilenceAsync(new Silence(0, node, "matrix-none", now, now.AddHours(1), "seed", "matrix", now), default);
        using var response = await client.DeleteAsync($"silences/{silence.Id}");
        if ((int)response.StatusCode != (allowed ? 204 : 403))
        {
            return $"status {(int)response.StatusCode}, expected {(allowed ? 204 : 403)}: {await response.Content.ReadAsStringAsync()}";
        }

        bool active = (await Monitoring.ListSilencesAsync(DateTimeOffset.UtcNow, default)).Any(s => s.Id == silence.Id);
        return active == !allowed ? null : $"silence {silence.Id} active={active} after the call, expected {!allowed}";
    }

    private static async Task<string?> GroupListed(HttpClient client, Principal who, string node, bool visible)
    {
        var groups = JsonDocument.Parse(await client.GetStringAsync("groups")).RootElement.EnumerateArray().ToList();
        var group = groups.FirstOrDefault(g => g.GetProperty("name").GetString() == Group(node));
        bool members = group.ValueKind == JsonValueKind.Object && group.GetProperty("members").EnumerateArray().Any(m => m.GetString() == node);
        return members == visible ? null : $"{node} among {Group(node)}'s members={members}, expected {visible}";
    }

    private static async Task<string?> NoderangeListed(HttpClient client, Principal who, string node, bool visible)
    {
        var nodes = JsonDocument.Parse(await client.GetStringAsync($"noderange?expr=a1,b1,c1")).RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList();
        return nodes.Contains(node) == visible ? null : $"{node} expanded={!visible}, expected {visible}";
    }

    private static async Task<string?> ExportListed(HttpClient client, Principal who, string node, bool visible)
    {
        var csv = await client.GetStringAsync("inventory/export?format=csv");
        bool listed = csv.Split('\n').Any(l => l.StartsWith(node + ",", StringComparison.Ordinal));
        return listed == visible ? null : $"{node} exported={listed}, expected {visible}";
    }

    private static async Task<string?> StateListed(HttpClient client, Principal who, string node, bool visible)
    {
        var nodes = JsonDocument.Parse(await client.GetStringAsync("state")).RootElement.EnumerateArray().Select(s => s.GetProperty("node").GetString()).ToList();
        return nodes.Contains(node) == visible ? null : $"{node} in state={!visible}, expected {visible}";
    }

    /// <summary>A read verb needs viewer, an acting verb operator; a refused node is a forbidden line and never reaches the fleet.</summary>
    private async Task<string?> OpsChecked(HttpClient client, Principal who, string node, bool viewerAllowed)
    {
        foreach (var (verb, body, role) in new (string, object, Role)[]
        {
            ("sensors", new { noderange = node }, Role.Viewer),
            ("power", new { noderange = node, action = "on" }, Role.Operator),
            ("events-clear", new { noderange = node }, Role.Operator),
        })
        {
            bool allowed = who.RoleOnGroup(Group(node)) >= role;
            int reachedBefore = Host.Fleet.Reached.Count(r => r.Node == node);
            var line = Assert.Single(await OperationsApiTests.StreamAsync(client, verb, body));
            int reached = Host.Fleet.Reached.Count(r => r.Node == node) - reachedBefore;
            string? category = line.GetProperty("error").ValueKind == JsonValueKind.Null ? null : line.GetProperty("error").GetProperty("category").GetString();
            if (allowed && (category is not null || reached != 1))
            {
                return $"{verb}: allowed but got {line} (reached {reached})";
            }

            if (!allowed && (category != "forbidden" || reached != 0))
            {
                return $"{verb}: refused but got {line} (reached {reached})";
            }
        }

        return null;
    }

    /// <summary>The WebSocket answers with close codes: 4404 (the node has no console) when allowed, 4403 when refused.</summary>
    private async Task<string?> ConsoleAttachChecked(HttpClient client, Principal who, string node, bool allowed)
    {
        await using var console = await ConsoleClient.ConnectAsync(Host.BaseAddress, who.Token, node);
        int? code = await console.ClosedAsync();
        int expected = allowed ? 4404 : 4403;
        return code == expected ? null : $"close code {code} ({console.CloseReason}), expected {expected}";
    }

    private async Task<string?> RevokeOwnToken(HttpClient client, Principal who, bool allowed)
    {
        using var created = await client.PostAsJsonAsync("tokens", new { name = "to-revoke", max_role = "viewer" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        return Check(await client.DeleteAsync($"tokens/{id}"), 204);
    }

    private IMonitoringStore Monitoring => Host.App.Services.GetRequiredService<IMonitoringStore>();

    private async Task<Alert> SeedAlertAsync(string node, string rule)
    {
        var now = DateTimeOffset.UtcNow;
        return await Monitoring.SaveAlertAsync(new Alert
        {
            Fingerprint = $"{rule}/{node}/{Guid.NewGuid():N}",
            Rule = rule,
            Node = node,
            Subject = "MatrixTemp",
            Severity = Severity.Warning,
            State = AlertState.Firing,
            Summary = $"matrix alert on {node}",
            FirstSeen = now,
            LastSeen = now,
        }, default);
    }

    /// <summary>One event per node; the dedupe key makes seeding it again a no-op.</summary>
    private Task SeedEventAsync(string node) => Monitoring.AppendEventsAsync(
        [new NewEvent(node, DateTimeOffset.UtcNow, Severity.Warning, EventSources.Monitor, $"matrix-seed event on {node}", null, $"matrix-seed-{node}")], null, default);

    private Task SeedSamplesAsync(string node) => Monitoring.WriteSamplesAsync(
        [new SensorSnapshot(node, DateTimeOffset.UtcNow.AddMinutes(-1), [new SensorPoint("MatrixTemp", "Temperature", "degrees C", 41, Lifeline.Drivers.SensorStatus.Ok)])], default);

    private async Task<string> SeedRuleAsync(Principal who)
    {
        var name = $"seed-{who.Name}-rule";
        await Monitoring.SaveRuleAsync(new AlertRule { Name = name, Kind = RuleKind.Event, EventSeverity = Severity.Critical }, default);
        return name;
    }

    private async Task<string> SeedUserAsync(Principal who)
    {
        var name = $"seed-{who.Name}-{Guid.NewGuid():N}"[..28];
        await Host.Store.UpsertUserAsync(new UserRecord { Name = name, PasswordHash = "$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA" }, default);
        return name;
    }

    private async Task<string> SeedNodeAsync(Principal who, string node)
    {
        var name = $"seed-{who.Name}-{node}";
        await Host.Store.UpsertNodesAsync([new NodeDefinition { Name = name, Groups = [Group(node)] }], default);
        Host.App.Services.GetRequiredService<InventoryCache>().Invalidate();
        return name;
    }

    private async Task<string> SeedGroupAsync(Principal who)
    {
        var name = $"seed-{who.Name}";
        await Host.Store.UpsertGroupAsync(new GroupDefinition { Name = name }, default);
        Host.App.Services.GetRequiredService<InventoryCache>().Invalidate();
        return name;
    }

    private async Task<string> SeedCredentialAsync(Principal who)
    {
        var name = $"seed-{who.Name}";
        await Host.Store.SetCredentialAsync(name, "u", "p"u8.ToArray(), default);
        return name;
    }
}
