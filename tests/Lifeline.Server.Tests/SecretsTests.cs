using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Server.Tests.Apis;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests;

/// <summary>
/// A full run with every log line captured at Trace: first start with a random admin password, users, a BMC credential,
/// logins (good and bad), tokens, operations. No password and no token secret may appear in any log line, audit entry
/// or API response — except each token in the one response that hands it out.
/// </summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task NoPasswordOrTokenSecretAppearsInLogsAuditOrResponses()
    {
        string? adminPassword = null;
        await using var host = await ServerHost.StartAsync(
            configure: o => o.AdminPasswordCreated = pw => adminPassword = pw,
            settings: new Dictionary<string, string?> { ["Lifeline:Auth:AdminPassword"] = "" });
        Assert.NotNull(adminPassword);

        string[] passwords = [adminPassword!, "alice-pw-Zircon-9071", "bob-pw-Garnet-3318", "bmc-pw-Beryl-6604", "typo-pw-Jasper-1157"];
        var tokens = new List<string>();
        var handedOut = new List<string>();

        async Task<JsonElement> Call(HttpClient client, HttpMethod method, string path, object? body = null, bool handsOutToken = false)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            (handsOutToken ? handedOut : host.Responses).Add($"{(int)response.StatusCode} {response.Headers} {text}");
            return text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        }

        using var anonymous = host.Client();
        var login = await Call(anonymous, HttpMethod.Post, "auth/login", new { user = "admin", password = adminPassword }, handsOutToken: true);
        tokens.Add(login.GetProperty("token").GetString()!);
        using var admin = host.Client(tokens[0]);
        await Call(admin, HttpMethod.Post, "users", new { name = "alice", password = passwords[1], grants = new[] { new { role = "operator", scope = "*" } } });
        await Call(admin, HttpMethod.Post, "users", new { name = "bob", password = passwords[2], grants = new[] { new { role = "viewer", scope = "rackA" } } });
        await Call(admin, HttpMethod.Put, "credentials/bmc", new { user = "ADMIN", password = passwords[3] });
        await Call(admin, HttpMethod.Post, "nodes", new[] { FleetFixture.Node("a1", "rackA"), FleetFixture.Node("c1", "rackC") });
        await Call(admin, HttpMethod.Get, "credentials");
        await Call(anonymous, HttpMethod.Post, "auth/login", new { user = "alice", password = passwords[4] });
        await Call(anonymous, HttpMethod.Post, "auth/login", new { user = "nobody", password = passwords[4] });
        var alice = await Call(anonymous, HttpMethod.Post, "auth/login", new { user = "alice", password = passwords[1] }, handsOutToken: true);
        tokens.Add(alice.GetProperty("token").GetString()!);
        using var aliceClient = host.Client(tokens[1]);
        var ci = await Call(aliceClient, HttpMethod.Post, "tokens", new { name = "ci", max_role = "viewer" }, handsOutToken: true);
        tokens.Add(ci.GetProperty("token").GetString()!);
        await Call(aliceClient, HttpMethod.Get, "tokens");
        await Call(aliceClient, HttpMethod.Get, "auth/whoami");
        await Call(aliceClient, HttpMethod.Post, "nodes/a1/power/off");
        await OperationsApiTests.StreamAsync(aliceClient, "power", new { noderange = "a1,c1", action = "on" });
        await Call(admin, HttpMethod.Patch, "users/bob", new { password = passwords[2] + "-new" });
        await Call(host.Client(tokens[2]), HttpMethod.Get, "nodes");
        await Call(host.Client(tokens[2][..^3] + "xyz"), HttpMethod.Get, "nodes");
        await Call(admin, HttpMethod.Get, "audit?limit=1000");
        await Call(admin, HttpMethod.Get, "users");

        var audit = string.Join('\n', (await host.Store.QueryAuditAsync(new Lifeline.Fleet.Security.AuditQuery(Limit: 10_000), default))
            .Select(e => $"{e.Actor} {e.Source} {e.Action} {e.Target} {e.Outcome} {e.Details}"));
        var logs = host.Logs.All;
        var responses = string.Join('\n', host.Responses);
        Assert.True(host.Logs.Lines.Count > 100, $"only {host.Logs.Lines.Count} log lines were captured");
        Assert.Contains("auth.login", audit, StringComparison.Ordinal);

        var secrets = passwords.Append(passwords[2] + "-new").Select(p => ("password", p))
            .Concat(tokens.Select(t => ("token secret", t[(t.IndexOf('_', 3) + 1)..])));
        foreach (var (kind, secret) in secrets)
        {
            Assert.False(logs.Contains(secret, StringComparison.Ordinal), $"a {kind} appears in the logs");
            Assert.False(audit.Contains(secret, StringComparison.Ordinal), $"a {kind} appears in the audit log");
            Assert.False(responses.Contains(secret, StringComparison.Ordinal), $"a {kind} appears in an API response");
        }

        foreach (var password in passwords)
        {
            Assert.False(string.Join('\n', handedOut).Contains(password, StringComparison.Ordinal), "a password appears in a login answer");
        }
    }
}
