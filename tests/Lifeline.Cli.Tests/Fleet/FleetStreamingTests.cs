namespace Lifeline.Cli.Tests.Fleet;

/// <summary>Operation streams that stall, break or are interrupted: what was received is always shown.</summary>
public sealed class FleetStreamingTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FleetCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task AStalledServiceStillShowsTheJsonLinesAlreadyReceivedAndCtrlCEndsWith130()
    {
        var stream = _cli.Service.OnOpsStream("power");
        using var cts = new CancellationTokenSource();
        var run = _cli.Runner.RunAsync(["power", "n[1-3]", "-o", "json"], cts.Token);
        await stream.WriteLineAsync(FakeFleetService.Ok("n1", new { state = "on" }));
        await stream.WriteLineAsync(FakeFleetService.Ok("n2", new { state = "off" }));

        await stream.CaughtUpAsync().WaitAsync(Bound);
        Assert.Equal(2, _cli.OutputLines.Length);
        Assert.False(run.IsCompleted, "the command must wait for n3 while the stream is open");

        await cts.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Bound));
        Assert.Equal(["n1", "n2"], _cli.OutputLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("node").GetString()));
        Assert.Contains("interrupted; 2 nodes reported before that", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptingATableRunPrintsTheCollatedResultsReceivedSoFar()
    {
        var stream = _cli.Service.OnOpsStream("power");
        using var cts = new CancellationTokenSource();
        var run = _cli.Runner.RunAsync(["power", "n[1-3]", "off"], cts.Token);
        await stream.WriteLineAsync(FakeFleetService.Ok("n2", new { state = "off", action = "off" }));
        await stream.WriteLineAsync(FakeFleetService.Ok("n1", new { state = "off", action = "off" }));
        await stream.CaughtUpAsync().WaitAsync(Bound);
        Assert.Empty(_cli.Terminal.Output);

        await cts.CancelAsync();
        Assert.Equal(130, await run.WaitAsync(Bound));
        Assert.Equal(["n1,n2: off sent; power is off"], _cli.OutputLines);
    }

    [Fact]
    public async Task AStreamThatBreaksAfterSomeNodesShowsThemAndSaysTheConnectionBroke()
    {
        var stream = _cli.Service.OnOpsStream("sensors");
        var run = _cli.RunAsync("sensors", "n[1-3]");
        await stream.WriteLineAsync(FakeFleetService.Ok("n1", new { sensors = Array.Empty<object>() }));
        await stream.CaughtUpAsync().WaitAsync(Bound);
        await stream.FailAsync(new IOException("connection reset by peer"));

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.True(_cli.OutputLines.SequenceEqual(["n1: no sensors"]), _cli.Terminal.Errors);
        Assert.Contains("the connection to http://fleet.test:8600 broke during the answer: connection reset by peer", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Contains("(next: run the command again; nodes already shown above did finish)", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGarbledLineAfterSomeNodesEndsTheStreamWithAVersionHint()
    {
        var stream = _cli.Service.OnOpsStream("power");
        var run = _cli.RunAsync("power", "n[1-2]");
        await stream.WriteLineAsync(FakeFleetService.Ok("n1", new { state = "on" }));
        await stream.WriteRawAsync("this is not json\n");
        await stream.CompleteAsync();

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Equal(["n1: on"], _cli.OutputLines);
        Assert.Contains("sent an answer this lifeline cannot read: line 2", _cli.Terminal.Errors, StringComparison.Ordinal);
    }
}
