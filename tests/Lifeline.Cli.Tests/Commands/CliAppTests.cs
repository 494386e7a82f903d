using Lifeline.Drivers;
using System.Text;
using System.Text.Json;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Targets;
using Lifeline.Cli.Tests.Fakes;
using Lifeline.Ipmi;

namespace Lifeline.Cli.Tests.Commands;

/// <summary>The Spectre command tree run in-process with a fake backend: output, exit codes, option plumbing.</summary>
public class CliAppTests
{
    private static readonly IpmiException NoAnswer = new(IpmiError.Timeout, "no answer after 3 retries");

    private static Func<BmcTarget, PowerAction, PowerResult> OnExceptLastTwo => (t, _) =>
        t.Host is "127.0.2.249" or "127.0.2.250" ? throw NoAnswer : new PowerResult(PowerState.On);

    [Fact]
    public async Task PowerStatusOnAHealthyFleetPrintsOneCollatedLineAndExitsZero()
    {
        var cli = new CliRunner();
        int exit = await cli.RunAsync("power", "status", "--bmc", "ipmi://admin@127.0.[1-2].[1-250]");
        Assert.Equal(0, exit);
        Assert.Equal(["127.0.[1-2].[1-250]: on"], cli.OutputLines);
        Assert.Equal(500, cli.Backend.Calls.Count);
        Assert.Empty(cli.Terminal.Errors);
    }

    [Fact]
    public async Task SomeFailedNodesAreCollatedWithTheirErrorAndExitOne()
    {
        var cli = new CliRunner();
        cli.Backend.Power = OnExceptLastTwo;
        int exit = await cli.RunAsync("power", "status", "--bmc", "ipmi://admin@127.0.[1-2].[1-250]");
        Assert.Equal(1, exit);
        Assert.Equal(
        [
            "127.0.1.[1-250],127.0.2.[1-248]: on",
            $"127.0.2.[249-250]: error timeout: no answer after 3 retries (next: {NoAnswer.NextStep})",
        ], cli.OutputLines);
        Assert.Contains("2 of 500 BMCs failed", cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonOutputIsOneParsableObjectPerBmc()
    {
        var cli = new CliRunner();
        cli.Backend.Power = OnExceptLastTwo;
        int exit = await cli.RunAsync("power", "status", "--bmc", "ipmi://admin@127.0.2.[245-250]", "-o", "json");
        Assert.Equal(1, exit);
        var lines = cli.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(6, lines.Length);
        Assert.Equal(
            ["127.0.2.245", "127.0.2.246", "127.0.2.247", "127.0.2.248", "127.0.2.249", "127.0.2.250"],
            lines.Select(l => l.GetProperty("node").GetString()).Order(NaturalComparer.Instance));
        foreach (var line in lines)
        {
            bool failed = line.GetProperty("node").GetString() is "127.0.2.249" or "127.0.2.250";
            Assert.Equal(!failed, line.GetProperty("ok").GetBoolean());
            if (failed)
            {
                Assert.Equal("timeout", line.GetProperty("error").GetProperty("category").GetString());
                Assert.Equal(NoAnswer.NextStep, line.GetProperty("error").GetProperty("next").GetString());
                Assert.Equal(JsonValueKind.Null, line.GetProperty("state").ValueKind);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
                Assert.Equal("on", line.GetProperty("state").GetString());
            }
        }
    }

    [Fact]
    public async Task SensorsJsonListsEverySensorWithItsFields()
    {
        var cli = new CliRunner();
        cli.Backend.Sensors = _ => new SensorsResult([
            new SensorReadingResult("CPU1 Temp", "Temperature", 45.5, "degrees C", SensorStatus.Warning),
            new SensorReadingResult("PSU1", "Power Supply", null, null, SensorStatus.Ok, "Presence detected"),
        ]);
        Assert.Equal(0, await cli.RunAsync("sensors", "--bmc", "ipmi://admin@node[1-2]", "-o", "json"));
        Assert.Equal(2, cli.OutputLines.Length);
        var sensors = JsonDocument.Parse(cli.OutputLines[0]).RootElement.GetProperty("sensors");
        Assert.Equal(2, sensors.GetArrayLength());
        var cpu = sensors[0];
        Assert.Equal("CPU1 Temp", cpu.GetProperty("name").GetString());
        Assert.Equal("Temperature", cpu.GetProperty("type").GetString());
        Assert.Equal(45.5, cpu.GetProperty("value").GetDouble());
        Assert.Equal("degrees C", cpu.GetProperty("unit").GetString());
        Assert.Equal("warning", cpu.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, sensors[1].GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task SensorsTableCollatesIdenticalNodesIntoOneBlock()
    {
        var cli = new CliRunner();
        cli.Backend.Sensors = t => new SensorsResult([
            new SensorReadingResult("Fan1", "Fan", t.Host == "node3" ? 0 : 5400, "RPM", t.Host == "node3" ? SensorStatus.Critical : SensorStatus.Ok),
        ]);
        Assert.Equal(1 - 1, await cli.RunAsync("sensors", "--bmc", "ipmi://admin@node[1-4]"));
        Assert.Equal(["node[1-2,4]:", "    Fan1 | 5400 RPM | ok", "node3:", "    Fan1 | 0 RPM | critical"], cli.OutputLines);
    }

    [Fact]
    public async Task SelListJsonHasEventsWithIdTimestampSensorMessageSeverity()
    {
        var cli = new CliRunner();
        var when = new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);
        cli.Backend.Sel = _ => new SelResult([new SelEvent(7, when, "PS1 Status", "Power Supply AC lost", EventSeverity.Critical)]);
        Assert.Equal(0, await cli.RunAsync("sel", "list", "--bmc", "ipmi://admin@10.0.0.1", "--output", "json"));
        var e = JsonDocument.Parse(Assert.Single(cli.OutputLines)).RootElement.GetProperty("events")[0];
        Assert.Equal(7, e.GetProperty("id").GetInt32());
        Assert.Equal(when, e.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal("PS1 Status", e.GetProperty("sensor").GetString());
        Assert.Equal("Power Supply AC lost", e.GetProperty("message").GetString());
        Assert.Equal("critical", e.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task SelListTableShowsEachNodesEvents()
    {
        var cli = new CliRunner();
        cli.Backend.Sel = _ => new SelResult([new SelEvent(3, null, "Watchdog", "Timer expired", EventSeverity.Warning)]);
        Assert.Equal(0, await cli.RunAsync("sel", "list", "--bmc", "ipmi://admin@10.0.0.[1-3]"));
        Assert.Equal(["10.0.0.[1-3]:", "    3 | pre-init time        | warning  | Watchdog | Timer expired"], cli.OutputLines);
    }

    [Fact]
    public async Task ThePasswordFromTheEnvironmentAndTheConnectionOptionsReachTheBackend()
    {
        var cli = new CliRunner();
        cli.Environment.Set("LIFELINE_BMC_PASSWORD", "pässword").Set("SITE_KG", "0xA1B2");
        Assert.Equal(0, await cli.RunAsync("power", "on", "--bmc", "ipmi://admin@10.0.0.1", "--cipher", "3", "--privilege", "operator",
            "--timeout", "1.5", "--retries", "5", "--kg-env", "SITE_KG"));
        var connection = cli.Backend.LastConnection!;
        Assert.Equal("pässword", Encoding.UTF8.GetString(cli.Backend.PasswordSeen!));
        Assert.Equal(new byte[] { 0xA1, 0xB2 }, cli.Backend.KgSeen);
        Assert.Equal(3, connection.CipherSuite);
        Assert.Equal(PrivilegeLevel.Operator, connection.Privilege);
        Assert.Equal(TimeSpan.FromSeconds(1.5), connection.Timeout);
        Assert.Equal(5, connection.Retries);
        Assert.Equal(PowerAction.On, cli.Backend.LastRequest);
        Assert.Equal(["10.0.0.1: on sent; power is on"], cli.OutputLines);
    }

    [Fact]
    public async Task NoPasswordAndNoTerminalExitsTwoSayingWhichVariableToSet()
    {
        var cli = new CliRunner();
        cli.Environment.Set("LIFELINE_BMC_PASSWORD", "");
        Assert.Equal(2, await cli.RunAsync("power", "status", "--bmc", "ipmi://admin@10.0.0.1"));
        Assert.Contains("set the environment variable LIFELINE_BMC_PASSWORD", cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(cli.Backend.Calls);
        Assert.Empty(cli.Terminal.Output);
    }

    [Fact]
    public async Task OnATerminalThePasswordIsAskedFor()
    {
        var cli = new CliRunner();
        cli.Environment.Set("LIFELINE_BMC_PASSWORD", "");
        cli.Terminal.IsInputInteractive = true;
        cli.Terminal.Answer("typed-pw");
        Assert.Equal(0, await cli.RunAsync("power", "status", "--bmc", "ipmi://admin@10.0.0.1"));
        Assert.Equal("typed-pw", Encoding.UTF8.GetString(cli.Backend.PasswordSeen!));
    }

    [Theory]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.[9-1]")]
    [InlineData("power", "status", "--bmc", "ipmi://admin:pw@10.0.0.1")]
    [InlineData("power", "status")]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.1", "--frobnicate")]
    [InlineData("power", "status", "--bmc")]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.1", "-o", "xml")]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.1", "--fanout", "0")]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.1", "--cipher", "0")]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.1", "--cipher", "7")]
    [InlineData("power", "status", "--bmc", "ipmi://admin@10.0.0.1", "--timeout", "soon")]
    [InlineData("power", "explode", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("power")]
    [InlineData]
    [InlineData("boot", "floppy", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("identify", "--seconds", "300", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("identify", "--off", "--force", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("bmc", "reset", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("raw", "0x07", "0x01", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("raw", "0x06", "0x1ff", "--bmc", "ipmi://admin@10.0.0.1")]
    [InlineData("power", "status", "--bmc", "https://admin@10.0.0.1")]
    [InlineData("discover", "10.0.0.[5-1]")]
    [InlineData("sim", "--nodes", "5", "--address", "127.0.1.[1-2]")]
    public async Task UsageErrorsExitTwoWithoutTouchingAnyBmc(params string[] args)
    {
        var cli = new CliRunner();
        Assert.Equal(2, await cli.RunAsync(args));
        Assert.Empty(cli.Backend.Calls);
        Assert.Null(cli.Backend.SimulatorStarted);
        Assert.NotEmpty(cli.Terminal.Errors.Trim() + cli.Terminal.Output.Trim());
        Assert.DoesNotContain("   at ", cli.Terminal.Errors, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task ABadRangeOnTheCommandLineShowsTheCaretUnderTheColumn()
    {
        var cli = new CliRunner();
        Assert.Equal(2, await cli.RunAsync("power", "status", "--bmc", "ipmi://admin@10.0.0.[9-1]"));
        Assert.Equal(
            "lifeline: --bmc: reversed range 9-1 (write the smaller number first: 1-9) at column 22:\n" +
            "  ipmi://admin@10.0.0.[9-1]\n" +
            "                       ^\n",
            cli.Terminal.Errors);
    }

    [Fact]
    public async Task AnUnexpectedExceptionInTheCliPrintsOneLineWithoutStackTraceUnlessDebug()
    {
        var cli = new CliRunner();
        cli.TerminalOverride = new ThrowingOutTerminal(cli.Terminal);
        Assert.Equal(1, await cli.RunAsync("power", "status", "--bmc", "ipmi://admin@10.0.0.1"));
        var line = Assert.Single(cli.Terminal.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("lifeline: unexpected error: output closed (IOException; rerun with --debug", line, StringComparison.Ordinal);

        var debug = new CliRunner();
        debug.TerminalOverride = new ThrowingOutTerminal(debug.Terminal);
        Assert.Equal(1, await debug.RunAsync("power", "status", "--bmc", "ipmi://admin@10.0.0.1", "--debug"));
        Assert.Contains("   at ", debug.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BootPassesDeviceAndFlagsAndPrintsTheOverride()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("boot", "pxe", "--persistent", "--efi", "--bmc", "ipmi://admin@node[01-04]"));
        Assert.Equal(new BootRequest(BootDevice.Pxe, true, true), cli.Backend.LastRequest);
        Assert.Equal(["node[01-04]: pxe, persistent, EFI"], cli.OutputLines);
    }

    [Fact]
    public async Task RawAcceptsHexWithOrWithoutPrefix()
    {
        var cli = new CliRunner();
        cli.Backend.Raw = (_, r) => new RawResult(0, [r.Command, (byte)r.Data.Count]);
        Assert.Equal(0, await cli.RunAsync("raw", "0x06", "01", "0a", "0xFF", "--bmc", "ipmi://admin@10.0.0.1"));
        var request = Assert.IsType<RawRequest>(cli.Backend.LastRequest);
        Assert.Equal((byte)0x06, request.NetFn);
        Assert.Equal((byte)0x01, request.Command);
        Assert.Equal(new byte[] { 0x0A, 0xFF }, request.Data);
        Assert.Equal(["10.0.0.1: 01 02"], cli.OutputLines);
    }

    [Fact]
    public async Task IdentifyAndBmcResetPassTheirMode()
    {
        var cli = new CliRunner();
        Assert.Equal(0, await cli.RunAsync("identify", "--seconds", "30", "--bmc", "ipmi://admin@10.0.0.1"));
        Assert.Equal(new IdentifyRequest(IdentifyMode.Seconds, 30), cli.Backend.LastRequest);
        Assert.Equal(0, await cli.RunAsync("bmc", "reset", "--cold", "--bmc", "ipmi://admin@10.0.0.1"));
        Assert.Equal(BmcResetKind.Cold, cli.Backend.LastRequest);
    }

    [Fact]
    public async Task DiscoverNeedsNoPasswordAndReportsSilenceAsAResult()
    {
        var cli = new CliRunner();
        cli.Environment.Set("LIFELINE_BMC_PASSWORD", "");
        cli.Backend.Discover = t => t.Host == "10.0.0.3" ? new DiscoverResult(true, true, 4542) : new DiscoverResult(false);
        Assert.Equal(0, await cli.RunAsync("discover", "10.0.0.[1-5]"));
        Assert.Equal(["10.0.0.[1-2,4-5]: no answer", "10.0.0.3: IPMI (RMCP pong, IANA 4542)"], cli.OutputLines);
        Assert.All(cli.Backend.Calls, c => Assert.Equal("", c.Target.User));
    }

    [Fact]
    public async Task SimStartsTheFleetOnConsecutivePortsAndStopsOnCancellation()
    {
        var cli = new CliRunner();
        cli.Environment.Set("LIFELINE_SIM_PASSWORD", "simpw");
        using var cts = new CancellationTokenSource();
        var run = cli.RunAsync(["sim", "--nodes", "3", "--address", "127.0.0.1", "--port-base", "9001"], cts.Token);
        await Task.WhenAny(cli.Backend.SimulatorStartedSignal.Task, run).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(run.IsCompleted, $"sim ended before starting the fleet: {cli.Terminal.Errors}");

        await cts.CancelAsync();
        Assert.Equal(0, await run);
        var options = cli.Backend.SimulatorStarted!;
        Assert.Equal(["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"], options.Endpoints.Select(e => e.ToString()));
        Assert.Equal("simpw", cli.Backend.SimulatorPasswordSeen);
        Assert.True(cli.Backend.SimulatorStopped);
        Assert.Contains("ipmi://admin@127.0.0.1:[9001-9003]", cli.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimByDefaultGivesEachNodeItsOwnLoopbackAddressOnPort623AndPrintsReady()
    {
        var cli = new CliRunner();
        using var cts = new CancellationTokenSource();
        var run = cli.RunAsync(["sim", "--nodes", "300", "--hang", "2"], cts.Token);
        await Task.WhenAny(cli.Backend.SimulatorStartedSignal.Task, run).WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        var options = cli.Backend.SimulatorStarted!;
        Assert.Equal("127.0.1.1:623", options.Endpoints[0].ToString());
        Assert.Equal("127.0.1.254:623", options.Endpoints[253].ToString());
        Assert.Equal("127.0.2.1:623", options.Endpoints[254].ToString());
        Assert.Equal(2, options.Faults.HungNodes);
        Assert.Contains("\nready (", "\n" + cli.Terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimWithRedfishServesItBesideIpmiOnTheSameAddresses()
    {
        var cli = new CliRunner();
        using var cts = new CancellationTokenSource();
        var run = cli.RunAsync(["sim", "--nodes", "3", "--redfish"], cts.Token);
        await Task.WhenAny(cli.Backend.SimulatorStartedSignal.Task, run).WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        var redfish = cli.Backend.SimulatorStarted!.Redfish!;
        Assert.Equal(["127.0.1.1:443", "127.0.1.2:443", "127.0.1.3:443"], redfish.Endpoints.Select(e => e.ToString()));
        Assert.False(redfish.PlainHttp);
        Assert.Equal(["127.0.0.1:10443", "127.0.0.1:10444"],
            Lifeline.Cli.Commands.SimCommand.RedfishEndpoints([new(System.Net.IPAddress.Loopback, 10623), new(System.Net.IPAddress.Loopback, 10624)], null).Select(e => e.ToString()));
    }

    [Fact]
    public async Task SimThatCannotBindSaysWhyInOneLineAndExitsOne()
    {
        var cli = new CliRunner();
        cli.Backend.SimulatorFailure = new System.Net.Sockets.SocketException(98);
        Assert.Equal(1, await cli.RunAsync("sim", "--nodes", "2"));
        var line = Assert.Single(cli.Terminal.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("lifeline: sim: could not start the fleet: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimGivesEachNodeItsOwnAddressFromARange()
    {
        var cli = new CliRunner();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        Assert.Equal(0, await cli.RunAsync(["sim", "--nodes", "2", "--address", "127.0.1.[1-2]", "--port-base", "623"], cts.Token));
        Assert.Equal(["127.0.1.1:623", "127.0.1.2:623"], cli.Backend.SimulatorStarted!.Endpoints.Select(e => e.ToString()));
        Assert.Equal("admin", cli.Backend.SimulatorPasswordSeen);
    }

    [Fact]
    public async Task CtrlCDuringAFanOutReportsUnfinishedNodesAsCancelledAndExits130()
    {
        var cli = new CliRunner();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cli.Backend.BeforeAnswer = async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };
        using var cts = new CancellationTokenSource();
        var run = cli.RunAsync(["power", "status", "--bmc", "ipmi://admin@10.0.0.[1-3]", "--fanout", "1"], cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        Assert.Equal(130, await run);
        Assert.Single(cli.Backend.Calls);
        Assert.Equal(
        [
            "10.0.0.1: error cancelled: interrupted before this node finished (next: run the command again for this node)",
            "10.0.0.[2-3]: error cancelled: interrupted before this node was started (next: run the command again for this node)",
        ], cli.OutputLines);
        Assert.Contains("interrupted; 3 of 3 BMCs did not finish", cli.Terminal.Errors, StringComparison.Ordinal);
    }

    /// <summary>A terminal whose stdout throws, to provoke an unexpected exception inside a command.</summary>
    private sealed class ThrowingOutTerminal(FakeTerminal inner) : Hosting.ITerminal
    {
        public TextWriter Out { get; } = new ThrowingWriter();

        public TextWriter Error => inner.Error;

        public bool IsInputInteractive => false;

        public bool IsOutputInteractive => false;

        public bool IsErrorInteractive => false;

        public string? ReadSecret(string prompt, CancellationToken cancellationToken) => null;

        private sealed class ThrowingWriter : StringWriter
        {
            public override void WriteLine(string? value) => throw new IOException("output closed");
        }
    }
}
