using System.Net;
using System.Net.Sockets;
using Lifeline.Cli.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Cli.Tests.Fleet;

/// <summary>How failures of the service call read: problem details, 401, refused connections, time-outs.</summary>
public sealed class FleetErrorsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FleetCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task AProblemDetailsAnswerPrintsDetailAndNextAndA4xxExitsTwo()
    {
        _cli.Service.On("POST", "ops/power", _ => FakeFleetService.Problem(HttpStatusCode.BadRequest, "Bad noderange",
            "'n7' is not a node or group.\n  n7\n  ^\nNarrow the range.", "fix the noderange at the position shown",
            new() { ["position"] = 0, ["noderange"] = "n7" }));

        Assert.Equal(2, await _cli.RunAsync("power", "n7", "off"));

        Assert.Equal("lifeline: 'n7' is not a node or group.\n  n7\n  ^\nNarrow the range.\n(next: fix the noderange at the position shown)\n", _cli.Terminal.Errors);
        Assert.Empty(_cli.Terminal.Output);
    }

    [Fact]
    public async Task UnauthorizedSaysToRunLoginWithTheServiceUrl()
    {
        _cli.Service.On("GET", "nodes", _ => FakeFleetService.Problem(HttpStatusCode.Unauthorized, "Unauthorized", "the token has expired", "log in again"));

        Assert.Equal(2, await _cli.RunAsync("nodes", "list"));

        Assert.Equal("lifeline: the service at http://fleet.test:8600 did not accept the token: the token has expired " +
            "(next: run lifeline login http://fleet.test:8600, or set LIFELINE_TOKEN to a valid token)\n", _cli.Terminal.Errors);
    }

    [Fact]
    public async Task ServerErrorsExitOneAndPointAtTheServiceLog()
    {
        _cli.Service.On("GET", "users", _ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("") });
        Assert.Equal(1, await _cli.RunAsync("users", "list"));
        Assert.Contains("HTTP 500 InternalServerError (next: the service failed; its log says why", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonLifelineAnswerAt404AsksWhetherTheUrlIsRight()
    {
        _cli.Service.On("GET", "groups", _ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html><body>Not Found</body></html>") });
        Assert.Equal(2, await _cli.RunAsync("groups", "list"));
        Assert.Contains("<html><body>Not Found</body></html> (next: is http://fleet.test:8600 a lifeline service? check the URL", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedConnectionAsksWhetherTheServiceIsRunning()
    {
        // A port that was just free: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _cli.Runner.FleetHandler = null;
        _cli.Runner.Environment.Set("LIFELINE_URL", $"http://127.0.0.1:{port}");

        Assert.Equal(2, await _cli.RunAsync("nodes", "list"));

        Assert.Equal($"lifeline: cannot connect to http://127.0.0.1:{port}: connection refused (next: is the service running at http://127.0.0.1:{port}? " +
            "Start it (lifeline serve), or log in to the right URL (lifeline login URL))\n", _cli.Terminal.Errors);
    }

    [Fact]
    public async Task AServiceThatNeverAnswersTimesOutOnTheFakeClock()
    {
        var time = new FakeTimeProvider();
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cli.Runner.Time = time;
        _cli.Service.On("GET", "nodes", async (_, ct) =>
        {
            requested.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        var run = _cli.RunAsync("nodes", "list", "--timeout", "5");
        await requested.Task.WaitAsync(Bound);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(2, await run.WaitAsync(Bound));
        Assert.StartsWith("lifeline: no answer from the service at http://fleet.test:8600 within 5 s (next: ", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnyServiceConfiguredFleetVerbsSayHowToLogInOrUseDirectMode()
    {
        using var cli = new FleetCli(loggedIn: false);
        Assert.Equal(2, await cli.RunAsync("power", "n1", "off"));
        Assert.Equal("lifeline: no fleet service: run lifeline login URL (or set LIFELINE_URL and LIFELINE_TOKEN); " +
            "to talk to BMCs directly instead, give --bmc URL or --bmc-file FILE\n", cli.Terminal.Errors);
        Assert.Empty(cli.Service.Requests);
    }

    [Fact]
    public async Task AUrlWithoutTokenSaysNotLoggedIn()
    {
        using var cli = new FleetCli(loggedIn: false);
        cli.Runner.Environment.Set("LIFELINE_URL", "http://other:8600/");
        Assert.Equal(2, await cli.RunAsync("nodes", "list"));
        Assert.Equal("lifeline: not logged in to http://other:8600: run lifeline login http://other:8600 (or set LIFELINE_TOKEN)\n", cli.Terminal.Errors);
    }

    [Theory]
    [InlineData("fleet.test:8600", "give the service's URL with its scheme")]
    [InlineData("ftp://fleet.test", "expected http://HOST[:PORT] or https://HOST[:PORT]")]
    [InlineData("http://admin:pw@fleet.test", "no user, password, query or fragment")]
    public void MalformedServiceUrlsAreUsageErrors(string url, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => ServiceUrl.Parse(url, "login")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("http://fleet.test:8600", "http://fleet.test:8600/")]
    [InlineData("http://fleet.test:8600/api/v1/", "http://fleet.test:8600/")]
    [InlineData("https://mgmt.example/lifeline/", "https://mgmt.example/lifeline/")]
    [InlineData("http://[::1]:8600", "http://[::1]:8600/")]
    public void ServiceUrlsAreNormalisedToTheirRoot(string url, string root) =>
        Assert.Equal(root, ServiceUrl.Parse(url, "login").ToString());
}
