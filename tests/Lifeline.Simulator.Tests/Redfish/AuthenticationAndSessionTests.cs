using System.Net;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Redfish;

namespace Lifeline.Simulator.Tests.Redfish;

public sealed class AuthenticationAndSessionTests
{
    [Fact]
    public async Task TheServiceRootNeedsNoCredentialsAndNamesTheSessionsLink()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Get, "", anonymous: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        Assert.NotNull(response.Headers.ETag);
        var root = await RedfishHarness.BodyAsync(response);
        Assert.Equal("RootService", root["Id"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/SessionService/Sessions", root["Links"]!["Sessions"]!["@odata.id"]!.GetValue<string>());
        Assert.Equal(h.Model().SystemGuid.ToString(), root["UUID"]!.GetValue<string>());
        Assert.NotNull(root["ProtocolFeaturesSupported"]);
    }

    [Theory]
    [InlineData("Systems")]
    [InlineData("Systems/1")]
    [InlineData("Chassis/1/Thermal")]
    [InlineData("SessionService/Sessions")]
    public async Task EveryOtherResourceAnswers401WithARedfishErrorWithoutCredentials(string path)
    {
        await using var h = await RedfishHarness.StartAsync();
        using var response = await h.SendAsync(HttpMethod.Get, path, anonymous: true);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.EndsWith(".NoValidSession", await RedfishHarness.MessageIdAsync(response));
        using var metadata = await h.SendAsync(HttpMethod.Get, "$metadata", anonymous: true);
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
    }

    [Fact]
    public async Task BasicAuthUsesTheModelsUsersAndAWrongPasswordIsRefused()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var good = await h.SendAsync(HttpMethod.Get, "Systems/1");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        using var bad = await h.SendAsync(HttpMethod.Get, "Systems/1", auth: RedfishHarness.Basic("admin", "nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        // a password changed on the model (as over IPMI Set User Password) is the Redfish password at once
        h.Model().SetUserPassword(2, "changed");
        using var changed = await h.SendAsync(HttpMethod.Get, "Systems/1", auth: RedfishHarness.Basic("admin", "changed"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task SessionLoginGivesATokenAndLocationAndLogoutEndsIt()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var login = await h.SendAsync(HttpMethod.Post, "SessionService/Sessions",
            new JsonObject { ["UserName"] = "admin", ["Password"] = RedfishHarness.Password }, anonymous: true);
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        string token = login.Headers.GetValues("X-Auth-Token").Single();
        var location = login.Headers.Location!.ToString();
        Assert.StartsWith("/redfish/v1/SessionService/Sessions/", location);
        Assert.Equal(1, h.Face[0].SessionCount);

        using var withToken = await h.SendAsync(HttpMethod.Get, "Systems/1", token: token);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        using var logout = await h.SendAsync(HttpMethod.Delete, location, token: token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await h.SendAsync(HttpMethod.Get, "Systems/1", token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(0, h.Face[0].SessionCount);
    }

    [Fact]
    public async Task TheSessionLimitAnswers503SessionLimitExceeded()
    {
        await using var h = await RedfishHarness.StartAsync(options: new RedfishFaceOptions { UseHttps = false, SessionLimit = 2 });
        var body = new JsonObject { ["UserName"] = "admin", ["Password"] = RedfishHarness.Password };
        for (int i = 0; i < 2; i++)
        {
            using var ok = await h.SendAsync(HttpMethod.Post, "SessionService/Sessions", body, anonymous: true);
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }
        using var third = await h.SendAsync(HttpMethod.Post, "SessionService/Sessions", body, anonymous: true);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("Base.1.16.0.SessionLimitExceeded", await RedfishHarness.MessageIdAsync(third));
    }

    [Fact]
    public async Task AnIdleSessionExpiresOnTheModelsClock()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var login = await h.SendAsync(HttpMethod.Post, "SessionService/Sessions",
            new JsonObject { ["UserName"] = "admin", ["Password"] = RedfishHarness.Password }, anonymous: true);
        string token = login.Headers.GetValues("X-Auth-Token").Single();
        h.Clock.Advance(TimeSpan.FromMinutes(29));
        using var stillThere = await h.SendAsync(HttpMethod.Get, "Systems/1", token: token);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        using var gone = await h.SendAsync(HttpMethod.Get, "Systems/1", token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordAtLoginIs401AndCreatesNoSession()
    {
        await using var h = await RedfishHarness.StartAsync();
        using var login = await h.SendAsync(HttpMethod.Post, "SessionService/Sessions",
            new JsonObject { ["UserName"] = "admin", ["Password"] = "wrong" }, anonymous: true);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(0, h.Face[0].SessionCount);
    }

    [Fact]
    public async Task AReadOnlyUserMayLookButNotReset()
    {
        await using var h = await RedfishHarness.StartAsync();
        var ro = RedfishHarness.Basic("readonly", "readonly");
        using var look = await h.SendAsync(HttpMethod.Get, "Systems/1", auth: ro);
        Assert.Equal(HttpStatusCode.OK, look.StatusCode);
        using var reset = await h.SendAsync(HttpMethod.Post, "Systems/1/Actions/ComputerSystem.Reset",
            new JsonObject { ["ResetType"] = "ForceOff" }, auth: ro);
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.True(h.Model().IsPoweredOn);
    }

    [Fact]
    public async Task AccountsAreTheModelsUsersWithRedfishRoles()
    {
        await using var h = await RedfishHarness.StartAsync();
        var accounts = await h.GetAsync("AccountService/Accounts");
        Assert.Equal(3, accounts["Members@odata.count"]!.GetValue<int>());
        var admin = await h.GetAsync("AccountService/Accounts/2");
        Assert.Equal("admin", admin["UserName"]!.GetValue<string>());
        Assert.Equal("Administrator", admin["RoleId"]!.GetValue<string>());
        Assert.Null(admin["Password"]);
        using var patch = await h.SendAsync(HttpMethod.Patch, "AccountService/Accounts/4", new JsonObject { ["Password"] = "newpw" });
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.True(h.Model().GetUser(4)!.PasswordMatches("newpw"u8));
    }
}
