using System.Net;
using System.Text.Json;

namespace Lifeline.Cli.Tests.Fleet;

/// <summary>The operation verbs in fleet mode against a fake service: requests sent, output, exit statuses.</summary>
public sealed class FleetOperationsTests : IDisposable
{
    private readonly FleetCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task PowerOnOverANoderangePostsTheOperationAndFoldsNodeNamesInTheTable()
    {
        var lines = Enumerable.Range(1, 20).Select(i => FakeFleetService.Ok($"n{i}", new { state = "on", action = "on" }))
            .Append(FakeFleetService.Failed("n21", "timeout", "no answer from the BMC", "check that the BMC is powered"))
            .Reverse().ToArray();
        _cli.Service.OnOps("power", lines);

        Assert.Equal(1, await _cli.RunAsync("power", "n[1-21]", "on"));

        var request = Assert.Single(_cli.Service.Requests);
        Assert.Equal(("POST", "ops/power"), (request.Method, request.Path));
        Assert.Equal(FleetCli.Token, request.Token);
        Assert.Contains("application/x-ndjson", request.Accept, StringComparison.Ordinal);
        Assert.Equal("n[1-21]", request.Json.GetProperty("noderange").GetString());
        Assert.Equal("on", request.Json.GetProperty("action").GetString());
        Assert.Equal(
        [
            "n[1-20]: on sent; power is on",
            "n21: error timeout: no answer from the BMC (next: check that the BMC is powered)",
        ], _cli.OutputLines);
        Assert.Contains("lifeline: 1 of 21 nodes failed", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Runner.Backend.Calls);
    }

    [Fact]
    public async Task JsonOutputIsOneObjectPerNodeInTheSameShapeAsDirectMode()
    {
        _cli.Service.OnOps("power",
            FakeFleetService.Ok("n2", new { state = "off", action = (string?)null }),
            FakeFleetService.Failed("n1", "bad-password", "RAKP 2 failed", "check the credential"));

        Assert.Equal(1, await _cli.RunAsync("power", "n[1-2]", "-o", "json"));

        Assert.Equal(
        [
            """{"node":"n2","ok":true,"error":null,"state":"off","action":null}""",
            """{"node":"n1","ok":false,"error":{"category":"bad-password","message":"RAKP 2 failed","next":"check the credential"},"state":null,"action":null}""",
        ], _cli.OutputLines);
        Assert.Equal("status", _cli.Service.Requests.Single().Json.GetProperty("action").GetString());
    }

    [Fact]
    public async Task SensorsOfSeveralNodesCollateIntoOneBlockUnderTheFoldedRange()
    {
        var sensors = new { sensors = new[] { new { name = "CPU1 Temp", type = "temperature", value = 45.0, unit = "C", status = "ok", state = (string?)null } } };
        var names = from r in Enumerable.Range(1, 3) from u in Enumerable.Range(1, 10) select $"r{r}u{u:D2}";
        _cli.Service.OnOps("sensors", [.. names.Reverse().Select(n => FakeFleetService.Ok(n, sensors))]);

        Assert.Equal(0, await _cli.RunAsync("sensors", "r[1-3]u[01-10]"));

        Assert.Equal(["r[1-3]u[01-10]:", "    CPU1 Temp | 45 C | ok"], _cli.OutputLines);
    }

    [Fact]
    public async Task GroupsOfResultsAreOrderedByTheirFirstNodeInNaturalOrderNotByArrival()
    {
        _cli.Service.OnOps("power",
            FakeFleetService.Ok("n10", new { state = "on" }),
            FakeFleetService.Ok("n2", new { state = "off" }),
            FakeFleetService.Ok("n1", new { state = "on" }));

        Assert.Equal(0, await _cli.RunAsync("power", "n1,n2,n10"));

        Assert.Equal(["n1,n10: on", "n2: off"], _cli.OutputLines);
    }

    [Fact]
    public async Task BootHealthEventsInventoryBmcAndIdentifySendTheirVerbsAndArguments()
    {
        _cli.Service.OnOps("boot", FakeFleetService.Ok("n1", new { device = "pxe", persistent = true, efi = true }));
        _cli.Service.OnOps("boot-status", FakeFleetService.Ok("n1", new { device = "none", persistent = false, efi = false }));
        _cli.Service.OnOps("health", FakeFleetService.Ok("n1", new { health = "critical", reasons = new[] { "CPU1 Temp 96 C above upper critical 95" } }));
        _cli.Service.OnOps("events", FakeFleetService.Ok("n1", new { events = Array.Empty<object>() }));
        _cli.Service.OnOps("events-clear", FakeFleetService.Ok("n1", new { summary = "SEL cleared" }));
        _cli.Service.OnOps("inventory", FakeFleetService.Ok("n1", new { chassis = (object?)null, board = new { manufacturer = "Acme" }, product = (object?)null }));
        _cli.Service.OnOps("bmc-info", FakeFleetService.Ok("n1", new
        {
            device_id = 32, device_revision = 1, firmware_version = "2.31", ipmi_version = "2.0", manufacturer_id = 343, manufacturer_name = "Intel",
            product_id = 0x1234, system_guid = (string?)null,
        }));
        _cli.Service.OnOps("identify", FakeFleetService.Ok("n1", new { summary = "identify on for 60 s" }));

        Assert.Equal(0, await _cli.RunAsync("boot", "n1", "pxe", "--persistent", "--efi"));
        Assert.Equal(0, await _cli.RunAsync("boot", "n1", "status"));
        Assert.Equal(0, await _cli.RunAsync("health", "n1", "--live"));
        Assert.Equal(0, await _cli.RunAsync("events", "n1"));
        Assert.Equal(0, await _cli.RunAsync("events", "n1", "--clear"));
        Assert.Equal(0, await _cli.RunAsync("inventory", "n1"));
        Assert.Equal(0, await _cli.RunAsync("bmc", "n1", "info"));
        Assert.Equal(0, await _cli.RunAsync("identify", "n1", "--seconds", "60"));

        var requests = _cli.Service.Requests.ToArray();
        Assert.Equal(["ops/boot", "ops/boot-status", "ops/health", "ops/events", "ops/events-clear", "ops/inventory", "ops/bmc-info", "ops/identify"],
            requests.Select(r => r.Path));
        Assert.Equal(("pxe", true, true), (requests[0].Json.GetProperty("device").GetString(), requests[0].Json.GetProperty("persistent").GetBoolean(),
            requests[0].Json.GetProperty("efi").GetBoolean()));
        Assert.Equal(("seconds", 60), (requests[7].Json.GetProperty("mode").GetString(), requests[7].Json.GetProperty("seconds").GetInt32()));
        Assert.Equal(
        [
            "n1: pxe, persistent, EFI",
            "n1: no override (boot as set up in the BIOS)",
            "n1: critical: CPU1 Temp 96 C above upper critical 95",
            "n1: SEL is empty",
            "n1: SEL cleared",
            "n1:",
            "    board manufacturer: Acme",
            "n1: firmware 2.31, IPMI 2.0, manufacturer Intel (343), product 0x1234, device 0x20 rev 1",
            "n1: identify on for 60 s",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task HealthAsJsonCarriesTheLevelAndReasons()
    {
        _cli.Service.OnOps("health", FakeFleetService.Ok("n1", new { health = "warning", reasons = new[] { "Fan1 800 RPM below lower non-critical 1000" } }));
        Assert.Equal(0, await _cli.RunAsync("health", "n1", "--live", "-o", "json"));
        Assert.Equal(["""{"node":"n1","ok":true,"error":null,"health":"warning","reasons":["Fan1 800 RPM below lower non-critical 1000"]}"""], _cli.OutputLines);
    }

    [Fact]
    public async Task ForbiddenNodesAreShownAsFailedNodesAndTheExitStatusIsOne()
    {
        _cli.Service.OnOps("power",
            FakeFleetService.Ok("a1", new { state = "off", action = "off" }),
            FakeFleetService.Failed("b1", "forbidden", "b1: outside your operator scope; nothing was done", "ask an admin for a grant that covers this node's group"));
        Assert.Equal(1, await _cli.RunAsync("power", "a1,b1", "off"));
        Assert.Contains("b1: error forbidden: b1: outside your operator scope; nothing was done (next: ask an admin", _cli.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResultThisVersionCannotReadFailsThatNodeOnlyWithBadAnswer()
    {
        _cli.Service.OnOps("power",
            FakeFleetService.Ok("n1", new { state = "sideways" }),
            FakeFleetService.Ok("n2", new { state = "on" }));
        Assert.Equal(1, await _cli.RunAsync("power", "n[1-2]"));
        Assert.StartsWith("n1: error bad-answer: the service sent a result this lifeline cannot read", _cli.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("n2: on", _cli.OutputLines[1]);
    }

    [Fact]
    public async Task ANoderangeThatSelectsNothingSaysSoAndDoesNothing()
    {
        _cli.Service.OnOps("power");
        Assert.Equal(0, await _cli.RunAsync("power", "os=plan9", "off"));
        Assert.Empty(_cli.OutputLines);
        Assert.Contains("'os=plan9' names no node you may see; nothing was done", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadNoderangeFailsHereWithACaretBeforeAnyRequest()
    {
        Assert.Equal(2, await _cli.RunAsync("power", "n[1-", "off"));
        Assert.Empty(_cli.Service.Requests);
        Assert.Contains("bad noderange: '[' is never closed.\n  n[1-\n   ^", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitFleetFormReachesANodeNamedLikeASubcommand()
    {
        _cli.Service.OnOps("power", FakeFleetService.Ok("on", new { state = "on" }));
        Assert.Equal(0, await _cli.RunAsync("fleet", "power", "on"));
        Assert.Equal("on", _cli.Service.Requests.Single().Json.GetProperty("noderange").GetString());
    }

    [Theory]
    [InlineData(new[] { "power", "n1", "sideways" }, "power action 'sideways'")]
    [InlineData(new[] { "power", "n1", "on", "--cached" }, "--cached shows the last known state")]
    [InlineData(new[] { "boot", "n1", "floppy" }, "boot device 'floppy'")]
    [InlineData(new[] { "bmc", "n1", "reset" }, "lifeline bmc reset --warm --bmc URL")]
    [InlineData(new[] { "identify", "n1", "--on", "--off" }, "choose at most one of --seconds, --on and --off")]
    [InlineData(new[] { "identify", "n1", "--seconds", "300" }, "--seconds 300: expected 1 to 255")]
    public async Task BadArgumentsAreUsageErrorsThatSayWhatIsExpected(string[] args, string expected)
    {
        Assert.Equal(2, await _cli.RunAsync(args));
        Assert.Contains(expected, _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Service.Requests);
    }

    [Fact]
    public async Task PowerCachedReadsTheStateWithoutAnOperation()
    {
        _cli.Service.OnJson("GET", "state", new object[]
        {
            new { node = "n2", protocol = "ipmi", power = "on", health = "ok", reachability = "reachable", checked_at = "2026-05-01T08:00:00Z", last_error = (object?)null },
            new { node = "n1", protocol = "ipmi", power = "on", health = "ok", reachability = "reachable", checked_at = "2026-05-01T08:00:00Z", last_error = (object?)null },
            new
            {
                node = "n3", protocol = "ipmi", power = (string?)null, health = "unknown", reachability = "unreachable", checked_at = "2026-05-01T08:00:00Z",
                last_error = new { category = "unreachable", message = "no route to the BMC", next = "check the network" },
            },
        });

        Assert.Equal(1, await _cli.RunAsync("power", "n[1-3]", "--cached"));

        var request = Assert.Single(_cli.Service.Requests);
        Assert.Equal(("GET", "state", "noderange=n[1-3]"), (request.Method, request.Path, request.Query));
        Assert.Equal(
        [
            "n1,n2: on",
            "n3: error unreachable: no route to the BMC (last check 2026-05-01 08:00:00Z) (next: check the network)",
        ], _cli.OutputLines);
    }

    [Fact]
    public async Task StateListsTheCachedStatesAsAlignedColumnsInNaturalOrder()
    {
        _cli.Service.OnJson("GET", "state", new object[]
        {
            new { node = "n10", protocol = "redfish", power = "off", health = "warning", reachability = "reachable", checked_at = "2026-05-01T08:00:00Z", last_error = (object?)null },
            new { node = "n9", protocol = "ipmi", power = (string?)null, health = "unknown", reachability = "unknown", checked_at = (string?)null, last_error = (object?)null },
        });

        Assert.Equal(0, await _cli.RunAsync("state"));

        Assert.Equal(
        [
            "NODE  PROTOCOL  POWER  HEALTH   REACHABILITY  CHECKED               LAST ERROR",
            "n9    ipmi      -      unknown  unknown       never                 -",
            "n10   redfish   off    warning  reachable     2026-05-01 08:00:00Z  -",
        ], _cli.OutputLines);
        Assert.Equal("", _cli.Service.Requests.Single().Query);
    }

    [Fact]
    public async Task DirectModeStillTalksToBmcsEvenWhenLoggedInToAService()
    {
        Assert.Equal(0, await _cli.RunAsync("power", "status", "--bmc", "ipmi://admin@10.0.0.[1-2]"));
        Assert.Empty(_cli.Service.Requests);
        Assert.Equal(2, _cli.Runner.Backend.Calls.Count);
        Assert.Equal(["10.0.0.[1-2]: on"], _cli.OutputLines);
    }

    [Fact]
    public async Task OnATerminalAboveTwentyNodesTheNodeCountIsFetchedForTheProgressBar()
    {
        var names = Enumerable.Range(1, 25).Select(i => $"n{i}").ToArray();
        _cli.Terminal.IsErrorInteractive = true;
        _cli.Service.OnJson("GET", "noderange", new { nodes = names, folded = "n[1-25]" });
        _cli.Service.OnOps("power", [.. names.Select(n => FakeFleetService.Ok(n, new { state = "on" }))]);

        Assert.Equal(0, await _cli.RunAsync("power", "n[1-25]"));

        Assert.Equal([("GET", "noderange", "expr=n[1-25]"), ("POST", "ops/power", "")], _cli.Service.Requests.Select(r => (r.Method, r.Path, r.Query)));
        Assert.Equal(["n[1-25]: on"], _cli.OutputLines);
    }

    [Fact]
    public async Task WithoutATerminalNoCountIsFetched()
    {
        _cli.Service.OnOps("power", FakeFleetService.Ok("n1", new { state = "on" }));
        Assert.Equal(0, await _cli.RunAsync("power", "n1"));
        Assert.Equal(["ops/power"], _cli.Service.Requests.Select(r => r.Path));
    }
}
