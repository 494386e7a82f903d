using System.Text.Json;

namespace Lifeline.Cli.Tests.Fleet.EndToEnd;

/// <summary>
/// Every fleet command end to end: the CLI over real HTTP against the real service (store, grains, IPMI driver) and
/// simulated BMCs. The fleet is registered by <see cref="LiveService"/> through the CLI itself.
/// </summary>
[Collection(LiveServiceCollection.Name)]
public sealed class LiveServiceTests(LiveService service)
{
    private LiveCli Admin => service.Admin;

    private static JsonElement[] JsonLines(string[] lines) => [.. lines.Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task PowerOffThenStatusAndTheCachedStateAgree()
    {
        Assert.Equal(["sim1: off sent"], await Admin.OkAsync("power", "sim1", "off"));
        var status = await Admin.OkAsync("power", "sim[1-2]", "status");
        Assert.Contains("sim1: off", status);
        Assert.Equal(["sim1: off"], await Admin.OkAsync("power", "sim1", "--cached"));
        Assert.Equal(["sim1: on sent"], await Admin.OkAsync("power", "sim1", "on"));

        var json = JsonLines(await Admin.OkAsync("power", "sim", "-o", "json"));
        Assert.Equal(["sim1", "sim2", "sim3"], json.Select(j => j.GetProperty("node").GetString()).Order());
        Assert.All(json, j => Assert.True(j.GetProperty("ok").GetBoolean() && j.GetProperty("state").GetString() is "on" or "off", j.ToString()));
    }

    [Fact]
    public async Task SensorsHealthEventsInventoryAndBmcInfoRenderLikeDirectMode()
    {
        var sensors = await Admin.OkAsync("sensors", "sim2");
        Assert.Equal("sim2:", sensors[0]);
        Assert.True(sensors.Length > 2, string.Join('\n', sensors));
        Assert.All(sensors.Skip(1), l => Assert.Matches(@"^    .+ \| .+ \| [a-z-]+$", l));

        var health = await Admin.OkAsync("health", "sim[1-3]", "--live");
        Assert.All(health, l => Assert.Matches(@"^sim.*: (ok|warning|critical)", l));

        Assert.StartsWith("sim3:", (await Admin.OkAsync("events", "sim3"))[0], StringComparison.Ordinal);
        var inventory = await Admin.OkAsync("inventory", "sim3");
        Assert.Contains(inventory, l => l.StartsWith("    product ", StringComparison.Ordinal) || l.StartsWith("    board ", StringComparison.Ordinal));
        Assert.Matches(@"^sim\[?[0-9,\-\]]*: firmware .+, IPMI 2\.0, manufacturer ", (await Admin.OkAsync("bmc", "sim", "info"))[0]);

        var json = JsonLines(await Admin.OkAsync("sensors", "sim1", "-o", "json"));
        Assert.True(json.Single().GetProperty("sensors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task BootIdentifyAndEventsClearActOnTheBmcs()
    {
        Assert.Equal(["sim[1,2]: pxe, next boot only, EFI"], await Admin.OkAsync("boot", "sim[1-2]", "pxe", "--efi"));
        Assert.Equal(["sim[1,2]: pxe, next boot only, EFI"], await Admin.OkAsync("boot", "sim[1-2]", "status"));
        Assert.Single(await Admin.OkAsync("boot", "sim[1-2]", "none"));
        Assert.Single(await Admin.OkAsync("identify", "sim2", "--seconds", "5"));
        Assert.Single(await Admin.OkAsync("identify", "sim2", "--off"));
        Assert.Single(await Admin.OkAsync("events", "sim4", "--clear"));
        Assert.Equal(["sim4: SEL is empty"], await Admin.OkAsync("events", "sim4"));
    }

    [Fact]
    public async Task ADeadBmcFailsItsNodeOnlyAndExitsOne()
    {
        Assert.Equal(1, await Admin.RunAsync("power", "sim1,dead1"));
        var lines = Admin.Runner.OutputLines;
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^dead1: error (timeout|unreachable): .+ \(next: .+\)$", lines.Single(l => l.StartsWith("dead1", StringComparison.Ordinal)));
        Assert.StartsWith("sim1: ", lines.Single(l => l.StartsWith("sim1", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("1 of 2 nodes failed", Admin.Terminal.Errors, StringComparison.Ordinal);

        var state = JsonLines(await Admin.OkAsync("state", "dead1", "-o", "json")).Single();
        Assert.NotEqual(JsonValueKind.Null, state.GetProperty("last_error").ValueKind);
    }

    [Fact]
    public async Task AnUnknownNameIsRefusedByTheServiceWithItsCaretAndExitsTwo()
    {
        Assert.Equal(2, await Admin.RunAsync("power", "sim1,nosuch", "off"));
        Assert.Contains("'nosuch' is not a node or group", Admin.Terminal.Errors, StringComparison.Ordinal);
        Assert.Contains("sim1,nosuch\n       ^", Admin.Terminal.Errors, StringComparison.Ordinal);
        Assert.Contains("(next: ", Admin.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(Admin.Terminal.Output);
    }

    [Fact]
    public async Task NodesAndGroupsAreManagedThroughTheCli()
    {
        await Admin.OkAsync("nodes", "add", "tmp1", "--ipmi", service.IpmiUrl(3), "--groups", "scratch", "--attr", "os=debian", "--rack", "r9");
        await Admin.OkAsync("nodes", "add", "tmp2", "--ipmi", service.IpmiUrl(3), "--groups", "scratch");
        Assert.Equal(["changed 2 nodes: tmp[1,2]"], await Admin.OkAsync("nodes", "set", "scratch", "--attr", "tier=gold", "--attr", "os=", "--credential", "simbmc"));

        var shown = await Admin.OkAsync("nodes", "show", "tmp1");
        Assert.Contains("attribute tier: gold", shown);
        Assert.DoesNotContain(shown, l => l.StartsWith("attribute os:", StringComparison.Ordinal));
        Assert.Contains("location:       ?/r9/U?", shown);

        var list = await Admin.OkAsync("nodes", "list", "scratch");
        Assert.Equal(3, list.Length);
        Assert.StartsWith("NAME  GROUPS   IPMI", list[0], StringComparison.Ordinal);

        var effective = JsonLines(await Admin.OkAsync("nodes", "list", "sim1", "--effective", "-o", "json")).Single();
        Assert.Equal("simbmc", effective.GetProperty("credential").GetString());

        Assert.Contains("members:        sim[1-3] (3 nodes)", await Admin.OkAsync("groups", "show", "sim"));
        Assert.Contains(await Admin.OkAsync("groups", "list"), l => l.StartsWith("sim ", StringComparison.Ordinal));

        var csv = string.Join('\n', await Admin.OkAsync("nodes", "export", "scratch", "--format", "csv"));
        Assert.Contains("tmp1", csv, StringComparison.Ordinal);
        var yaml = string.Join('\n', await Admin.OkAsync("nodes", "export", "sim1"));
        Assert.Contains("sim1", yaml, StringComparison.Ordinal);

        Assert.Equal(["removed 2 nodes: tmp[1,2]"], await Admin.OkAsync("nodes", "remove", "scratch"));
        Assert.Equal(2, await Admin.RunAsync("nodes", "show", "tmp1"));
        Assert.Contains("no node tmp1", Admin.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsAreListedWithoutPasswords()
    {
        var list = await Admin.OkAsync("credentials", "list");
        Assert.Contains(list, l => l.StartsWith("simbmc  admin  ", StringComparison.Ordinal));
        Assert.DoesNotContain(LiveService.BmcPassword, Admin.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScopedUserSeesOnlyItsGroupAndCannotAct()
    {
        Admin.Runner.Environment.Set("LIFELINE_USER_PASSWORD", "viewer-pw-Basalt-4471");
        await Admin.OkAsync("users", "add", "vera", "--role", "viewer:sim");
        Assert.Contains(await Admin.OkAsync("users", "list"), l => System.Text.RegularExpressions.Regex.IsMatch(l, "^vera +viewer:sim +enabled +"));

        using var vera = new LiveCli();
        vera.Runner.Environment.Set("LIFELINE_PASSWORD", "viewer-pw-Basalt-4471");
        await vera.OkAsync("login", service.Url.ToString(), "--user", "vera");
        Assert.Equal("vera at " + service.Url.ToString().TrimEnd('/') + ": viewer over sim", (await vera.OkAsync("whoami"))[0]);
        Assert.Equal(["sim1", "sim2", "sim3"], JsonLines(await vera.OkAsync("nodes", "list", "-o", "json")).Select(n => n.GetProperty("name").GetString()));
        // (sim1 may be on or off: another test powers it off and on)
        Assert.All(await vera.OkAsync("power", "sim"), l => Assert.Matches(@"^sim[^:]*: (on|off)$", l));

        Assert.Equal(1, await vera.RunAsync("power", "sim1", "off"));
        Assert.StartsWith("sim1: error forbidden: ", vera.Runner.OutputLines.Single(), StringComparison.Ordinal);
        Assert.Equal(2, await vera.RunAsync("users", "list"));
        Assert.StartsWith("lifeline: not allowed: ", vera.Terminal.Errors, StringComparison.Ordinal);

        Assert.Equal(1, await vera.RunAsync("power", "sim1,sim4"));
        Assert.Contains(vera.Runner.OutputLines, l => l.StartsWith("sim4: error forbidden: ", StringComparison.Ordinal));

        Assert.Equal(["logged out of " + service.Url.ToString().TrimEnd('/')], await vera.OkAsync("logout"));
        Assert.Equal(2, await vera.RunAsync("whoami"));
        Assert.Contains("not logged in to", vera.Terminal.Errors, StringComparison.Ordinal);

        Assert.Equal(["changed user vera: viewer over sim; disabled"], await Admin.OkAsync("users", "set", "vera", "--disable"));
        Assert.Equal(["removed user vera"], await Admin.OkAsync("users", "remove", "vera"));
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedWithAPointerToLogin()
    {
        var token = (await Admin.OkAsync("tokens", "create", "--name", "ci", "--role", "viewer", "--ttl-hours", "1")).Single();
        Assert.StartsWith("ll_", token, StringComparison.Ordinal);
        string id = token.Split('_')[1];
        Assert.Contains(await Admin.OkAsync("tokens", "list"), l => l.StartsWith($"{id}  ci  ", StringComparison.Ordinal));

        using var ci = new LiveCli();
        ci.Runner.Environment.Set("LIFELINE_URL", service.Url.ToString());
        ci.Runner.Environment.Set("LIFELINE_TOKEN", token);
        Assert.Contains("max role viewer", (await ci.OkAsync("whoami"))[1], StringComparison.Ordinal);

        Assert.Equal([$"revoked token {id}"], await Admin.OkAsync("tokens", "revoke", id));
        Assert.Equal(2, await ci.RunAsync("nodes", "list"));
        Assert.Contains($"did not accept the token", ci.Terminal.Errors, StringComparison.Ordinal);
        Assert.Contains($"(next: run lifeline login {service.Url.ToString().TrimEnd('/')}", ci.Terminal.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(token, ci.Terminal.Errors + ci.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditLogShowsTheCliActions()
    {
        await Admin.OkAsync("identify", "sim3", "--off");
        var audit = await Admin.OkAsync("audit", "--since", "1h", "--action", "identify", "--limit", "5");
        Assert.StartsWith("ID  ", audit[0], StringComparison.Ordinal);
        Assert.Matches(@"^\d+ +\S+ \S+ +admin +\S+ +identify +sim3 +ok$", audit[1]);

        var logins = JsonLines(await Admin.OkAsync("audit", "--action", "auth.login", "--user", "admin", "-o", "json"));
        Assert.NotEmpty(logins);
        Assert.All(logins, l => Assert.Equal("auth.login", l.GetProperty("action").GetString()));
    }
}
