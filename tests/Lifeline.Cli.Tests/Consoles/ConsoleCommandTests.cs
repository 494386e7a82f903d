using Lifeline.Cli.Consoles;
using Lifeline.Cli.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Cli.Tests.Consoles;

/// <summary><c>lifeline console</c> against a fake of the service's console endpoints on 127.0.0.1.</summary>
public sealed class ConsoleCommandTests : IDisposable
{
    private const string Token = "ll_abc123def456_SECRETsecretSECRETsecretSECRETsecret1234";
    private readonly FakeConsoleService _service = new();
    private readonly FakeConsoleTerminal _console = new();
    private readonly CliRunner _runner = new();
    private readonly string _home = Directory.CreateTempSubdirectory("lifeline-console-test-").FullName;

    public ConsoleCommandTests()
    {
        _runner.Environment.Set("LIFELINE_URL", _service.Url).Set("LIFELINE_TOKEN", Token).Set("XDG_CONFIG_HOME", _home).Set("HOME", _home);
        _runner.Configure = services => services.AddSingleton<IConsoleTerminal>(_console);
    }

    public void Dispose()
    {
        _service.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task AWriterSeesOutputTypesEchoedBytesAndPowersTheNodeFromTheMenu()
    {
        var run = _runner.RunAsync("console", "n1");
        await FakeConsoleTerminal.UntilAsync(() => _console.Out.Contains("n1 login: ", StringComparison.Ordinal), "the console output");
        await _console.TypeAsync("root\r");
        await FakeConsoleTerminal.UntilAsync(() => _console.Out.Contains("root\r", StringComparison.Ordinal), "the echo of typed bytes");
        await _service.SendTextAsync("""{"type":"event","pattern":"kernel-panic","line":"Kernel panic - not syncing"}""");
        await _service.SendTextAsync("""{"type":"displaced","by":"bob"}""");
        await FakeConsoleTerminal.UntilAsync(() => _console.StatusText.Contains("bob took the writer seat", StringComparison.Ordinal), "the displaced message");
        await _console.TypeAsync("\u0005cf\u0005cb\u0005cr\u0005cp1");
        await FakeConsoleTerminal.UntilAsync(() => _console.StatusText.Contains("power on: n1: ok (power on)", StringComparison.Ordinal), "the power result");
        await _console.TypeAsync("\u0005c.");
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal($"Bearer {Token}", _service.Authorization);
        Assert.Contains(_service.Requests, r => r.StartsWith("GET /api/v1/consoles/n1/ws?mode=write&force=false", StringComparison.Ordinal));
        Assert.Contains(_service.Requests, r => r.StartsWith("POST /api/v1/ops/power", StringComparison.Ordinal) && r.Contains("\"noderange\":\"n1\"", StringComparison.Ordinal) && r.Contains("\"action\":\"on\"", StringComparison.Ordinal));
        string texts = string.Join("\n", _service.Texts);
        Assert.Contains("""{"type":"resize","cols":120,"rows":40}""", texts, StringComparison.Ordinal);
        Assert.Contains("""{"type":"write","force":true}""", texts, StringComparison.Ordinal);
        Assert.Contains("""{"type":"break"}""", texts, StringComparison.Ordinal);
        Assert.Contains("""{"type":"replay","lines":50}""", texts, StringComparison.Ordinal);
        string status = _console.StatusText;
        Assert.Contains("[lifeline] n1: console connected; you are the writer; 2 viewers\r\n", status, StringComparison.Ordinal);
        Assert.Contains("[lifeline] event kernel-panic: Kernel panic - not syncing", status, StringComparison.Ordinal);
        Assert.Equal(["save", "raw", "restore sane"], _console.ModeCalls);
        Assert.DoesNotContain(Token, status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASpyCannotTypeUntilItAsksForTheWriterSeat()
    {
        var run = _runner.RunAsync("console", "n1", "--spy");
        await FakeConsoleTerminal.UntilAsync(() => _console.StatusText.Contains("read only (alice is the writer", StringComparison.Ordinal), "the viewer state");
        await _console.TypeAsync("typed");
        await FakeConsoleTerminal.UntilAsync(() => _console.StatusText.Contains("keystrokes are not sent", StringComparison.Ordinal), "the read-only notice");
        Assert.Empty(_service.Binaries);
        await _console.TypeAsync("\u0005cw");
        await FakeConsoleTerminal.UntilAsync(() => _console.StatusText.Contains("you are the writer", StringComparison.Ordinal), "the writer state");
        await _console.TypeAsync("now");
        await FakeConsoleTerminal.UntilAsync(() => !_service.Binaries.IsEmpty, "the keystrokes of the new writer");
        await _console.TypeAsync("\u0005c.");
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal("now"u8.ToArray(), Assert.Single(_service.Binaries));
        Assert.Contains(_service.Requests, r => r.Contains("mode=spy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PipedInputNeedsNoRawModeAndDetachesWhenItEnds()
    {
        _console.IsInputTerminal = false;
        var run = _runner.RunAsync("console", "n1", "--linger", "0.2");
        await FakeConsoleTerminal.UntilAsync(() => _console.Out.Contains("login", StringComparison.Ordinal), "the console output");
        await _console.TypeAsync("hostname\n");
        await _console.EndInputAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains("hostname\n", _console.Out, StringComparison.Ordinal);
        Assert.Empty(_console.ModeCalls);
        Assert.Contains("[lifeline] input ended; detached\n", _console.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownNodeSaysWhatToDo()
    {
        int code = await _runner.RunAsync("console", "n404");
        Assert.Equal(1, code);
        Assert.Contains("n404: no such node, or it has no console", _runner.Terminal.Errors, StringComparison.Ordinal);
        Assert.Contains("lifeline console list", _runner.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleListShowsATableInNaturalOrderOrJson()
    {
        Assert.Equal(0, await _runner.RunAsync("console", "list"));
        var lines = _runner.OutputLines;
        Assert.StartsWith("NODE", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("n1", lines[1], StringComparison.Ordinal);
        Assert.Contains("alice", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("n2", lines[2], StringComparison.Ordinal);

        var json = new CliRunner { Configure = _runner.Configure };
        json.Environment.Set("LIFELINE_URL", _service.Url).Set("LIFELINE_TOKEN", Token).Set("XDG_CONFIG_HOME", _home).Set("HOME", _home);
        Assert.Equal(0, await json.RunAsync("console", "list", "n[1-2]", "-o", "json"));
        Assert.Contains("\"method\":\"tcp://10.0.0.2:7001\"", json.Terminal.Output, StringComparison.Ordinal);
        Assert.Contains(_service.Requests, r => r.StartsWith("GET /api/v1/consoles?noderange=n%5B1-2%5D", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConsoleLogPassesTheWindowAndPatternAndPrintsTheLines()
    {
        Assert.Equal(0, await _runner.RunAsync("console", "log", "n1", "--since", "2026-11-26T09:00:00Z", "--grep", "panic", "--limit", "10"));
        Assert.Contains("Kernel panic - not syncing", _runner.Terminal.Output, StringComparison.Ordinal);
        var request = Assert.Single(_service.Requests, r => r.StartsWith("GET /api/v1/consoles/n1/log", StringComparison.Ordinal));
        Assert.Contains("since=2026-11-26T09%3A00%3A00", request, StringComparison.Ordinal);
        Assert.Contains("grep=panic", request, StringComparison.Ordinal);
        Assert.Contains("limit=10", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleWithoutANodeOrBmcNamesBothForms()
    {
        Assert.Equal(2, await _runner.RunAsync("console"));
        Assert.Contains("lifeline console NODE", _runner.Terminal.Errors, StringComparison.Ordinal);
        Assert.Contains("--bmc", _runner.Terminal.Errors, StringComparison.Ordinal);
    }
}
