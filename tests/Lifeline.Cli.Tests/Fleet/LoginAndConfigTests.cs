using System.Net;
using System.Text.Json;
using Lifeline.Cli.Fleet;

namespace Lifeline.Cli.Tests.Fleet;

/// <summary><c>login</c>, <c>logout</c>, the config file (0600) and the environment overrides; the token never prints.</summary>
public sealed class LoginAndConfigTests : IDisposable
{
    private const string Password = "pw-Quartz-7741";
    private const string IssuedToken = "ll_tok000000001_IssuedSecretIssuedSecretIssuedSecret0001";

    private readonly FleetCli _cli = new(loggedIn: false);

    public LoginAndConfigTests()
    {
        _cli.Service.On("POST", "auth/login", r =>
        {
            var body = r.Json;
            return body.GetProperty("password").GetString() == Password
                ? FakeFleetService.Json(new { token = IssuedToken, id = "tok000000001", expires_at = "2026-06-01T00:00:00Z", user = body.GetProperty("user").GetString() })
                : FakeFleetService.Problem(HttpStatusCode.Unauthorized, "Unauthorized", "wrong user name or password", "check the user name and password");
        });
    }

    public void Dispose() => _cli.Dispose();

    private string AllText => _cli.Terminal.Output + _cli.Terminal.Errors + string.Join('\n', _cli.Terminal.Prompts);

    [Fact]
    public async Task LoginWithThePasswordFromTheEnvironmentStoresUrlUserAndTokenInA0600File()
    {
        _cli.Runner.Environment.Set("LIFELINE_PASSWORD", Password);

        Assert.Equal(0, await _cli.RunAsync("login", "http://fleet.test:8600/", "--user", "alice"));

        var login = Assert.Single(_cli.Service.Requests);
        Assert.Equal(("alice", Password, null), (login.Json.GetProperty("user").GetString(), login.Json.GetProperty("password").GetString(), login.Token));
        var stored = JsonDocument.Parse(File.ReadAllText(_cli.ConfigPath)).RootElement;
        Assert.Equal(("http://fleet.test:8600", "alice", IssuedToken),
            (stored.GetProperty("url").GetString(), stored.GetProperty("user").GetString(), stored.GetProperty("token").GetString()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(_cli.ConfigPath)!));
        }

        Assert.Contains("logged in to http://fleet.test:8600 as alice; token tok000000001", _cli.Terminal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("IssuedSecret", AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginOverAnExistingWorldReadableFileLeavesItPrivate()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.ConfigPath)!);
        File.WriteAllText(_cli.ConfigPath, "{\"url\":\"http://old:1\",\"user\":\"bob\",\"token\":\"ll_old_x\"}");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_cli.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _cli.Runner.Environment.Set("LIFELINE_PASSWORD", Password);

        Assert.Equal(0, await _cli.RunAsync("login", FakeFleetService.Url));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
        Assert.Equal("admin", JsonDocument.Parse(File.ReadAllText(_cli.ConfigPath)).RootElement.GetProperty("user").GetString());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_cli.ConfigPath)!, "*.tmp"));
    }

    [Fact]
    public async Task LoginAsksForThePasswordWithoutEchoWhenTheVariableIsUnset()
    {
        _cli.Terminal.IsInputInteractive = true;
        _cli.Terminal.Answer(Password);

        Assert.Equal(0, await _cli.RunAsync("login", FakeFleetService.Url));

        Assert.Equal(["Password for admin at http://fleet.test:8600: "], _cli.Terminal.Prompts);
        Assert.Equal("admin", _cli.Service.Requests.Single().Json.GetProperty("user").GetString());
    }

    [Fact]
    public async Task LoginWithoutATerminalOrVariableIsAUsageErrorNamingTheVariable()
    {
        Assert.Equal(2, await _cli.RunAsync("login", FakeFleetService.Url));
        Assert.Contains("set the environment variable LIFELINE_PASSWORD", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.Empty(_cli.Service.Requests);
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task AWrongPasswordKeepsTheServicesOwnNextStepAndStoresNothing()
    {
        _cli.Runner.Environment.Set("LIFELINE_PASSWORD", "wrong");
        Assert.Equal(2, await _cli.RunAsync("login", FakeFleetService.Url));
        Assert.Equal("lifeline: wrong user name or password (next: check the user name and password)\n", _cli.Terminal.Errors);
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task AfterLoginCommandsUseTheStoredTokenAndNeverPrintIt()
    {
        _cli.Runner.Environment.Set("LIFELINE_PASSWORD", Password);
        Assert.Equal(0, await _cli.RunAsync("login", FakeFleetService.Url));
        _cli.Service.OnJson("GET", "auth/whoami", new
        {
            user = "admin", grants = new[] { new { role = "admin", scope = "*" } },
            token = new { id = "tok000000001", name = "lifeline-cli", max_role = "admin", expires_at = "2026-06-01T00:00:00Z" },
        });

        Assert.Equal(0, await _cli.RunAsync("whoami", "--debug"));

        Assert.Equal(IssuedToken, _cli.Service.Requests.Last().Token);
        Assert.Contains("admin at http://fleet.test:8600: admin over *", _cli.Terminal.Output, StringComparison.Ordinal);
        Assert.Contains("token tok000000001 (lifeline-cli), max role admin", _cli.Terminal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("IssuedSecret", AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailureWithDebugStillNeverPrintsTheToken()
    {
        _cli.Runner.Environment.Set("LIFELINE_PASSWORD", Password);
        Assert.Equal(0, await _cli.RunAsync("login", FakeFleetService.Url));
        _cli.Service.On("GET", "nodes", _ => FakeFleetService.Problem(HttpStatusCode.Unauthorized, "Unauthorized", "the token was revoked", "log in"));

        Assert.Equal(2, await _cli.RunAsync("nodes", "list", "--debug"));

        Assert.Contains("did not accept the token: the token was revoked", _cli.Terminal.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("IssuedSecret", AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("IssuedSecret", new FleetConfig("u", "v", IssuedToken).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("IssuedSecret", new ServiceEndpoint(new Uri(FakeFleetService.Url), IssuedToken, "v").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentUrlAndTokenWinOverTheFile()
    {
        new FleetConfigStore(_cli.Runner.Environment).Save(new FleetConfig("http://elsewhere:8600", "bob", "ll_file_token"));
        _cli.Runner.Environment.Set("LIFELINE_URL", FakeFleetService.Url);
        _cli.Runner.Environment.Set("LIFELINE_TOKEN", FleetCli.Token);
        _cli.Service.OnJson("GET", "nodes", Array.Empty<object>());

        Assert.Equal(0, await _cli.RunAsync("nodes", "list"));

        Assert.Equal(FleetCli.Token, _cli.Service.Requests.Single().Token);
    }

    [Fact]
    public async Task TheFilesTokenIsNeverSentToAnotherServiceNamedByLifelineUrl()
    {
        new FleetConfigStore(_cli.Runner.Environment).Save(new FleetConfig("http://elsewhere:8600", "bob", "ll_file_token"));
        _cli.Runner.Environment.Set("LIFELINE_URL", FakeFleetService.Url);

        Assert.Equal(2, await _cli.RunAsync("nodes", "list"));

        Assert.Empty(_cli.Service.Requests);
        Assert.Contains("not logged in to http://fleet.test:8600", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogoutRevokesTheStoredTokenAndDeletesItButKeepsUrlAndUser()
    {
        new FleetConfigStore(_cli.Runner.Environment).Save(new FleetConfig(FakeFleetService.Url, "alice", IssuedToken));
        _cli.Service.On("DELETE", "tokens/tok000000001", _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal(0, await _cli.RunAsync("logout"));

        var revoke = Assert.Single(_cli.Service.Requests);
        Assert.Equal(IssuedToken, revoke.Token);
        var stored = JsonDocument.Parse(File.ReadAllText(_cli.ConfigPath)).RootElement;
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("token").ValueKind);
        Assert.Equal("alice", stored.GetProperty("user").GetString());
        Assert.Equal("logged out of http://fleet.test:8600\n", _cli.Terminal.Output);
    }

    [Fact]
    public async Task LogoutOfAnUnreachableServiceStillDeletesTheTokenAndExitsOne()
    {
        new FleetConfigStore(_cli.Runner.Environment).Save(new FleetConfig(FakeFleetService.Url, "alice", IssuedToken));
        _cli.Service.On("DELETE", "tokens/tok000000001", _ => throw new HttpRequestException("network is down"));

        Assert.Equal(1, await _cli.RunAsync("logout"));

        Assert.Null(new FleetConfigStore(_cli.Runner.Environment).Load()!.Token);
        Assert.Contains("could not revoke the token", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadableConfigFileWithATokenIsWarnedAbout()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        new FleetConfigStore(_cli.Runner.Environment).Save(new FleetConfig(FakeFleetService.Url, "alice", IssuedToken));
        File.SetUnixFileMode(_cli.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        _cli.Service.OnJson("GET", "nodes", Array.Empty<object>());

        Assert.Equal(0, await _cli.RunAsync("nodes", "list"));

        Assert.Contains($"WARNING: {_cli.ConfigPath} holds a token and others may read it; run chmod 600", _cli.Terminal.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfigFileFollowsXdgConfigHomeElseHome()
    {
        var environment = new Fakes.FakeEnvironment().Set("HOME", "/home/alice");
        Assert.Equal("/home/alice/.config/lifeline/config.json", new FleetConfigStore(environment).Path);
        environment.Set("XDG_CONFIG_HOME", "/xdg");
        Assert.Equal("/xdg/lifeline/config.json", new FleetConfigStore(environment).Path);
    }

    [Fact]
    public void ACorruptConfigFileIsAUsageErrorThatSaysToDeleteIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.ConfigPath)!);
        File.WriteAllText(_cli.ConfigPath, "{not json");
        var error = Assert.Throws<UsageException>(() => new FleetConfigStore(_cli.Runner.Environment).Load());
        Assert.Contains("is not a lifeline config file", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it and run lifeline login URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTokenIdComesFromTheTokensDocumentedShape()
    {
        Assert.Equal("tok000000001", ServiceEndpoint.TokenId(IssuedToken));
        Assert.Null(ServiceEndpoint.TokenId("not-a-lifeline-token"));
    }
}
