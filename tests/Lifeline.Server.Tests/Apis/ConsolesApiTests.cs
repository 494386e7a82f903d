using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests.Apis;

/// <summary>
/// The console endpoints through the real service: a node whose console is a raw TCP console-server port played by the
/// test, viewers and writers over WebSockets, refusals as close codes, replay, the log with grep, the listing, break.
/// </summary>
public sealed class ConsolesApiTests : IAsyncLifetime
{
    private const string Node = "con1";
    private ServerHost _host = null!;
    private FakeConsoleServer _console = null!;
    private string _admin = "";
    private string _op1 = "";
    private string _op2 = "";
    private string _viewer = "";
    private string _outsider = "";

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync();
        _console = new FakeConsoleServer();
        _admin = await _host.LoginAsync("admin", ServerHost.AdminPassword);
        using var admin = _host.Client(_admin);
        _op1 = await UserAsync(admin, "op1", "operator", "*");
        _op2 = await UserAsync(admin, "op2", "operator", "*");
        _viewer = await UserAsync(admin, "watcher", "viewer", "*");
        _outsider = await UserAsync(admin, "outsider", "operator", "rackB");
        var accepted = _console.AcceptAsync();
        using var add = await admin.PostAsJsonAsync("nodes", new object[]
        {
            new { name = Node, groups = new[] { "rackA" }, console_method = $"tcp://127.0.0.1:{_console.Port}" },
            new { name = "plain1", groups = new[] { "rackA" } },
        });
        Assert.True(add.IsSuccessStatusCode, await _host.ReadAsync(add));
        await accepted; // a full console connects as soon as the node exists
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _console.DisposeAsync();
    }

    private async Task<string> UserAsync(HttpClient admin, string name, string role, string scope)
    {
        string password = $"{name}-pw-Feldspar-4471";
        using var response = await admin.PostAsJsonAsync("users", new { name, password, grants = new[] { new { role, scope } } });
        Assert.True(response.IsSuccessStatusCode, await _host.ReadAsync(response));
        return await _host.LoginAsync(name, password);
    }

    private Task<ConsoleClient> AttachAsync(string? token, string query = "", string node = Node) => ConsoleClient.ConnectAsync(_host.BaseAddress, token, node, query);

    [Fact]
    public async Task AViewerAndAWriterShareTheConsoleAndAnotherOperatorTakesOverWithTheFirstWriterTold()
    {
        await using var writer = await AttachAsync(_op1, "?mode=write&replay=0");
        var state = await writer.NextMessageAsync("state");
        Assert.Equal(("writer", "op1", "connected", Node), (state.GetProperty("role").GetString(), state.GetProperty("writer").GetString(),
            state.GetProperty("connection").GetString(), state.GetProperty("node").GetString()));
        await using var viewer = await AttachAsync(_viewer, "?mode=spy&replay=0");
        await viewer.NextMessageAsync("state", m => m.GetProperty("role").GetString() == "viewer" && m.GetProperty("viewers").GetInt32() == 2);

        await _console.EmitAsync("share-test: ready\r\n");
        await writer.OutputUntilAsync("share-test: ready");
        await viewer.OutputUntilAsync("share-test: ready");

        await writer.TypeAsync("uptime\r");
        Assert.Contains("uptime\r", await _console.ReadUntilAsync("uptime\r"), StringComparison.Ordinal);
        await viewer.TypeAsync("reboot\r");
        var dropped = await viewer.NextMessageAsync("error");
        Assert.Contains("keystrokes dropped", dropped.GetProperty("message").GetString(), StringComparison.Ordinal);

        await using var taker = await AttachAsync(_op2, "?mode=write&force=true&replay=0");
        await taker.NextMessageAsync("state", m => m.GetProperty("role").GetString() == "writer");
        var displaced = await writer.NextMessageAsync("displaced");
        Assert.Equal("op2", displaced.GetProperty("by").GetString());
        await writer.NextMessageAsync("state", m => m.GetProperty("writer").GetString() == "op2" && m.GetProperty("role").GetString() == "viewer");

        await taker.TypeAsync("whoami\r");
        await _console.ReadUntilAsync("whoami\r");

        using var admin = _host.Client(_admin);
        var audit = JsonDocument.Parse(await admin.GetStringAsync("audit?action=console.takeover")).RootElement.EnumerateArray().ToList();
        var takeover = Assert.Single(audit);
        Assert.Equal(("op2", Node), (takeover.GetProperty("actor").GetString(), takeover.GetProperty("target").GetString()));
        var attaches = JsonDocument.Parse(await admin.GetStringAsync("audit?action=console.attach")).RootElement.GetArrayLength();
        Assert.True(attaches >= 3, $"{attaches} console.attach entries");
    }

    [Fact]
    public async Task AUserWithoutScopeIsRefused4403AndAViewerCannotAskForTheWriterSeat()
    {
        await using var outsider = await AttachAsync(_outsider);
        Assert.Equal(4403, await outsider.ClosedAsync());
        await using var viewer = await AttachAsync(_viewer, "?mode=write");
        Assert.Equal(4403, await viewer.ClosedAsync());
        Assert.Contains("operator", viewer.CloseReason, StringComparison.Ordinal);
        await using var spy = await AttachAsync(_viewer);
        await spy.NextMessageAsync("state");
        await spy.SendAsync(new { type = "write", force = true });
        var refused = await spy.NextMessageAsync("error");
        Assert.Contains("needs operator", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTokenCloses4401AnUnknownNodeOrOneWithoutConsole4404AndAQueryTokenIsAccepted()
    {
        await using var anonymous = await AttachAsync(null);
        Assert.Equal(4401, await anonymous.ClosedAsync());
        await using var bad = await AttachAsync("ll_nope_nope");
        Assert.Equal(4401, await bad.ClosedAsync());
        await using var unknown = await AttachAsync(_op1, node: "nosuch");
        Assert.Equal(4404, await unknown.ClosedAsync());
        await using var plain = await AttachAsync(_op1, node: "plain1");
        Assert.Equal(4404, await plain.ClosedAsync());
        await using var browser = await ConsoleClient.ConnectAsync(_host.BaseAddress, _viewer, Node, "?replay=0", tokenInQuery: true);
        await browser.NextMessageAsync("state");

        using var http = new HttpClient();
        using var plainGet = await http.GetAsync(new Uri(_host.BaseAddress, $"/api/v1/consoles/{Node}/ws"));
        Assert.Equal(HttpStatusCode.Unauthorized, plainGet.StatusCode); // a plain request still meets the gate
    }

    [Fact]
    public async Task AttachingReplaysTheLastLinesAskedForThenTheLiveOutput()
    {
        await _console.EmitAsync("replay-a\r\nreplay-b\r\nreplay-c\r\n");
        await using (var first = await AttachAsync(_viewer, "?replay=0"))
        {
            await first.NextMessageAsync("state");
        }

        await WaitForLogAsync("replay-c");
        await using var late = await AttachAsync(_viewer, "?replay=2");
        Assert.Equal("replay-b\r\nreplay-c\r\n", Encoding.UTF8.GetString(await late.NextBinaryAsync()));
        await late.SendAsync(new { type = "replay", lines = 1 });
        Assert.Equal("replay-c\r\n", Encoding.UTF8.GetString(await late.NextBinaryAsync()));
        await _console.EmitAsync("live-d\r\n");
        await late.OutputUntilAsync("live-d");
    }

    [Fact]
    public async Task TheLogEndpointGivesTimestampedLinesFilteredByGrepAndRefusesABadPattern()
    {
        await _console.EmitAsync("log-alpha 1\r\nlog-beta 2\r\nlog-alpha 3\r\n");
        await WaitForLogAsync("log-alpha 3");
        using var viewer = _host.Client(_viewer);
        var text = await viewer.GetStringAsync($"consoles/{Node}/log?grep=log-alpha&since=1h");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tlog-alpha \d$", l));
        Assert.EndsWith("log-alpha 3", lines[1], StringComparison.Ordinal);
        var last = await viewer.GetStringAsync($"consoles/{Node}/log?limit=1");
        Assert.EndsWith("\tlog-alpha 3\n", last, StringComparison.Ordinal);
        using var bad = await viewer.GetAsync($"consoles/{Node}/log?grep=(unclosed");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var outsider = _host.Client(_outsider);
        using var refused = await outsider.GetAsync($"consoles/{Node}/log");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task TheListShowsTheConsoleWithItsStateOnlyToThoseWhoMayViewIt()
    {
        await using var writer = await AttachAsync(_op1, "?mode=write&replay=0");
        await writer.NextMessageAsync("state", m => m.GetProperty("role").GetString() == "writer");
        using var viewer = _host.Client(_viewer);
        var list = JsonDocument.Parse(await viewer.GetStringAsync("consoles")).RootElement;
        var item = Assert.Single(list.EnumerateArray());
        Assert.Equal(Node, item.GetProperty("node").GetString());
        Assert.Equal("full", item.GetProperty("logging").GetString());
        Assert.Equal("connected", item.GetProperty("connection").GetString());
        Assert.Equal("op1", item.GetProperty("writer").GetString());
        Assert.Equal(1, item.GetProperty("viewers").GetInt32());
        Assert.Equal(JsonValueKind.String, item.GetProperty("connected_since").ValueKind);
        using var outsider = _host.Client(_outsider);
        Assert.Equal(0, JsonDocument.Parse(await outsider.GetStringAsync("consoles")).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task ABreakNeedsOperatorAndSaysWhenTheTransportHasNone()
    {
        using var viewer = _host.Client(_viewer);
        using var refused = await viewer.PostAsync($"consoles/{Node}/break", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var op = _host.Client(_op1);
        using var unsupported = await op.PostAsync($"consoles/{Node}/break", null); // a raw TCP port has no break
        Assert.Equal(HttpStatusCode.Conflict, unsupported.StatusCode);
        using var none = await op.PostAsync("consoles/plain1/break", null);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    private async Task WaitForLogAsync(string text)
    {
        using var viewer = _host.Client(_viewer);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await viewer.GetStringAsync($"consoles/{Node}/log")).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"'{text}' never reached the log");
            await Task.Delay(20);
        }
    }
    [Fact]
    public async Task ANodeWithSeveralConsoleMethodsKeepsTheFirstAndAViewerAttachesViaTheSecondOnDemand()
    {
        await using var second = new FakeConsoleServer();
        using var admin = _host.Client(_admin);
        using (var add = await admin.PostAsJsonAsync("nodes", new object[]
        {
            new { name = "multi1", groups = new[] { "rackA" }, console_method = $"sol, tcp://127.0.0.1:{second.Port}" },
        }))
        {
            Assert.True(add.IsSuccessStatusCode, await _host.ReadAsync(add));
        }

        // the default (sol, which cannot connect here: no IPMI URL) is the listed one; the TCP port is not dialled yet
        var listed = JsonDocument.Parse(await admin.GetStringAsync("consoles?noderange=multi1")).RootElement.EnumerateArray().Single();
        Assert.Equal("sol", listed.GetProperty("method").GetString());

        foreach (var via in new[] { "tcp", "2" })
        {
            var accepted = second.AcceptAsync();
            await using var client = await AttachAsync(_op1, $"?mode=write&replay=0&via={via}", node: "multi1");
            await accepted.WaitAsync(TimeSpan.FromSeconds(10));
            await client.NextMessageAsync("state", m => m.GetProperty("connection").GetString() == "connected");
            await second.EmitAsync($"via-{via}: login:\r\n");
            await client.OutputUntilAsync($"via-{via}: login:");
            await client.TypeAsync($"root-{via}\r");
            Assert.Contains($"root-{via}\r", await second.ReadUntilAsync($"root-{via}\r"), StringComparison.Ordinal);
        }

        await using var wrongKind = await AttachAsync(_op1, "?via=ssh", node: "multi1");
        Assert.Equal(4404, await wrongKind.ClosedAsync());
        Assert.Contains("no ssh console", wrongKind.CloseReason, StringComparison.Ordinal);
        await using var wrongPosition = await AttachAsync(_op1, "?via=3", node: "multi1");
        Assert.Equal(4404, await wrongPosition.ClosedAsync());
    }
}
